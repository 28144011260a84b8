import { describe, expect, it } from 'vitest';
import { cli, SPAWN_TIMEOUT_MS } from './spawnCli';

interface Share {
  k: number;
  n: number;
  share: number;
  low: number;
  high: number;
}
interface Report {
  baseSeed: number;
  n: number;
  shares: Record<string, Share>;
  recoveryTime: { n: number; min: number; p10: number; p50: number; p90: number; max: number } | null;
  runs: { seed: number; verdict: string; recoveryTime: number | null }[];
}

/** The retry storm near its edge (150/s, a 3-s outage: some seeds recover, some stay stuck), cut to 150 s to be quick. */
const EDGE = ['retry-storm', '--set', 'load.rate=150', '--set', 'triggers.0.duration=3', '--set', 'duration=150'];
/** The slow budget of a test that spawns several ensembles one after another. */
const TIMEOUT = 4 * SPAWN_TIMEOUT_MS;

describe('sim run --seeds', () => {
  it('prints shares with Wilson intervals, recovery quantiles and every seed, the same bytes on repeat and with any --jobs', async () => {
    const a = await cli(['run', ...EDGE, '--seeds', '12', '--jobs', '2']);
    const b = await cli(['run', ...EDGE, '--seeds', '12', '--jobs', '1']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const r = JSON.parse(a.stdout) as Report;
    expect(r.n).toBe(12);
    expect(r.baseSeed).toBe(1);
    expect(r.runs).toHaveLength(12);
    expect(r.runs[0]!.seed).toBe(1);
    expect(new Set(r.runs.map((x) => x.seed)).size).toBe(12);
    const ks = Object.values(r.shares).map((s) => s.k);
    expect(ks.reduce((x, y) => x + y, 0)).toBe(12);
    for (const [verdict, s] of Object.entries(r.shares)) {
      expect(s.k).toBe(r.runs.filter((x) => x.verdict === verdict).length);
      expect(s.low).toBeLessThanOrEqual(s.share);
      expect(s.high).toBeGreaterThanOrEqual(s.share);
    }
    const recovered = r.runs.filter((x) => x.verdict === 'recovered').map((x) => x.recoveryTime!);
    if (recovered.length > 0) {
      expect(r.recoveryTime?.n).toBe(recovered.length);
      expect(r.recoveryTime?.min).toBe(Math.min(...recovered));
      expect(r.recoveryTime?.max).toBe(Math.max(...recovered));
    } else expect(r.recoveryTime).toBeNull();
    // Each seed's verdict is that of a plain run with that seed.
    for (const run of r.runs.slice(0, 3)) {
      const one = await cli(['run', ...EDGE, '--seed', String(run.seed)]);
      const summary = (JSON.parse(one.stdout) as { summary: { verdict: string; recoveryTime: number | null } }).summary;
      expect([summary.verdict, summary.recoveryTime]).toEqual([run.verdict, run.recoveryTime]);
    }
  }, TIMEOUT);

  it('prints one CSV row under a header naming each figure', async () => {
    const r = await cli(['run', 'mm1', '--set', 'duration=60', '--seeds', '3', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [header, row, ...rest] = r.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(header?.split(',').slice(0, 5)).toEqual(['n', 'stableK', 'stableShare', 'stableLow', 'stableHigh']);
    expect(header?.split(',').slice(-6)).toEqual(['recoveredN', 'recoveryMin', 'recoveryP10', 'recoveryP50', 'recoveryP90', 'recoveryMax']);
    expect(row?.split(',')).toHaveLength(header!.split(',').length);
    expect(row?.split(',')[0]).toBe('3');
  }, TIMEOUT);

  it('refuses a bad --seeds or a --jobs without it with exit 2', async () => {
    const zero = await cli(['run', 'mm1', '--seeds', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--seeds must be an integer from 1 to 1000, got "0"/);
    const jobs = await cli(['run', 'mm1', '--jobs', '2']);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toMatch(/--jobs goes with --seeds/);
  }, TIMEOUT);
});

describe('sim sweep --seeds / --adaptive', () => {
  const GRID = ['--x', 'load.rate=144:153:4', '--y', 'triggers.0.duration=1:7:3'];

  it('prints per-cell ensembles, the same bytes on repeat and with any --jobs; the adaptive map runs each cell a prefix of its fixed seeds', async () => {
    const fixed = await cli(['sweep', ...EDGE, ...GRID, '--seeds', '6', '--format', 'json', '--jobs', '2']);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
    const again = await cli(['sweep', ...EDGE, ...GRID, '--seeds', '6', '--format', 'json', '--jobs', '1']);
    expect(again.stdout).toBe(fixed.stdout);
    const adaptive = await cli(['sweep', ...EDGE, ...GRID, '--adaptive', '--budget', '40', '--max-seeds', '6', '--format', 'json', '--jobs', '2']);
    expect(adaptive.code).toBe(0);
    const adaptiveAgain = await cli(['sweep', ...EDGE, ...GRID, '--adaptive', '--budget', '40', '--max-seeds', '6', '--format', 'json', '--jobs', '1']);
    expect(adaptiveAgain.stdout).toBe(adaptive.stdout);

    const f = JSON.parse(fixed.stdout) as (Report & Record<string, number>)[];
    const a = JSON.parse(adaptive.stdout) as (Report & Record<string, number>)[];
    expect(f.map((row) => [row['load.rate'], row['triggers.0.duration']])).toEqual([144, 147, 150, 153].flatMap((x) => [1, 4, 7].map((y) => [x, y])));
    expect(f.every((row) => row.n === 6)).toBe(true);
    const spent = a.reduce((s, row) => s + row.n, 0);
    expect(spent).toBeLessThanOrEqual(40);
    a.forEach((row, i) => {
      expect(row.n).toBeGreaterThanOrEqual(2);
      expect(row.runs).toEqual(f[i]!.runs.slice(0, row.n));
    });
  }, TIMEOUT);

  it('prints CSV with the axis columns first', async () => {
    const r = await cli(['sweep', ...EDGE, ...GRID, '--seeds', '2', '--jobs', '2']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]?.startsWith('load.rate,triggers.0.duration,n,stableK,')).toBe(true);
    expect(lines).toHaveLength(1 + 12);
    expect(lines[1]?.split(',').slice(0, 3)).toEqual(['144', '1', '2']);
  }, TIMEOUT);

  it('refuses conflicting or out-of-range ensemble options with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--seeds', '3', '--adaptive'], /choose one of --seeds N/],
      [['--budget', '50'], /--budget goes with --adaptive/],
      [['--adaptive', '--budget', '10'], /--budget must be at least 24 \(2 seeds for each of the 12 cells\), got 10/],
      [['--adaptive', '--target-width', '0'], /--target-width must be a number in \(0, 1\]/],
      [['--adaptive', '--max-seeds', '1'], /--max-seeds must be an integer from 2 to 1000/],
    ];
    for (const [flags, message] of cases) {
      const r = await cli(['sweep', 'mm1', ...GRID, ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  }, TIMEOUT);
});
