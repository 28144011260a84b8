import { describe, expect, it } from 'vitest';
import { defaultScenario, parseScenario, runScenario, type RunResult } from '../../src/sim/index';
import { createRunStore, figuresOf } from '../../src/state/index';
import type { SimRunner } from '../../src/worker/index';
import { inProcessRunner } from '../worker/inProcessRunner';

/** A runner whose answers the test releases by hand, in any order. */
function manualRunner() {
  const calls: { input: unknown; resolve: (r: RunResult) => void; reject: (e: Error) => void }[] = [];
  const runner: SimRunner = {
    defaultScenario: () => Promise.resolve(defaultScenario()),
    run: (input) => new Promise((resolve, reject) => calls.push({ input, resolve, reject })),
  };
  return { runner, calls };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 1));
}

describe('createRunStore', () => {
  it('starts idle with nothing chosen and nothing shown', () => {
    const state = createRunStore(inProcessRunner()).getState();
    expect(state).toMatchObject({ scenario: null, status: 'idle', figures: null, error: null });
  });

  it('run() fetches the default scenario, runs it and shows the figures of its summary', async () => {
    const store = createRunStore(inProcessRunner());
    const running = store.getState().run();
    expect(store.getState().status).toBe('running');
    await running;

    const expected = runScenario(parseScenario(defaultScenario()).scenario);
    expect(store.getState()).toMatchObject({ status: 'done', error: null, scenario: expected.scenario });
    expect(store.getState().figures).toEqual({
      verdict: expected.summary.verdict,
      offeredPerS: expected.summary.rates.offered,
      goodputPerS: expected.summary.rates.goodput,
      p99S: expected.summary.latency.p99,
      recoveryTimeS: expected.summary.recoveryTime,
      stopped: expected.summary.stopped,
    });
  });

  it('a failed run reports the error message and keeps the last figures on screen', async () => {
    const { runner, calls } = manualRunner();
    const store = createRunStore(runner);
    const result = runScenario(parseScenario(defaultScenario()).scenario);

    const first = store.getState().run();
    await until(() => calls.length === 1);
    calls[0]!.resolve(result);
    await first;

    const second = store.getState().run();
    await until(() => calls.length === 2);
    calls[1]!.reject(new Error('load.rate: -1 is out of range'));
    await second;

    expect(store.getState()).toMatchObject({
      status: 'failed',
      error: 'load.rate: -1 is out of range',
      figures: figuresOf(result.summary),
    });
  });

  it('only the latest run updates the state, whatever order the answers come in', async () => {
    const { runner, calls } = manualRunner();
    const store = createRunStore(runner);
    const older = runScenario(parseScenario({ ...defaultScenario(), seed: 1, duration: 60 }).scenario);
    const newer = runScenario(parseScenario({ ...defaultScenario(), seed: 2, duration: 60 }).scenario);
    expect(newer.summary.rates.offered).not.toBe(older.summary.rates.offered);

    const first = store.getState().run();
    await until(() => calls.length === 1);
    const second = store.getState().run();
    await until(() => calls.length === 2);
    calls[1]!.resolve(newer);
    await second;
    calls[0]!.resolve(older);
    await first;

    expect(store.getState().status).toBe('done');
    expect(store.getState().figures).toEqual(figuresOf(newer.summary));
  });
});
