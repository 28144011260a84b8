/**
 * Reset, a new seed and a new run length replace the run while the playback loop is stepping it. Whatever step is in
 * flight at that moment, the new run starts at t = 0 and advances only by the time played since: no frame of the old
 * run, and no step computed from the old run's time, reaches it.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, type Scenario } from '../../src/sim/index';
import { createLabStore, type LabStore } from '../../src/state/index';
import { inProcessRunner } from '../worker/inProcessRunner';
import { serialRunner } from '../support/serialRunner';
import { manualScheduler, until } from '../support/waiting';

type Replace = { name: string; op: (store: LabStore) => Promise<void>; scenario: (base: Scenario) => Scenario };

const REPLACES: Replace[] = [
  { name: 'reset', op: (s) => s.getState().reset(), scenario: (b) => b },
  { name: 'seed', op: (s) => s.getState().setSeed(977), scenario: (b) => ({ ...b, seed: 977 }) },
  { name: 'run length', op: (s) => s.getState().setDuration(300), scenario: (b) => ({ ...b, duration: 300 }) },
];

const MS_PER_FRAME = 100;

async function replaceWhileStepping(replace: Replace, atS: number, speed: number) {
  const clock = manualScheduler();
  const store = createLabStore(serialRunner(inProcessRunner()), { scheduler: clock.scheduler, unthrottledBudgetMs: 1 });
  let t = 0;
  // One display frame, when the loop asks for one; a run that has ended (unthrottled can get there in a step) asks for none.
  const frame = async () => {
    await until(() => clock.pending || !store.getState().playing || store.getState().done);
    if (clock.pending) clock.tick((t += MS_PER_FRAME));
    else await new Promise((r) => setTimeout(r, 1));
  };
  await store.getState().init('mm1');
  store.getState().setSpeed(speed);
  while (store.getState().nowS < atS && !store.getState().done) await frame();
  const base = store.getState().base!;
  const before = store.getState().nowS;

  // A frame starts a step; the run is replaced while that step is on its way.
  await frame();
  let framesSince = 1;
  let settled = false;
  const replaced = replace.op(store).then(() => (settled = true));
  while (!settled) {
    await frame();
    framesSince++;
  }
  await replaced;
  for (let i = 0; i < 3; i++, framesSince++) await frame();
  const state = store.getState();
  store.getState().dispose();
  return { state, before, framesSince, expected: replace.scenario(base) };
}

describe('operations that replace the run, while it plays', () => {
  const tries: [Replace, number, number][] = [];
  for (const replace of REPLACES) for (const atS of [12, 37, 71, 88]) for (const speed of [10, Infinity]) tries.push([replace, atS, speed]);

  it.each(tries.map(([r, atS, speed]) => [r.name, atS, speed === Infinity ? 'unthrottled' : `${speed}×`, r, atS, speed] as const))(
    '%s at t ≈ %i s, %s: the new run starts at 0 and holds only its own frames',
    async (_name, _at, _speedName, replace, atS, speed) => {
      const { state, before, framesSince, expected } = await replaceWhileStepping(replace, atS, speed);
      if (speed !== Infinity) expect(before).toBeGreaterThanOrEqual(atS);
      expect(state.recorded).toEqual(parseScenario(expected).scenario);
      // The series is the new scenario's own, bin for bin, from t = 0.
      const whole = runScenario(parseScenario(expected).scenario).series;
      const n = state.series.length;
      expect(state.nowS).toBe(n * state.binS);
      const got = state.series.toJSON() as unknown as Record<string, number[]>;
      for (const name of ['t', 'offered', 'goodput', 'queue']) {
        expect(JSON.stringify(got[name])).toBe(JSON.stringify((whole as unknown as Record<string, number[]>)[name]!.slice(0, n)));
      }
      if (speed !== Infinity) {
        // At 10× and 100 ms a frame, each frame plays one second: the new run is no further on than the frames since.
        expect(state.nowS).toBeLessThanOrEqual(framesSince * (MS_PER_FRAME / 1000) * speed);
        expect(state.nowS).toBeLessThan(before);
      }
    },
  );
});
