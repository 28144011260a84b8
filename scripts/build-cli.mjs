#!/usr/bin/env node
// `npm run build:cli` (and `prepare`, so `npm ci` leaves a ready CLI): bundle the command line into .tmp/cli/.
import { buildCli, CLI_ENTRY } from './lib/cliBuild.mjs';

await buildCli();
console.log(`built ${CLI_ENTRY}`);
