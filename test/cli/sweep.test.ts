import { describe, expect, it } from 'vitest';
import { cli, SPAWN_TIMEOUT_MS } from './spawnCli';

interface Row {
  rate: number;
  outage: number;
  verdict: string;
  recoveryTime: number | null;
}

function rowsOf(csv: string): Row[] {
  const [header, ...lines] = csv.trim().split('\n');
  expect(header).toBe('load.rate,triggers.0.duration,verdict,recoveryTime');
  return lines.map((line) => {
    const [rate, outage, verdict, recovery] = line.split(',');
    return { rate: Number(rate), outage: Number(outage), verdict: verdict ?? '', recoveryTime: recovery === '' ? null : Number(recovery) };
  });
}

/** 133 cells of 400-s runs: half a minute on two idle cores, several minutes on busy ones. */
const GRID_TIMEOUT_MS = 5 * SPAWN_TIMEOUT_MS;

describe('sim sweep', () => {
  // docs/validation.md, M1: a sweep over load 100–280/s × outage 1–31 s shows no metastable cell at or
  // below 130/s and only metastable cells at 200/s and above for outages of 20 s or more
  // (Bronson et al. put the threshold near 150/s).
  it('M1 load × outage: recovers at or below 130/s, stuck at 200/s and above after outages of 20 s or more', async () => {
    const r = await cli(['sweep', 'retry-storm', '--x', 'load.rate=100:280:19', '--y', 'triggers.0.duration=1:31:7'], GRID_TIMEOUT_MS);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows).toHaveLength(19 * 7);
    expect(rows.map((x) => x.rate)).toContain(130);
    for (const row of rows) {
      if (row.rate <= 130) expect(row.verdict, `${row.rate}/s, ${row.outage}-s outage`).not.toBe('metastable');
      if (row.rate >= 200 && row.outage >= 20) expect(row.verdict, `${row.rate}/s, ${row.outage}-s outage`).toBe('metastable');
      if (row.verdict === 'recovered') expect(row.recoveryTime).not.toBeNull();
      else expect(row.recoveryTime).toBeNull();
    }
    // The threshold lies inside the grid: some cells recover and some stay stuck.
    expect(rows.some((x) => x.verdict === 'metastable')).toBe(true);
    expect(rows.some((x) => x.verdict === 'recovered')).toBe(true);
  }, GRID_TIMEOUT_MS);

  it('prints JSON rows keyed by the axis paths, and matches `run` cell by cell', async () => {
    const sweep = await cli(['sweep', 'retry-storm', '--x', 'load.rate=140:280:2', '--y', 'client.retry.maxRetries=0:1:2', '--format', 'json', '--jobs', '2']);
    expect(sweep.code).toBe(0);
    const rows = JSON.parse(sweep.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => [row['load.rate'], row['client.retry.maxRetries']])).toEqual([
      [140, 0],
      [140, 1],
      [280, 0],
      [280, 1],
    ]);
    for (const row of rows) {
      const run = await cli(['run', 'retry-storm', '--set', `load.rate=${String(row['load.rate'])}`, '--set', `client.retry.maxRetries=${String(row['client.retry.maxRetries'])}`]);
      const summary = (JSON.parse(run.stdout) as { summary: { verdict: string; recoveryTime: number | null } }).summary;
      expect(row.verdict).toBe(summary.verdict);
      expect(row.recoveryTime).toBe(summary.recoveryTime);
    }
  }, 5 * SPAWN_TIMEOUT_MS);

  it('refuses a malformed axis with exit 2 and an invalid cell with exit 1 naming the cell and field', async () => {
    const usage = await cli(['sweep', 'retry-storm', '--x', 'load.rate=100:280', '--y', 'triggers.0.duration=1:31:7']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--x needs path=from:to:steps/);
    const missing = await cli(['sweep', 'retry-storm', '--x', 'load.rate=100:280:3']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/both --x and --y/);
    const invalid = await cli(['sweep', 'retry-storm', '--x', 'client.retry.maxRetries=-2:2:3', '--y', 'load.rate=100:200:2']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/client\.retry\.maxRetries=-2.*\n.*client\.retry\.maxRetries: got -2, expected an integer from 0 to 100/);
  }, 3 * SPAWN_TIMEOUT_MS);
});
