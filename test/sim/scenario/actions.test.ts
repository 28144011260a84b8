import { describe, expect, it } from 'vitest';
import {
  SETTABLE_PATHS,
  SETTABLE_ROOTS,
  ScenarioError,
  applySet,
  defaultScenario,
  isSettablePath,
  parseScenario,
} from '../../../src/sim/scenario/index';
import { issuesOf } from './issuePaths';


describe('settable paths', () => {
  it('are every field and section under load, client, server and cache, and nothing else', () => {
    expect(SETTABLE_ROOTS).toEqual(['load', 'client', 'server', 'cache']);
    for (const path of ['load', 'load.rate', 'client.retry.budget', 'client.retry.budget.tokens', 'cache', 'cache.hitRate', 'server.queue.codel.target']) {
      expect(isSettablePath(path)).toBe(true);
    }
    for (const path of ['duration', 'seed', 'triggers', 'triggers.0.at', 'limits.maxInFlight', 'load.rat', 'load.', '__proto__', 'client.__proto__', 'constructor']) {
      expect(isSettablePath(path)).toBe(false);
    }
    expect(SETTABLE_PATHS.every((p) => SETTABLE_ROOTS.some((r) => p === r || p.startsWith(`${r}.`)))).toBe(true);
  });
});

describe('actions are validated by applying them in firing order', () => {
  it('accepts leaves, sections and null, and normalises what they set', () => {
    const { scenario } = parseScenario({
      actions: [
        { at: 10, set: { 'client.retry.maxRetries': 3, 'cache.hitRate': 0.5 } },
        { at: 20, set: { 'client.retry.budget': { tokens: 5 }, cache: null } },
        { at: 30, set: { 'client.retry.budget': null, server: { concurrency: 40 } } },
      ],
    });
    expect(scenario.actions[0]?.set).toEqual({ 'client.retry.maxRetries': 3, 'cache.hitRate': 0.5 });
    // A section is completed with its defaults, so the engine never sees a partial one.
    expect(scenario.actions[1]?.set).toEqual({ 'client.retry.budget': { ...parseScenario({ client: { retry: { budget: {} } } }).scenario.client.retry.budget, tokens: 5 }, cache: null });
    expect(scenario.actions[2]?.set['server']).toEqual({ ...defaultScenario().server, concurrency: 40 });
  });

  it('names the action, the set key and the range', () => {
    const actions = [
      { at: 1, set: { 'load.rate': 50 } },
      { at: 2, set: { 'load.rate': 60 } },
      { at: 3, set: { 'load.rate': 70 } },
      { at: 4, set: { 'client.retry.maxRetries': -1 } },
    ];
    expect(issuesOf({ actions })).toEqual([
      { path: 'actions[3].set["client.retry.maxRetries"]', message: 'got -1, expected an integer from 0 to 100' },
    ]);
  });

  it('points inside a section value, and at unknown keys inside it', () => {
    expect(issuesOf({ actions: [{ at: 1, set: { 'client.retry': { maxRetries: 200, jiter: 'full' } } }] })).toEqual([
      { path: 'actions[0].set["client.retry"].jiter', message: 'unknown field (did you mean "jitter"?)' },
      { path: 'actions[0].set["client.retry"].maxRetries', message: 'got 200, expected an integer from 0 to 100' },
    ]);
  });

  it('an unknown path gets a did-you-mean; a field outside the settable sections is refused', () => {
    expect(issuesOf({ actions: [{ at: 1, set: { 'client.retry.maxRetry': 1, duration: 5, 'triggers.0.at': 1 } }] })).toEqual([
      { path: 'actions[0].set["client.retry.maxRetry"]', message: 'unknown field (did you mean "client.retry.maxRetries"?)' },
      { path: 'actions[0].set.duration', message: "cannot be changed by an action (only fields under load, client, server, cache can be, and a graph's parameters, not its structure)" },
      { path: 'actions[0].set["triggers.0.at"]', message: 'unknown field' },
    ]);
  });

  it('a set needs at least one path', () => {
    expect(issuesOf({ actions: [{ at: 1, set: {} }] })).toEqual([
      { path: 'actions[0].set', message: 'got {}, expected a JSON object of at least one "path.to.field": value' },
    ]);
    expect(issuesOf({ actions: [{ at: 1 }] })[0]?.path).toBe('actions[0].set');
  });

  it('checks cross-field rules on the state each action leaves, and blames the action', () => {
    const base = { server: { autoscale: {} } };
    expect(issuesOf({ ...base, actions: [{ at: 5, set: { 'server.concurrency': null } }] })).toEqual([
      {
        path: 'actions[0].set["server.concurrency"]',
        message: 'needs a bounded server.concurrency (got null): autoscaling adds slots to a finite number of them',
      },
    ]);
    // Fired in time order: the autoscaler is off (t = 5) before concurrency becomes unbounded (t = 9).
    const reordered = [
      { at: 9, set: { 'server.concurrency': null } },
      { at: 5, set: { 'server.autoscale': null } },
    ];
    expect(parseScenario({ ...base, actions: reordered }).scenario.actions).toHaveLength(2);
  });

  it('setting a field inside a section that is off switches it on with defaults', () => {
    const { scenario } = parseScenario({ actions: [{ at: 1, set: { 'cache.hitRate': 0.5 } }] });
    expect(applySet(scenario, scenario.actions[0]?.set ?? {}).cache).toEqual({
      hitRate: 0.5,
      fill: 'on-time',
      hitLatency: 0.001,
      ttl: null,
    });
  });

  it('drop mode drops unknown paths with a notice, and an action left with nothing to set', () => {
    const { scenario, notices } = parseScenario(
      {
        actions: [
          { at: 1, set: { 'load.burstiness': 'ramp' } },
          { at: 2, set: { 'load.rate': 50, 'client.retyr': 1 } },
        ],
      },
      { unknownKeys: 'drop' },
    );
    expect(scenario.actions).toEqual([{ at: 2, set: { 'load.rate': 50 } }]);
    expect(notices).toEqual([
      'actions[0].set["load.burstiness"]: unknown field dropped',
      'actions[0]: every path it sets is unknown; action dropped',
      'actions[1].set["client.retyr"]: unknown field dropped (did you mean "client.retry"?)',
    ]);
    // Later problems still point at the action as written.
    expect(
      issuesOf({ actions: [{ at: 1, set: { 'load.burstiness': 1 } }, { at: 2, set: { 'load.rate': -1 } }] }, 'drop'),
    ).toEqual([{ path: 'actions[1].set["load.rate"]', message: 'got -1, expected a number from 0 to 1000000' }]);
  });
});

describe('applySet', () => {
  it('returns a new validated scenario and leaves its argument alone', () => {
    const base = defaultScenario();
    const before = JSON.stringify(base);
    const next = applySet(base, { 'client.retry': { maxRetries: 2 }, 'load.rate': 250 });
    expect(JSON.stringify(base)).toBe(before);
    expect(next.client.retry).toEqual({ ...base.client.retry, maxRetries: 2 });
    expect(next.load.rate).toBe(250);
    expect(next).not.toBe(base);
    expect(JSON.stringify(Object.keys(next))).toBe(JSON.stringify(Object.keys(base)));
  });

  it('throws a ScenarioError naming set["path"]', () => {
    expect(() => applySet(defaultScenario(), { 'load.rate': -1 })).toThrow(
      new ScenarioError([{ path: 'set["load.rate"]', message: 'got -1, expected a number from 0 to 1000000' }]),
    );
    expect(() => applySet(defaultScenario(), { 'load.rat': 1 })).toThrow(/set\["load.rat"\]: unknown field \(did you mean "load.rate"\?\)/);
    expect(() => applySet(defaultScenario(), 5 as unknown as Record<string, unknown>)).toThrow(ScenarioError);
    const polluting: Record<string, unknown> = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(() => applySet(defaultScenario(), polluting)).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
