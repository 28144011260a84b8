#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit/property tests, e2e tests, in that order — the package.json scripts of
 * those names, so each check is defined once; this adds only the JSON reporters. Every step runs even when an
 * earlier one failed, so the summary is complete; the last line is "N passed, N failed[, N skipped]" and
 * the exit code is 1 when anything failed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTallies, summaryLine, tallyCheck, tallyPlaywright, tallyVitest } from './lib/summary.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const reports = join(root, '.tmp', 'reports');

/**
 * Run one of package.json's scripts with the terminal attached, so each tool's own report stays readable.
 * @param {string} script
 * @param {string[]} [extraArgs] appended to the script's command
 * @param {Record<string, string>} [env]
 * @returns {Promise<number>}
 */
function run(script, extraArgs = [], env = {}) {
  const args = ['run', '--silent', script, ...(extraArgs.length > 0 ? ['--', ...extraArgs] : [])];
  return new Promise((resolve) => {
    const child = spawn('npm', args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`could not start npm run ${script}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** @param {string} file */
function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** @param {string} title */
function banner(title) {
  console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`);
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const unitReport = join(reports, 'unit.json');
const e2eReport = join(reports, 'e2e.json');

/** @type {{ name: string, execute: () => Promise<import('./lib/summary.mjs').Tally> }[]} */
const steps = [
  { name: 'typecheck', execute: async () => tallyCheck(await run('typecheck')) },
  { name: 'lint', execute: async () => tallyCheck(await run('lint')) },
  {
    name: 'unit and property tests',
    execute: async () => {
      const code = await run('test:unit', ['--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
      return tallyVitest(readReport(unitReport), code);
    },
  },
  {
    name: 'e2e tests',
    execute: async () => {
      const code = await run('test:e2e', ['--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReport });
      return tallyPlaywright(readReport(e2eReport), code);
    },
  },
];

const results = [];
for (const step of steps) {
  banner(step.name);
  results.push({ name: step.name, tally: await step.execute() });
}

banner('summary');
for (const { name, tally } of results) {
  const skipped = tally.skipped > 0 ? `, ${tally.skipped} skipped` : '';
  console.log(`${tally.failed > 0 ? 'FAIL' : 'ok  '} ${name}: ${tally.passed} passed, ${tally.failed} failed${skipped}`);
  for (const note of tally.notes) console.log(`       ${note}`);
}
const total = addTallies(results.map((r) => r.tally));
console.log(summaryLine(total));
process.exitCode = total.failed > 0 ? 1 : 0;
