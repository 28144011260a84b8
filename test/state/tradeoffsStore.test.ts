import { describe, expect, it } from 'vitest';
import { findPreset, getPath, setPath } from '../../src/sim/index';
import { createTradeoffsStore } from '../../src/state/index';
import { createSweepPool } from '../../src/worker/index';
import { runSweepCell } from '../../src/worker/sweepCell';
import { fakeSweepWorkers, react } from '../worker/fakeSweepWorkers';

const short = setPath(findPreset('retry-storm')!.scenario, 'duration', 80);

describe('tradeoffs store', () => {
  it('plans the baseline, every cure and each pair on the chosen seeds, reports progress, and cancels at once', async () => {
    const fake = fakeSweepWorkers(runSweepCell);
    const store = createTradeoffsStore(createSweepPool({ size: 2, startWorker: fake.start }));
    store.getState().setSeedCount(3);
    expect(store.getState().start(short)).toBe(true);
    const { configs, total } = store.getState();
    // 10 cures apply to the retry storm; pairs whose fields overlap are left out (none here): 1 + 10 + 45.
    expect(configs).toHaveLength(56);
    expect(total).toBe(56 * 3 * 2);
    expect(store.getState().status).toBe('running');
    fake.workers[0]!.answerOne();
    await react();
    expect(store.getState().completed).toBe(1);
    store.getState().cancel();
    await react();
    expect(store.getState().status).toBe('cancelled');
    expect(fake.workers.every((w) => w.terminated)).toBe(true);
    // A configuration opens on the first seed with its fields set.
    const raw = store.getState().configRaw('lifo+codel');
    expect(getPath(raw, 'server.queue.discipline')).toBe('lifo');
    expect(getPath(raw, 'server.queue.codel')).toEqual({});
    expect(getPath(raw, 'seed')).toBe(1);
    expect(store.getState().configRaw('no-such')).toBeNull();
  });

  it('refuses a scenario it cannot plan, with the message', () => {
    const fake = fakeSweepWorkers(runSweepCell);
    const store = createTradeoffsStore(createSweepPool({ size: 1, startWorker: fake.start }));
    expect(store.getState().start(setPath(short, 'load.rate', -1))).toBe(false);
    expect(store.getState().status).toBe('failed');
    expect(store.getState().message).toMatch(/load\.rate/);
  });
});
