import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario } from '../../src/sim/index';
import { createCompareStore } from '../../src/state/index';
import { inProcessRunner } from '../worker/inProcessRunner';
import { manualScheduler, until } from '../support/waiting';

// Compare works on graphs of services: a broken/cured pair of graph presets runs side by side to the whole runs' results.

describe('compare store with graphs of services', () => {
  it('runs a pair of graph presets in lock step to the same summaries as whole runs', async () => {
    const short = (id: string) => ({ ...(findPreset(id)!.scenario as object), duration: 60 });
    const [left, right] = [short('graph-retry-layers'), short('graph-retry-edge')];
    const clock = manualScheduler();
    const store = createCompareStore([inProcessRunner(), inProcessRunner()], { scheduler: clock.scheduler });
    expect(await store.getState().startPair(left, right, ['every layer', 'edge only'])).toBe(true);
    store.getState().setSpeed(Infinity);
    store.getState().play();
    let t = 0;
    const bothDone = () => store.getState().left.done && store.getState().right.done;
    while (!bothDone()) {
      await until(() => clock.pending || bothDone());
      clock.tick((t += 100));
      await until(() => clock.pending || bothDone());
      expect(store.getState().left.nowS).toBe(store.getState().right.nowS);
    }
    const expected = [left, right].map((s) => runScenario(parseScenario(s).scenario).summary);
    expect(store.getState().left.summary).toEqual(expected[0]);
    expect(store.getState().right.summary).toEqual(expected[1]);
    expect(store.getState().left.recorded?.graph?.services.map((s) => s.name)).toEqual(['front', 'mid', 'back']);
  });
});
