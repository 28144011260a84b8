import { describe, expect, it } from 'vitest';
import { NO_COSTS } from '../support/costs';
import { findPreset, parseScenario } from '../../src/sim/index';
import { createPhaseStore } from '../../src/state/index';
import { createSweepPool, type CellFigures } from '../../src/worker/index';
import { fakeSweepWorkers, react } from '../worker/fakeSweepWorkers';

const storm = parseScenario(findPreset('retry-storm')!.scenario).scenario;

function figures(raw: unknown): CellFigures {
  const s = raw as { load: { rate: number } };
  return { verdict: s.load.rate > 200 ? 'metastable' : 'recovered', recoveryTime: s.load.rate > 200 ? null : 5, goodput: 1, offered: 1, p99: 0.1, amplification: 1, badTime: 3, stopped: null, costs: NO_COSTS };
}

function setup(runCell: (raw: unknown) => CellFigures = figures, cellTimeoutMs?: () => number) {
  const fake = fakeSweepWorkers(runCell);
  const flushes: (() => void)[] = [];
  let clock = 0;
  const store = createPhaseStore(createSweepPool({ size: 2, startWorker: fake.start, ...(cellTimeoutMs ? { cellTimeoutMs } : {}) }), { scheduler: (f) => flushes.push(f), clockMs: () => (clock += 100) });
  store.getState().ensureAxes(storm);
  store.getState().setAxis('x', { from: 100, to: 300, steps: 3 });
  store.getState().setAxis('y', { from: 10, to: 30, steps: 2 });
  return { fake, flushes, store };
}

describe('phase-map store', () => {
  it('runs the lab’s scenario without its live actions, tells the page once per frame, and marks the scenario’s own point', async () => {
    const { fake, flushes, store } = setup();
    const withActions = { ...storm, actions: [{ at: 100, set: { 'load.rate': 10 } }] };
    expect(store.getState().start(withActions)).toBe(true);
    expect(store.getState()).toMatchObject({ status: 'running', total: 6, completed: 0 });
    const map = store.getState().map!;
    expect(map.base.actions).toEqual([]);
    expect(map.own).toEqual({ x: 280, y: 10 });
    expect(map.x.values).toEqual([100, 200, 300]);
    const version = store.getState().version;
    fake.workers[0]!.answerOne();
    fake.workers[1]!.answerOne();
    await react();
    // Two cells arrived, one flush scheduled, nothing told yet.
    expect(flushes).toHaveLength(1);
    expect(store.getState().version).toBe(version);
    flushes.shift()!();
    expect(store.getState().completed).toBe(2);
    await fake.answerAll();
    // Six cells of 10 ms each in the (fake) workers.
    expect(store.getState()).toMatchObject({ status: 'done', completed: 6, elapsedMs: 100, computeMs: 60 });
    expect(map.cells.map((c) => c?.verdict)).toEqual(['recovered', 'recovered', 'recovered', 'recovered', 'metastable', 'metastable']);
    // A cell's scenario is what ran: both values written into the base.
    const raw = store.getState().cellRaw(5) as typeof storm;
    expect(raw.load.rate).toBe(300);
    expect(raw.triggers[0]).toMatchObject({ kind: 'outage', duration: 30 });
  });

  it('refuses axes that do not fit, naming the field, and runs nothing', () => {
    const { fake, store } = setup();
    store.getState().setAxis('x', { from: -1 });
    store.getState().setRunLength(-3);
    expect(store.getState().start(storm)).toBe(false);
    expect(store.getState().problems).toEqual([
      'Load (load.rate) from: got -1, expected a number from 0 to 1000000.',
      'Run length (duration): got -3, expected a number from 0 (exclusive) to 10000000.',
    ]);
    expect(store.getState().status).toBe('idle');
    expect(fake.workers).toHaveLength(0);
  });

  it('stops at the first invalid cell with a message naming the cell and the field', async () => {
    const { fake, store } = setup((raw) => {
      if ((raw as typeof storm).load.rate > 200) throw new Error('client.timeout: got 9, expected a number');
      return figures(raw);
    });
    store.getState().start(storm);
    await fake.answerAll();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().message).toBe('The cell at load.rate = 300, triggers.0.duration = 10 is not a valid scenario: client.timeout: got 9, expected a number');
    expect(fake.workers.every((w) => w.terminated)).toBe(true);
  });

  it('cancel stops the map where it is; late answers change nothing', async () => {
    const { fake, flushes, store } = setup();
    store.getState().start(storm);
    fake.workers[0]!.answerOne();
    await react();
    const held = fake.workers[1]!.inbox[0]!;
    store.getState().cancel();
    expect(store.getState()).toMatchObject({ status: 'cancelled', completed: 1 });
    fake.workers[1]!.deliver({ index: held.index, figures: figures(storm), ms: 10 });
    await react();
    for (const f of flushes) f();
    expect(store.getState()).toMatchObject({ status: 'cancelled', completed: 1 });
    expect(store.getState().map!.cells.filter((c) => c !== null)).toHaveLength(1);
  });

  it('a cell that hangs its worker is run again on a new worker, and the page says so; one lost twice stays empty, named', async () => {
    const { fake, flushes, store } = setup(figures, () => 30);
    fake.hangOn(0, 1);
    fake.hangOn(3, 2);
    store.getState().start(storm);
    while (store.getState().status === 'running') {
      await fake.answerAll();
      for (const f of flushes.splice(0)) f();
      await new Promise((r) => setTimeout(r, 10));
    }
    const state = store.getState();
    expect(state.status).toBe('done');
    expect(state.completed).toBe(6);
    expect(state.failedCells).toBe(1);
    expect(state.notice).toBe('1 cell could not be run and stays empty: The phase-map worker did not answer within 0.03 s.');
    expect(state.map!.cells.map((c) => c === null)).toEqual([false, false, false, true, false, false]);
  });
});
