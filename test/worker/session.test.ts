import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario, SERIES_NAMES } from '../../src/sim/index';
import { SeriesBuffer } from '../../src/state/index';
import { MAX_STEP_MS, SimSession } from '../../src/worker/session';

const storm = () => findPreset('retry-storm')!.scenario;

/** Run a session to its end with the given slicing and collect its frames into a buffer. */
function runSliced(next: (session: SimSession, nowS: number) => ReturnType<SimSession['step']>, input: unknown = storm()) {
  const session = new SimSession(() => 0);
  session.start(input);
  const buffer = new SeriesBuffer(SERIES_NAMES, 4);
  let frames = 0;
  for (let nowS = 0, done = false; !done; frames++) {
    const frame = next(session, nowS);
    buffer.write(frame.fromBin, frame.bins, frame.data);
    nowS = frame.nowS;
    done = frame.done;
  }
  return { buffer, frames, session };
}

describe('SimSession', () => {
  it('frames stitched together equal the CLI run, byte for byte, however the run is sliced', () => {
    const expected = JSON.stringify(runScenario(parseScenario(storm()).scenario).series);
    for (const stepS of [1, 7, 50]) {
      const { buffer, frames } = runSliced((s, now) => s.step({ toS: now + stepS }));
      expect(frames).toBeGreaterThan(400 / stepS - 1);
      expect(JSON.stringify(buffer.toJSON())).toBe(expected);
    }
  });

  it('a budgeted step advances whole bins until the wall-clock budget is spent', () => {
    let clock = 0;
    const session = new SimSession(() => (clock += 1));
    session.start(storm());
    const frame = session.step({ budgetMs: 5 });
    expect(frame.nowS).toBeGreaterThan(0);
    expect(Number.isInteger(frame.nowS)).toBe(true);
    expect(frame.bins).toBe(frame.nowS);
    expect(frame.data).toHaveLength(frame.bins * SERIES_NAMES.length);
  });

  it('a step inside one long bin answers after MAX_STEP_MS of work, and the pieces add up to the CLI run byte for byte', () => {
    // One 40-s bin of 200,000 attempts: many pieces of EVENTS_PER_PIECE events. The clock moves 100 ms a look.
    const input = { version: 1, duration: 40, bin: 40, load: { rate: 5000 }, server: { concurrency: null } };
    const expected = JSON.stringify(runScenario(parseScenario(input).scenario).series);
    let clock = 0;
    const session = new SimSession(() => (clock += 100));
    session.start(input);
    const buffer = new SeriesBuffer(SERIES_NAMES, 4);
    const times: number[] = [];
    for (let done = false, guard = 0; !done && guard < 10_000; guard++) {
      const before = clock;
      const frame = guard % 2 === 0 ? session.step({ toS: 40 }) : session.step({ budgetMs: 10_000 });
      // Each step looked at the clock at most until MAX_STEP_MS had passed: a bounded number of pieces.
      expect(clock - before).toBeLessThanOrEqual(MAX_STEP_MS + 200);
      buffer.write(frame.fromBin, frame.bins, frame.data);
      times.push(frame.nowS);
      done = frame.done;
    }
    expect(times.length).toBeGreaterThan(5);
    expect(times[0]).toBeGreaterThan(0);
    expect(times[0]).toBeLessThan(40);
    expect(JSON.stringify(buffer.toJSON())).toBe(expected);
  });

  it('a live change is recorded at the current time, takes effect from then on, and replays exactly', () => {
    const session = new SimSession(() => 0);
    session.start(storm());
    const buffer = new SeriesBuffer(SERIES_NAMES);
    let frame = session.step({ toS: 30 });
    buffer.write(frame.fromBin, frame.bins, frame.data);
    const info = session.set({ 'client.retry.maxRetries': 0 });
    expect(info.recorded.actions).toEqual([{ at: 30, set: { 'client.retry.maxRetries': 0 } }]);
    expect(info.effective.client.retry.maxRetries).toBe(0);
    const injected = session.inject({ kind: 'spike', duration: 5, factor: 2 });
    expect(injected.recorded.triggers.at(-1)).toMatchObject({ kind: 'spike', at: 30, duration: 5, factor: 2 });
    do {
      frame = session.step({ toS: frame.nowS + 13 });
      buffer.write(frame.fromBin, frame.bins, frame.data);
    } while (!frame.done);
    const replay = runScenario(parseScenario(injected.recorded).scenario);
    expect(JSON.stringify(buffer.toJSON())).toBe(JSON.stringify(replay.series));
    // The change mattered: without it the run differs.
    expect(JSON.stringify(buffer.toJSON())).not.toBe(JSON.stringify(runScenario(parseScenario(storm()).scenario).series));
  });

  it('a cache flush injected into a run without a cache is refused, named by its field, and not recorded', () => {
    const session = new SimSession(() => 0);
    session.start(storm());
    session.step({ toS: 10 });
    expect(() => session.inject({ kind: 'cache-flush' })).toThrow(/triggers\[\d+\]\.kind: got "cache-flush" at 10 s, when the scenario has no cache/);
    expect(session.step({ toS: 20 }).nowS).toBe(20);
    expect(session.set({ cache: {} }).recorded.triggers.filter((t) => t.kind === 'cache-flush')).toEqual([]);
    // Once an action has turned the cache on, a later flush is taken.
    session.step({ toS: 30 });
    expect(session.inject({ kind: 'cache-flush' }).recorded.triggers.at(-1)).toEqual({ kind: 'cache-flush', at: 30 });
  });

  it('a bad change is refused with the field and its range, and the run goes on', () => {
    const session = new SimSession(() => 0);
    session.start(storm());
    session.step({ toS: 10 });
    expect(() => session.set({ 'client.retry.maxRetries': -1 })).toThrow(/client\.retry\.maxRetries.*got -1.*0 to 100/);
    expect(session.step({ toS: 20 }).nowS).toBe(20);
  });

  it('reports when a fired scenario action changes the parameters in force', () => {
    const session = new SimSession(() => 0);
    session.start({ ...storm(), actions: [{ at: 5, set: { 'load.rate': 100 } }] });
    expect(session.step({ toS: 3 }).effective).toBeNull();
    expect(session.step({ toS: 8 }).effective?.load.rate).toBe(100);
    expect(session.step({ toS: 9 }).effective).toBeNull();
  });
});
