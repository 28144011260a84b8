/**
 * A scenario whose simulated time would stop advancing (a control checking every 1e-300 s) is refused by `run` and
 * `sweep` before any event runs, naming the field and its range, by a child process whose peak memory is measured.
 * How long the refusal takes is not part of this test (it depends on the machine); the report prints it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MEASURED_CLI, readUsage } from './hostileInputs';
import { TIME_STOP_INPUTS } from './timeStopInputs';
import { ROOT, SPAWN_TIMEOUT_MS } from './spawnCli';

const dir = mkdtempSync(join(tmpdir(), 'sim-time-stops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bound for these inputs: refused or finished under 300 MB. */
const PEAK_MB = 300;

function runMeasured(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...MEASURED_CLI, ...args], { cwd: ROOT, timeout: SPAWN_TIMEOUT_MS });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, peakMb: readUsage(stderr).peakMb }));
  });
}


describe('sim run and sweep end on a scenario whose time would stop advancing', () => {
  it.each(TIME_STOP_INPUTS.map((c) => [c.name, c] as const))('%s', async (name, { scenario, command, message }) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(path, JSON.stringify(scenario));
    const [verb, ...options] = command;
    const { code, signal, stderr, peakMb } = await runMeasured([verb!, path, ...options]);
    expect(signal).toBeNull();
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(peakMb).toBeLessThan(PEAK_MB);
  }, SPAWN_TIMEOUT_MS);
});
