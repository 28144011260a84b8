/**
 * `npm run bench:input`: what refusing hostile scenario files costs the CLI — wall time, CPU time and peak memory of
 * a child process per file — beside the same child running `list` (Node and the CLI's bundle starting up); and
 * refusing scenarios whose simulated time would stop advancing (`run` and `sweep`).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_INPUTS, MEASURED_CLI, readUsage, writeHostile } from '../test/cli/hostileInputs';
import { TIME_STOP_INPUTS } from '../test/cli/timeStopInputs';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'bench-input-'));

function measure(args: string[]): { wallMs: number; cpuMs: number; peakMb: number; code: number | null; firstLine: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...MEASURED_CLI, ...args], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  const wallMs = performance.now() - t0;
  return { wallMs, ...readUsage(r.stderr), code: r.status, firstLine: r.stderr.split('\n')[0]!.slice(0, 110) };
}

const row = (name: string, size: string, m: ReturnType<typeof measure>) =>
  console.log(`${name.padEnd(50)} ${size.padStart(9)} ${m.wallMs.toFixed(0).padStart(7)} ${m.cpuMs.toFixed(0).padStart(7)} ${m.peakMb.toFixed(0).padStart(7)}  exit ${m.code}  ${m.firstLine}`);

console.log(`${'input'.padEnd(50)} ${'size'.padStart(9)} ${'wall ms'.padStart(7)} ${'cpu ms'.padStart(7)} ${'peak MB'.padStart(7)}`);
row('(baseline: `list`, no input)', '-', measure(['list']));
for (const input of HOSTILE_INPUTS) {
  const path = join(dir, 'input.json');
  rmSync(path, { force: true });
  writeHostile(path, input, appendFileSync);
  const size = `${(statSync(path).size / 1e6).toFixed(1)} MB`;
  row(input.name, size, measure(['run', path]));
}
// Scenarios whose simulated time would stop advancing: refused before any event runs.
for (const input of TIME_STOP_INPUTS) {
  const path = join(dir, 'input.json');
  writeFileSync(path, JSON.stringify(input.scenario));
  const [verb, ...options] = input.command;
  row(input.name, `${statSync(path).size} B`, measure([verb!, path, ...options]));
}
rmSync(dir, { recursive: true, force: true });
