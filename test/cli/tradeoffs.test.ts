import { describe, expect, it } from 'vitest';
import { findPreset, setPath } from '../../src/sim/index';
import { createTradeoffsStore } from '../../src/state/index';
import { createSweepPool } from '../../src/worker/index';
import { runSweepCell } from '../../src/worker/sweepCell';
import { fakeSweepWorkers, react } from '../worker/fakeSweepWorkers';
import { cli, SPAWN_TIMEOUT_MS } from './spawnCli';

/** The retry storm cut to 120 s (outage at 60 s, 10 s): the same cures apply, a quarter of the runs' work. */
const short = setPath(findPreset('retry-storm')!.scenario, 'duration', 120);

describe('sim tradeoffs', () => {
  it('prints the rows the tradeoffs view computes from its workers for the same configurations and seeds', async () => {
    const r = await cli(['tradeoffs', 'retry-storm', '--set', 'duration=120', '--seeds', '2', '--no-pairs', '--jobs', '1'], 3 * SPAWN_TIMEOUT_MS);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { seeds: number[]; rows: { id: string }[]; frontier: Record<string, string[]> };
    expect(printed.seeds).toEqual([1, 2]);

    // The view: its store over the page's pool, with workers that run each cell in this process as the real ones do.
    const fake = fakeSweepWorkers(runSweepCell);
    const store = createTradeoffsStore(createSweepPool({ size: 2, startWorker: fake.start }));
    store.getState().setPairs(false);
    store.getState().setSeedCount(2);
    expect(store.getState().start(short)).toBe(true);
    await fake.answerAll();
    await react();
    expect(store.getState().status).toBe('done');
    // Every cure of the compare view applies to the retry storm, and every row has all its runs.
    const ids = store.getState().rows.map((row) => row.id);
    expect(ids).toEqual(['none', 'retry-budget', 'circuit-breaker', 'backoff-jitter', 'lifo', 'bounded-queue', 'drop-expired', 'cancel-on-timeout', 'codel', 'throttle', 'no-retries']);
    expect(store.getState().rows.every((row) => row.runs === 2)).toBe(true);
    expect(JSON.parse(JSON.stringify(store.getState().rows))).toEqual(printed.rows);
  }, 4 * SPAWN_TIMEOUT_MS);

  it('prints CSV with one row per configuration, and refuses a seed count out of range', async () => {
    const csv = await cli(['tradeoffs', 'retry-storm', '--set', 'duration=80', '--seeds', '1', '--no-pairs', '--format', 'csv', '--jobs', '1'], 3 * SPAWN_TIMEOUT_MS);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,label,runs,recovered,goodputShare,stuckShare,recoveryTime,amplification,shedShare,successesLost,p999,longestWait,detect');
    expect(lines).toHaveLength(12);
    const bad = await cli(['tradeoffs', 'retry-storm', '--seeds', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--seeds must be an integer from 1 to 64');
  }, 4 * SPAWN_TIMEOUT_MS);
});
