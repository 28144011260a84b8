import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario } from '../../src/sim/index';
import { createCompareStore, CURES } from '../../src/state/index';
import { compareRows } from '../../src/ui/compare/compareFigures';
import { inProcessRunner } from '../worker/inProcessRunner';
import { manualScheduler, until } from '../support/waiting';
import { serialRunner } from '../support/serialRunner';

const storm = parseScenario(findPreset('retry-storm')!.scenario).scenario;

describe('compare store', () => {
  it('steps both sides to the same simulated time every tick, on one seed, to the same results as whole runs', async () => {
    const clock = manualScheduler();
    const store = createCompareStore([inProcessRunner(), inProcessRunner()], { scheduler: clock.scheduler });
    store.getState().choose({ seed: 5 });
    expect(await store.getState().start({ ...storm, actions: [{ at: 100, set: { 'load.rate': 10 } }] })).toBe(true);
    const { left, right } = store.getState();
    expect(left.recorded?.seed).toBe(5);
    expect(right.recorded?.seed).toBe(5);
    // The lab's live actions are left out; the right side has the one change.
    expect(left.recorded?.actions).toEqual([]);
    expect(left.recorded?.client.retry.budget).toBeNull();
    expect(right.recorded?.client.retry.budget).toMatchObject({ kind: 'grpc', tokens: 10, ratio: 0.1 });
    expect(right.title).toContain('+ retry budget');

    store.getState().setSpeed(50);
    store.getState().play();
    let t = 0;
    const seen: number[] = [];
    const bothDone = () => store.getState().left.done && store.getState().right.done;
    while (!bothDone()) {
      await until(() => clock.pending || bothDone());
      clock.tick((t += 200));
      // The tick steps both sessions and then asks for the next frame.
      await until(() => clock.pending || bothDone());
      const s = store.getState();
      expect(s.left.nowS).toBe(s.right.nowS);
      seen.push(s.left.nowS);
    }
    // 50 simulated seconds per real second, ticks 200 ms apart: 10 s per tick (the first tick has no interval yet).
    expect(seen.slice(0, 4)).toEqual([0, 10, 20, 30]);
    const done = store.getState();
    expect(done.playing).toBe(false);
    // Each side equals the whole run of its scenario.
    const whole = (s: typeof storm) => runScenario(s).summary;
    expect(done.left.summary).toEqual(whole(done.left.recorded!));
    expect(done.right.summary).toEqual(whole(done.right.recorded!));
    // Same seed, same traffic: the first attempts of every bin agree.
    expect(Array.from(done.left.series.values('offered').subarray(0, 400))).toEqual(Array.from(done.right.series.values('offered').subarray(0, 400)));
    const rows = compareRows(done.left, done.right);
    expect(rows.find((r) => r.key === 'verdict')).toMatchObject({ left: 'metastable', right: 'recovered', diff: 'metastable → recovered' });
    expect(rows.find((r) => r.key === 'goodput')!.diff).toMatch(/^\+\d+\.\d\/s \(\+\d+%\)$/);
  }, 60_000);

  it('every cure is a valid change of the retry storm, and a preset can be each side', async () => {
    for (const cure of CURES) {
      const store = createCompareStore([inProcessRunner(), inProcessRunner()], { scheduler: manualScheduler().scheduler });
      store.getState().choose({ rightChange: cure.id, rightSource: { kind: 'preset', id: 'retry-storm' } });
      expect(await store.getState().start(storm), cure.id).toBe(true);
      expect(store.getState().message).toBeNull();
      expect(store.getState().right.title).toBe(cure.id === 'none' ? 'Retry storm' : `Retry storm + ${cure.label}`);
    }
    const bounded = createCompareStore([inProcessRunner(), inProcessRunner()], { scheduler: manualScheduler().scheduler });
    bounded.getState().choose({ rightChange: 'bounded-queue' });
    await bounded.getState().start(storm);
    expect(bounded.getState().right.recorded?.server.queue.limit).toBe(150);
  });

  it('a side whose worker restarted while idle (from t = 0, as the bridge restarts it) replays to the shared time: the lock step and the results hold', async () => {
    const clock = manualScheduler();
    const right = inProcessRunner();
    const store = createCompareStore([inProcessRunner(), right], { scheduler: clock.scheduler });
    expect(await store.getState().start(storm)).toBe(true);
    store.getState().setSpeed(50);
    store.getState().play();
    let t = 0;
    const bothDone = () => store.getState().left.done && store.getState().right.done;
    let restarted = false;
    while (!bothDone()) {
      await until(() => clock.pending || bothDone());
      if (!restarted && store.getState().nowS >= 100) {
        // What the bridge does after a crash: a new session of the last good scenario, from t = 0.
        await right.start(store.getState().right.recorded);
        restarted = true;
      }
      clock.tick((t += 200));
      await until(() => clock.pending || bothDone());
      expect(store.getState().left.nowS).toBe(store.getState().right.nowS);
    }
    expect(restarted).toBe(true);
    const done = store.getState();
    const whole = runScenario(done.right.recorded!);
    expect(done.right.summary).toEqual(whole.summary);
    const goodput = Array.from(done.right.series.values('goodput').subarray(0, done.right.series.length), (v) => (Number.isNaN(v) ? null : v));
    expect(goodput).toEqual(whole.series.goodput);
  }, 60_000);

  it('names what went wrong when a side cannot start', async () => {
    const store = createCompareStore([inProcessRunner(), inProcessRunner()], { scheduler: manualScheduler().scheduler });
    store.getState().choose({ leftSource: { kind: 'preset', id: 'no-such-preset' } });
    expect(await store.getState().start(storm)).toBe(false);
    expect(store.getState()).toMatchObject({ status: 'failed', message: 'There is no preset "no-such-preset".' });
  });
});

describe('compare store: reset while both sides are stepping', () => {
  it.each([14, 33, 52, 75])('reset at t ≈ %i s starts both sides at 0 and plays on only by the time since', async (atS) => {
    const clock = manualScheduler();
    const store = createCompareStore([serialRunner(inProcessRunner()), serialRunner(inProcessRunner())], { scheduler: clock.scheduler });
    const scenario = parseScenario(findPreset('mm1')!.scenario).scenario;
    expect(await store.getState().start(scenario)).toBe(true);
    store.getState().setSpeed(10);
    store.getState().play();
    let t = 0;
    const frame = async () => {
      await until(() => clock.pending);
      clock.tick((t += 100));
    };
    while (store.getState().nowS < atS) await frame();
    const before = store.getState().nowS;
    await frame(); // a step of both sides is on its way
    let frames = 1;
    let settled = false;
    const reset = store.getState().reset().then(() => (settled = true));
    while (!settled) {
      if (clock.pending) {
        clock.tick((t += 100));
        frames++;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await reset;
    for (let i = 0; i < 3; i++, frames++) await frame();
    const s = store.getState();
    store.getState().dispose();
    expect(s.playing).toBe(true);
    expect(s.left.nowS).toBe(s.right.nowS);
    expect(s.nowS).toBeLessThan(before);
    expect(s.nowS).toBeLessThanOrEqual(frames);
    const whole = runScenario(s.left.recorded!).series;
    const n = s.left.series.length;
    expect(Array.from(s.left.series.values('offered').subarray(0, n))).toEqual(whole.offered.slice(0, n));
  });
});
