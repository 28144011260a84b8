/**
 * Input that is not a scenario is refused before the CLI does work in proportion to it: each file below is refused
 * with a message naming the limit and the field, by a child process whose peak memory is measured. The time each
 * refusal takes is a benchmark (`npm run bench:input`), not part of this test.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOSTILE_INPUTS, MEASURED_CLI, readUsage, writeHostile } from './hostileInputs';
import { ROOT, SPAWN_TIMEOUT_MS } from './spawnCli';

const dir = mkdtempSync(join(tmpdir(), 'sim-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Peak resident memory of a refusal, MB: Node and the CLI's bundle take about 50 of it before any input. */
const PEAK_MB = 200;

function runMeasured(args: string[]): Promise<{ code: number | null; stderr: string; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...MEASURED_CLI, ...args], { cwd: ROOT });
    let stderr = '';
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stderr, peakMb: readUsage(stderr).peakMb });
    });
  });
}

describe('sim run refuses hostile input within bounded memory', () => {
  it.each(HOSTILE_INPUTS.map((h) => [h.name, h] as const))('%s', async (_name, hostile) => {
    const path = join(dir, `${hostile.name.replace(/\W+/g, '-')}.json`);
    writeHostile(path, hostile, appendFileSync);
    try {
      const { code, stderr, peakMb } = await runMeasured(['run', path]);
      expect(code).toBe(1);
      expect(stderr).toMatch(hostile.message);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(peakMb).toBeLessThan(PEAK_MB);
    } finally {
      rmSync(path, { force: true });
    }
  }, SPAWN_TIMEOUT_MS);
});
