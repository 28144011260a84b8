import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario } from '../../src/sim/index';
import { createLabStore, type LabStore } from '../../src/state/index';
import { inProcessRunner } from '../worker/inProcessRunner';
import { manualScheduler, until } from '../support/waiting';

async function playTo(store: LabStore, clock: ReturnType<typeof manualScheduler>, nowS: number, msPerTick = 100) {
  let t = 0;
  while (store.getState().nowS < nowS && !store.getState().done) {
    await until(() => clock.pending || store.getState().done);
    clock.tick((t += msPerTick));
  }
}

describe('createLabStore', () => {
  it('opens on the retry-storm preset, playing, and advances in whole bins at the chosen speed', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    await store.getState().init();
    expect(store.getState()).toMatchObject({ presetId: 'retry-storm', playing: true, phase: 'ready' });
    store.getState().setSpeed(10);
    clock.tick(0);
    await until(() => clock.pending);
    clock.tick(100); // 0.1 s × 10 = 1 simulated second
    await until(() => store.getState().nowS === 1);
    expect(store.getState().series.length).toBe(1);
  });

  it('a scenario opened at a later time replays there in steps, showing where the replay is headed until it arrives', async () => {
    // A fake wall clock, 100 ms a look: each step does a few pieces of the replay, whatever the machine.
    let wallMs = 0;
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(() => (wallMs += 100)), { scheduler: clock.scheduler });
    await store.getState().init();
    const seen: { replayToS: number | null; nowS: number }[] = [];
    store.subscribe((s) => seen.push({ replayToS: s.replayToS, nowS: s.nowS }));
    const input = { version: 1, name: 'Late', duration: 400, load: { rate: 2000 }, server: { concurrency: null } };
    expect(await store.getState().openScenario(input, { atS: 300.5, play: false })).toBe(true);
    const during = seen.filter((s) => s.replayToS === 300);
    expect(during.some((s) => s.nowS > 0 && s.nowS < 300)).toBe(true);
    expect(seen.every((s) => s.replayToS === null || s.replayToS === 300)).toBe(true);
    expect(store.getState()).toMatchObject({ replayToS: null, nowS: 300, playing: false });
    const whole = runScenario(parseScenario(input).scenario);
    expect(JSON.stringify(store.getState().series.toJSON().goodput)).toBe(JSON.stringify(whole.series.goodput.slice(0, 300)));
  });

  it('a run played to the end has the CLI’s series and fingerprint, with the series hash of JSON.stringify', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    await store.getState().init('mm1');
    store.getState().setSpeed(Infinity);
    await playTo(store, clock, Infinity, 16);
    await until(() => store.getState().fingerprint !== null && store.getState().pageFingerprint !== null);
    const cli = runScenario(parseScenario(findPreset('mm1')!.scenario).scenario);
    expect(JSON.stringify(store.getState().series.toJSON())).toBe(JSON.stringify(cli.series));
    const { createHash } = await import('node:crypto');
    const cliHash = createHash('sha256').update(JSON.stringify(cli.series)).digest('hex');
    expect(store.getState().fingerprint).toBe(cliHash);
    expect(store.getState().pageFingerprint).toBe(cliHash);
    expect(store.getState().framesFingerprint).toBe(cliHash);
    expect(store.getState().playing).toBe(false);
  });

  it('a change while paused is applied at once, recorded, and a bad value shows its message without stopping the lab', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    await store.getState().init();
    store.getState().pause();
    await store.getState().stepOnce();
    await store.getState().stepOnce();
    expect(store.getState().nowS).toBe(2);
    store.getState().change({ 'client.retry.maxRetries': 0 });
    expect(store.getState().draft).toEqual({ 'client.retry.maxRetries': 0 });
    await until(() => store.getState().recorded?.actions.length === 1);
    expect(store.getState().recorded?.actions[0]).toEqual({ at: 2, set: { 'client.retry.maxRetries': 0 } });
    expect(store.getState().effective?.client.retry.maxRetries).toBe(0);
    expect(store.getState().draft).toEqual({});

    store.getState().change({ 'server.concurrency': 0 });
    await until(() => store.getState().notice !== null);
    expect(store.getState().notice?.text).toMatch(/server\.concurrency"\]: got 0, expected null or an integer from 1 to 100000/);
    await store.getState().stepOnce();
    expect(store.getState().nowS).toBe(3);
  });

  it('inject now records a trigger at the current time; schedule adds a later one and replays to now', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    await store.getState().init();
    store.getState().pause();
    for (let i = 0; i < 5; i++) await store.getState().stepOnce();
    await store.getState().injectNow({ kind: 'spike', duration: 3, factor: 2 });
    expect(store.getState().recorded?.triggers.at(-1)).toMatchObject({ kind: 'spike', at: 5 });
    const before = JSON.stringify(store.getState().series.toJSON());
    await store.getState().schedule({ kind: 'outage', duration: 5, at: 100 });
    expect(store.getState().nowS).toBe(5);
    expect(store.getState().recorded?.triggers.map((t) => t.at)).toEqual([60, 5, 100]);
    expect(JSON.stringify(store.getState().series.toJSON())).toBe(before);
    await store.getState().schedule({ kind: 'outage', duration: 5, at: 1 });
    expect(store.getState().notice?.text).toMatch(/has passed/);
  });

  it('reset starts again from t = 0 without the live changes', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    await store.getState().init();
    store.getState().pause();
    await store.getState().stepOnce();
    store.getState().change({ 'load.rate': 100 });
    await until(() => store.getState().recorded?.actions.length === 1);
    await store.getState().reset();
    expect(store.getState()).toMatchObject({ nowS: 0, recorded: { actions: [] } });
    expect(store.getState().series.length).toBe(0);
  });
});

describe('unschedule', () => {
  it('removes a trigger that has not started, replaying the run to now without it', async () => {
    const clock = manualScheduler();
    const store = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
    await store.getState().init();
    store.getState().pause();
    for (let i = 0; i < 3; i++) await store.getState().stepOnce();
    await store.getState().unschedule(0);
    expect(store.getState().recorded?.triggers).toEqual([]);
    expect(store.getState().nowS).toBe(3);
    await store.getState().reset();
    expect(store.getState().recorded?.triggers).toEqual([]);
  });
});

describe('init with an opening (a link or the autosave)', () => {
  it('opens the given scenario, paused when asked, with the preset it names', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: () => () => {} });
    await store.getState().init(undefined, { scenario: findPreset('mm1')!.scenario, presetId: 'mm1', play: false });
    expect(store.getState()).toMatchObject({ presetId: 'mm1', playing: false, nowS: 0, notice: null });
  });

  it('falls back to the default preset when the worker refuses it, keeping the refusal on show', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: () => () => {} });
    await store.getState().init(undefined, { scenario: { model: 'write-conflict' }, presetId: null, play: true });
    expect(store.getState()).toMatchObject({ presetId: 'retry-storm', playing: true });
    expect(store.getState().notice?.text).toMatch(/command line only/);
  });

  it('opens at a playhead (a link’s t): replayed to it at once, and that scenario is what reset returns to', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: () => () => {} });
    await store.getState().init();
    await store.getState().openScenario(findPreset('mm1')!.scenario, { presetId: 'mm1', play: false, atS: 120 });
    expect(store.getState()).toMatchObject({ presetId: 'mm1', nowS: 120, playing: false });
    expect(store.getState().series.length).toBe(120);
    expect(store.getState().base).toEqual(store.getState().recorded);
    await store.getState().reset();
    expect(store.getState()).toMatchObject({ presetId: 'mm1', nowS: 0 });
  });

  it('fetchResult gives the run so far in the CLI’s shape', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: () => () => {} });
    await store.getState().init('mm1');
    store.getState().pause();
    for (let i = 0; i < 3; i++) await store.getState().stepOnce();
    const result = await store.getState().fetchResult();
    expect(result.scenario).toEqual(store.getState().recorded);
    expect(result.series.t).toEqual([0, 1, 2]);
    expect(Object.keys(result.summary)).toContain('verdict');
  });
});
