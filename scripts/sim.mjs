#!/usr/bin/env node
// `npm run sim`: the bundled command line, rebuilt first if any of its sources changed since the last build.
import { pathToFileURL } from 'node:url';
import { CLI_ENTRY, ensureCliBuilt } from './lib/cliBuild.mjs';

await ensureCliBuilt();
await import(pathToFileURL(CLI_ENTRY).href);
