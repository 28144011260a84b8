/**
 * The command line as plain JavaScript: `src/cli/main.ts` and its sweep worker bundled by esbuild into
 * `.tmp/cli/`, so `npm run sim` starts Node on a ready file instead of compiling TypeScript on every run.
 * `ensureCliBuilt()` rebuilds, silently, whenever the bundle is missing or any file it was built from (the
 * bundler's own list of inputs, plus this file and the lock file) changed after the build started, so a stale build
 * never runs.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI_DIR = join(root, '.tmp', 'cli');
/** The built entry point; the sweep worker lies beside it (`sweepWorker.js`). */
export const CLI_ENTRY = join(CLI_DIR, 'main.js');
/** When the last build started and what it read: `{ startedMs, inputs }`. */
const MANIFEST = join(CLI_DIR, 'inputs.json');
/** Files that change the bundle without being part of it. */
const BUILD_INPUTS = [fileURLToPath(import.meta.url), join(root, 'package-lock.json')];

/** @param {string} path @returns {number} modification time in ms, or NaN when the file is missing */
function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.NaN;
  }
}

/**
 * Why the bundle must be rebuilt, or null when it is up to date.
 * @returns {string | null}
 */
export function staleReason() {
  /** @type {{ startedMs: number, inputs: string[] }} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'no build yet';
  }
  if (Number.isNaN(mtime(CLI_ENTRY) + mtime(join(CLI_DIR, 'sweepWorker.js')))) return 'no build yet';
  // Against the build's start, not its end: a file saved while esbuild ran may not be in the bundle.
  for (const input of [...BUILD_INPUTS, ...manifest.inputs.map((p) => join(root, p))]) {
    const changed = mtime(input);
    // A missing input (moved or deleted) means its importer changed too: rebuild either way.
    if (Number.isNaN(changed) || changed >= manifest.startedMs) return `${input.slice(root.length + 1)} changed`;
  }
  return null;
}

/** Bundle the CLI. Each file is written under a temporary name and renamed, so a concurrent reader never sees half a file. */
export async function buildCli() {
  const { build } = await import('esbuild');
  const startedMs = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', sweepWorker: 'src/cli/sweepWorker.ts' },
    outdir: CLI_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    write: false,
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    // Bundled CommonJS packages (the YAML parser) require Node's built-ins; an ES module has no `require` of its own.
    banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
  });
  mkdirSync(CLI_DIR, { recursive: true });
  const suffix = `.${process.pid}.tmp`;
  const manifest = { startedMs, inputs: Object.keys(result.metafile.inputs) };
  const files = [
    ...result.outputFiles.map((f) => ({ path: f.path, contents: f.contents })),
    // Written last: until it exists, the bundle counts as missing.
    { path: MANIFEST, contents: JSON.stringify(manifest) },
  ];
  for (const { path, contents } of files) {
    writeFileSync(path + suffix, contents);
    renameSync(path + suffix, path);
  }
}

/**
 * Rebuild the CLI if it is missing or stale. Silent (the CLI's stdout and stderr stay exactly its own); a failed
 * build throws with esbuild's message.
 * @returns {Promise<boolean>} whether it rebuilt
 */
export async function ensureCliBuilt() {
  if (staleReason() === null) return false;
  await buildCli();
  return true;
}
