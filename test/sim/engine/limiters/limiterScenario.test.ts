// server.limiter as a scenario field: validation messages naming the field, the library's defaults,
// --set, live changes recorded as actions, and links.
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../../../src/links/index';
import { applySet, findPreset, parseScenario, ScenarioError, Simulation } from '../../../../src/sim/index';
import { inProcess } from '../../../cli/inProcess';

function message(raw: unknown): string {
  try {
    parseScenario({ server: { limiter: raw } });
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  return 'accepted';
}

describe('server.limiter in the scenario', () => {
  it('is off by default, and each kind takes the library’s defaults', () => {
    expect(parseScenario({}).scenario.server.limiter).toBeNull();
    expect(parseScenario({ server: { limiter: { kind: 'aimd' } } }).scenario.server.limiter).toEqual({
      kind: 'aimd', initialLimit: 20, minLimit: 20, maxLimit: 200, backoffRatio: 0.9, timeout: 5,
    });
    expect(parseScenario({ server: { limiter: { kind: 'vegas' } } }).scenario.server.limiter).toEqual({
      kind: 'vegas', initialLimit: 20, maxLimit: 1000, smoothing: 1, probeMultiplier: 30, alpha: null, beta: null, threshold: null,
    });
    expect(parseScenario({ server: { limiter: { kind: 'gradient2' } } }).scenario.server.limiter).toEqual({
      kind: 'gradient2', initialLimit: 20, minLimit: 20, maxLimit: 200, smoothing: 0.2, queueSize: 4, longWindow: 600, rttTolerance: 1.5,
    });
  });

  it('refuses what the library does not take, naming the field and its range', () => {
    expect(message({ kind: 'aimd', backoffRatio: 1 })).toBe('server.limiter.backoffRatio: got 1, expected a number from 0.5 to 1 (exclusive)');
    expect(message({ kind: 'gradient2', rttTolerance: 0.9 })).toBe('server.limiter.rttTolerance: got 0.9, expected a number from 1 to 100');
    expect(message({ kind: 'gradiant2' })).toBe('server.limiter.kind: got "gradiant2", expected one of "aimd", "vegas", "gradient2" (did you mean "gradient2"?)');
    expect(message({ kind: 'aimd', smoothing: 0.5 })).toBe('server.limiter.smoothing: unknown field');
    expect(message({})).toBe('server.limiter.kind: missing, expected one of "aimd", "vegas", "gradient2"');
    expect(message(5)).toBe('server.limiter: got 5, expected null or a JSON object with a "kind"');
    expect(message({ kind: 'vegas', alpha: 1.5 })).toBe('server.limiter.alpha: got 1.5, expected null or an integer from 0 to 100000');
  });

  it('is set whole by an action, which may switch it on, change its kind or take it out', () => {
    const base = parseScenario({}).scenario;
    const on = applySet(base, { 'server.limiter': { kind: 'gradient2', maxLimit: 500 } });
    expect(on.server.limiter).toMatchObject({ kind: 'gradient2', maxLimit: 500, minLimit: 20 });
    expect(applySet(on, { 'server.limiter': null }).server.limiter).toBeNull();
    expect(() => applySet(on, { 'server.limiter': { kind: 'aimd', queueSize: 4 } })).toThrow('set["server.limiter"].queueSize: unknown field');
  });

  it('changes live, recorded as an action: the replay is the same run', () => {
    const raw = findPreset('retry-storm')!.scenario;
    const live = new Simulation(parseScenario(raw).scenario);
    live.advance(30);
    live.set({ 'server.limiter': { kind: 'aimd' } });
    live.runToEnd();
    const replay = new Simulation(live.scenario());
    replay.runToEnd();
    expect(live.scenario().actions).toHaveLength(1);
    expect(replay.series()).toEqual(live.series());
    expect(live.summary().verdict).toBe('recovered');
    // No limiter before t = 30 s: the limit series is null there, then the limiter's.
    expect(live.series().limiterLimit[29]).toBeNull();
    expect(live.series().limiterLimit[31]).toBeGreaterThanOrEqual(20);
  });

  it('reaches the command line through --set, and a link carries it', () => {
    const r = inProcess(['run', 'retry-storm', '--set', 'duration=60', '--set', 'server.limiter={"kind":"vegas","smoothing":0.5}']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { scenario: { server: { limiter: unknown } }; series: { limiterLimit: (number | null)[] } };
    expect(out.scenario.server.limiter).toMatchObject({ kind: 'vegas', smoothing: 0.5, maxLimit: 1000 });
    expect(out.series.limiterLimit.every((v) => typeof v === 'number')).toBe(true);
    const bad = inProcess(['run', 'retry-storm', '--set', 'server.limiter={"kind":"aimd","minLimit":0}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('server.limiter.minLimit: got 0, expected an integer from 1 to 100000');

    const scenario = parseScenario({ server: { limiter: { kind: 'vegas', maxLimit: 200 } } }).scenario;
    const decoded = decodeLink(encodeLink({ scenario }));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.state.scenario.server.limiter).toEqual(scenario.server.limiter);
  });
});
