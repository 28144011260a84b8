import { describe, expect, it } from 'vitest';
import { AssertionMonitor, arraysSource, findPreset, parseScenario, runScenario, violationSpans } from '../../src/sim/index';
import { createLabStore, type LabStore } from '../../src/state/index';
import { inProcessRunner } from '../worker/inProcessRunner';
import { manualScheduler, until } from '../support/waiting';

async function playTo(store: LabStore, clock: ReturnType<typeof manualScheduler>, nowS: number, msPerTick = 16) {
  let t = 0;
  while (store.getState().nowS < nowS && !store.getState().done) {
    await until(() => clock.pending || store.getState().done);
    clock.tick((t += msPerTick));
  }
}

const AMPLIFICATION = [{ check: 'amplification <= 1.5', scope: 'always' }];

describe('the lab checks the scenario’s assertions while the run plays', () => {
  it('finds, bin by bin over the frames, exactly the violations the CLI finds over the finished run', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    const raw = {
      ...findPreset('retry-storm')!.scenario,
      assertions: [...AMPLIFICATION, { check: 'mean(goodput, 10s) >= 90% * mean(offered, 10s)', scope: 'within 60s after triggers' }],
    };
    expect(await store.getState().openScenario(raw, { play: true })).toBe(true);
    store.getState().setSpeed(20);
    await playTo(store, clock, 80, 100);
    // Part-way: the outage (60–70 s) has pushed amplification over the bound; the recovery deadline (130 s) is ahead.
    const early = store.getState().violations;
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({ assertion: 0, from: 61 });
    store.getState().setSpeed(Infinity);
    await playTo(store, clock, Infinity);
    const scenario = parseScenario(raw).scenario;
    const result = runScenario(scenario);
    const cli = violationSpans(new AssertionMonitor(scenario).advance(arraysSource(result.series), result.series.t.length), scenario.bin);
    expect(store.getState().violations).toEqual(cli);
    expect(cli.map((s) => [s.assertion, s.from])).toEqual([
      [0, 61],
      [1, 130],
    ]);
  });

  it('setAssertions replays to now with them, keeps them on reset, and an invalid one is refused with a notice', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    await store.getState().init();
    store.getState().setSpeed(Infinity);
    await playTo(store, clock, 100);
    store.getState().pause();
    const nowS = store.getState().nowS;
    expect(store.getState().violations).toEqual([]);
    expect(await store.getState().setAssertions(AMPLIFICATION)).toBe(true);
    expect(store.getState().nowS).toBe(nowS);
    expect(store.getState().recorded?.assertions).toEqual(AMPLIFICATION);
    expect(store.getState().violations[0]).toMatchObject({ assertion: 0, from: 61, first: { comparison: 'amplification <= 1.5', bound: 1.5 } });

    expect(await store.getState().setAssertions([{ check: 'queue < 1 and shard.2.utilisation < 1', scope: 'always' }])).toBe(false);
    expect(store.getState().notice?.text).toContain('assertions[0].check: "queue < 1 and shard.2.utilisation < 1": column 15: no shard 2');
    expect(store.getState().recorded?.assertions).toEqual(AMPLIFICATION);

    await store.getState().reset();
    expect(store.getState().recorded?.assertions).toEqual(AMPLIFICATION);
    expect(await store.getState().setAssertions([])).toBe(true);
    expect(store.getState().violations).toEqual([]);
  });

  it('a cure applied live: after the retry budget is switched on, the same bound holds again', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    await store.getState().openScenario({ ...findPreset('retry-storm')!.scenario, assertions: AMPLIFICATION }, { play: true });
    store.getState().setSpeed(Infinity);
    await playTo(store, clock, 150);
    store.getState().pause();
    store.getState().change({ 'client.retry.budget': { tokens: 10, ratio: 0.1 } });
    await until(() => store.getState().recorded?.actions.length === 1);
    const curedAt = store.getState().recorded!.actions[0]!.at;
    store.getState().play();
    await playTo(store, clock, Infinity);
    const spans = store.getState().violations;
    const last = spans[spans.length - 1]!;
    expect(spans[0]!.from).toBe(61);
    // The budget stops the retries within a few bins of the change; the bound holds from then to the end.
    expect(last.to).toBeGreaterThanOrEqual(curedAt);
    expect(last.to).toBeLessThan(Math.min(curedAt + 30, 400));
    expect(store.getState().series.length).toBe(400);
  });
});
