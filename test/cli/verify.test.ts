import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../src/sim/scenario/index';
import { inProcess } from './inProcess';
import { cli, SPAWN_TIMEOUT_MS } from './spawnCli';

const AMPLIFICATION = `assertions=${JSON.stringify([{ check: 'amplification <= 1.5' }])}`;

interface Report {
  ok: boolean;
  seeds: number[];
  assertions: {
    index: number;
    check: string;
    scope: string;
    held: boolean;
    failures: { seed: number; bins: number; stretches: number; spans: { from: number; to: number; time: number; comparison: string; value: number; bound: number }[] }[];
  }[];
}

describe('sim verify', { timeout: 120_000 }, () => {
  it('the retry storm fails an amplification bound from the outage on, on every seed, and says where', () => {
    const r = inProcess(['verify', 'retry-storm', '--seeds', '3', '--set', AMPLIFICATION]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('FAIL  [0] amplification <= 1.5 (always): failed on 3 of 3 seeds');
    for (const [i, seed] of [1, 2, 3].entries()) {
      // The outage starts at 60 s; the first bin it fills with retries is the next one.
      expect(lines[i + 1]).toMatch(new RegExp(`^ {6}seed ${seed}: at t = 6[01] s amplification <= 1\\.5 was false: [0-9.]+ against 1\\.5; failed in \\d+ bins`));
    }
    expect(lines.at(-1)).toBe('verify preset retry-storm: 1 of 1 assertion failed');
  });

  it('its cure, the retry budget, holds the same bound on the same seeds: exit 0', () => {
    const r = inProcess(['verify', 'retry-budget', '--seeds', '3', '--set', AMPLIFICATION]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok    [0] amplification <= 1.5 (always): held on seeds 1 to 3\nverify preset retry-budget: the assertion held on seeds 1 to 3\n');
  });

  it('a recovery goal: the budget recovers goodput within 200 s of the outage, the storm never does', () => {
    const goal = `assertions=${JSON.stringify([{ check: 'mean(goodput, 10s) >= 90% * mean(offered, 10s)', scope: 'within 200s after triggers' }])}`;
    expect(inProcess(['verify', 'retry-budget', '--seeds', '2', '--set', goal]).code).toBe(0);
    const storm = inProcess(['verify', 'retry-storm', '--seeds', '2', '--format', 'json', '--set', goal]);
    expect(storm.code).toBe(4);
    const report = JSON.parse(storm.stdout) as Report;
    expect(report.ok).toBe(false);
    expect(report.seeds).toEqual([1, 2]);
    // Judged from the deadline (outage end 70 s + 200 s) to the end of the run (400 s).
    for (const f of report.assertions[0]!.failures) expect(f.spans[0]).toMatchObject({ from: 270, to: 400, time: 270, comparison: 'mean(goodput, 10s) >= 90% * mean(offered, 10s)' });
  });

  it('--format json lists each assertion with its failures per seed', () => {
    const two = `assertions=${JSON.stringify([{ check: 'amplification <= 1.5' }, { check: 'queue >= 0', scope: 'outside triggers' }])}`;
    const r = inProcess(['verify', 'retry-storm', '--seed', '5', '--format', 'json', '--set', two]);
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.seeds).toEqual([5]);
    expect(report.assertions.map((a) => [a.index, a.check, a.scope, a.held])).toEqual([
      [0, 'amplification <= 1.5', 'always', false],
      [1, 'queue >= 0', 'outside triggers', true],
    ]);
    const failure = report.assertions[0]!.failures[0]!;
    expect(failure.seed).toBe(5);
    expect(failure.spans[0]!.value).toBeGreaterThan(1.5);
    expect(failure.spans[0]!.bound).toBe(1.5);
    expect(failure.bins).toBeGreaterThan(100);
  });

  it('a scenario file carries its own assertions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-verify-'));
    const path = join(dir, 'storm.json');
    writeFileSync(path, JSON.stringify({ ...findPreset('retry-storm')!.scenario, assertions: [{ check: 'clientP99 <= 2.5s', scope: 'outside triggers' }] }));
    const r = inProcess(['verify', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`verify ${path}: the assertion held on seed 1`);
  });

  it('an invalid assertion is an invalid scenario (1), naming the field and the column', () => {
    const r = inProcess(['verify', 'retry-storm', '--set', `assertions=${JSON.stringify([{ check: 'amplification <= 1.5 or' }])}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('assertions[0].check: "amplification <= 1.5 or": column 24: expected a number, a series or "(", got the end');
  });

  it.each([
    [['verify', 'retry-storm'], 'preset retry-storm has no assertions to verify'],
    [['verify', 'retry-storm', '--seeds', '0', '--set', AMPLIFICATION], '--seeds must be an integer from 1 to 1000, got "0"'],
    [['verify', 'retry-storm', '--seeds', '2.5', '--set', AMPLIFICATION], '--seeds must be an integer'],
    [['verify', 'retry-storm', '--format', 'csv', '--set', AMPLIFICATION], '--format must be text or json'],
    [['verify'], 'verify needs exactly one scenario'],
  ])('usage errors exit 2: sim %j', (args, message) => {
    const r = inProcess(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: ${message}`);
  });

  it('spawned: the process exits 4 on a failure and 0 on a pass', async () => {
    const [fail, pass] = await Promise.all([
      cli(['verify', 'retry-storm', '--set', AMPLIFICATION]),
      cli(['verify', 'retry-budget', '--set', AMPLIFICATION]),
    ]);
    expect([fail.code, pass.code]).toEqual([4, 0]);
    expect(fail.stdout).toContain('FAIL  [0] amplification <= 1.5');
    expect(pass.stdout).toContain('ok    [0] amplification <= 1.5');
  }, SPAWN_TIMEOUT_MS);
});
