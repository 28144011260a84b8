#!/usr/bin/env node
/**
 * `npm run bench:cli`: how long `sim list` takes to start and answer — the built entry run with `node`, the
 * launcher `npm run sim` uses (freshness check, then the same bundle) and `npm run -s sim` itself — beside
 * `node -e 0`, the floor any Node command pays. The commands take turns, so a change in the machine's load
 * falls on all of them alike; each line gives the median, the fastest and the slowest of BENCH_RUNS runs (10).
 * Not part of `npm test`: timings on a shared machine are a measurement, not a check.
 */
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { CLI_ENTRY, ensureCliBuilt } from './lib/cliBuild.mjs';
import { quantile, root } from './lib/benchBrowser.mjs';

const runs = Number(process.env['BENCH_RUNS'] ?? 10);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`BENCH_RUNS must be a whole number from 1 up; got ${process.env['BENCH_RUNS']}`);
  process.exit(2);
}
await ensureCliBuilt();

const commands = [
  { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { label: `node ${relative(root, CLI_ENTRY)} list`, argv: [process.execPath, CLI_ENTRY, 'list'] },
  { label: 'node scripts/sim.mjs list', argv: [process.execPath, 'scripts/sim.mjs', 'list'] },
  { label: 'npm run -s sim -- list', argv: ['npm', 'run', '-s', 'sim', '--', 'list'] },
];

/** @type {number[][]} */
const times = commands.map(() => []);
/** @type {(string | null)[]} */
const outputs = commands.map(() => null);
for (let i = 0; i < runs; i++) {
  commands.forEach(({ label, argv }, c) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0] ?? '', argv.slice(1), { cwd: root, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) {
      console.error(`${label} exited with ${r.status}: ${r.stderr}`);
      process.exit(1);
    }
    times[c]?.push(ms);
    outputs[c] = r.stdout;
  });
}
// The three ways of running the CLI must answer alike, or the comparison means nothing.
if (new Set(outputs.slice(1)).size !== 1) {
  console.error('the CLI printed different lists depending on how it was started');
  process.exit(1);
}

const fmt = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(3)} s`;
console.log(`start-up of \`sim list\`, ${runs} runs each (median, fastest, slowest):`);
commands.forEach(({ label }, c) => {
  const xs = times[c] ?? [];
  console.log(`  ${label.padEnd(34)} ${fmt(quantile(xs, 0.5))}  (${fmt(Math.min(...xs))} – ${fmt(Math.max(...xs))})`);
});
