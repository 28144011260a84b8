import { describe, expect, it } from 'vitest';
import { ScenarioError, defaultScenario, parseScenario } from '../../../src/sim/scenario/index';
import { issuesOf } from './issuePaths';


describe('defaults', () => {
  it('parseScenario({}) is the default scenario, and defaultScenario() is fresh each call', () => {
    expect(parseScenario({}).scenario).toEqual(defaultScenario());
    const a = defaultScenario();
    a.load.rate = 5;
    a.triggers.push({ kind: 'cache-flush', at: 1 });
    expect(defaultScenario().load.rate).toBe(100);
    expect(defaultScenario().triggers).toEqual([]);
  });

  it('a partial section keeps the defaults of the fields it omits, nested ones too', () => {
    const { scenario } = parseScenario({ client: { timeout: 2 }, server: { service: { mean: 0.2 } } });
    expect(scenario.client.timeout).toBe(2);
    expect(scenario.client.retry).toEqual(defaultScenario().client.retry);
    expect(scenario.server.service).toEqual({ ...defaultScenario().server.service, mean: 0.2 });
    expect(scenario.server.queue).toEqual(defaultScenario().server.queue);
  });

  it('a section that is off by default, given as {}, is switched on with its defaults', () => {
    const { scenario } = parseScenario({
      cache: {},
      client: { retry: { budget: {} }, breaker: {}, throttle: {} },
      server: { queue: { codel: {} }, contention: {}, autoscale: {}, errors: {} },
    });
    expect(scenario.cache).toEqual({ hitRate: 0.9, fill: 'on-time', hitLatency: 0.001, ttl: null });
    expect(scenario.client.retry.budget).toEqual({
      kind: 'grpc',
      tokens: 10,
      ratio: 0.1,
      ttl: 10,
      minRetriesPerSec: 10,
      percentCanRetry: 0.2,
      budgetPercent: 20,
      minRetryConcurrency: 3,
      capacity: 500,
      retryCost: 5,
      timeoutCost: 10,
      noRetryIncrement: 1,
      deposit: 0.1,
      bucketSize: 10,
    });
    expect(scenario.server.errors).toEqual({ rate: 0.1 });
    expect(scenario.client.breaker).toEqual({ failureRatio: 0.5, window: 10, minRequests: 20, cooldown: 5, probes: 5 });
    expect(scenario.client.throttle).toEqual({ k: 2, window: 60 });
    expect(scenario.server.queue.codel).toEqual({ target: 0.005, interval: 0.1 });
    expect(scenario.server.contention).toEqual({ alpha: 0, beta: 0 });
    expect(scenario.server.autoscale).toEqual({ threshold: 0.8, window: 10, delay: 60, step: 5, max: 100 });
  });

  it('trigger fields take their defaults and triggers keep the order given', () => {
    const { scenario } = parseScenario({
      cache: {},
      triggers: [
        { kind: 'spike', at: 50, duration: 5 },
        { kind: 'cache-flush', at: 10 },
        { kind: 'capacity', at: 20, duration: 5, slots: 3 },
        { kind: 'outage', at: 1, duration: 1 },
      ],
    });
    expect(scenario.triggers).toEqual([
      { kind: 'spike', at: 50, duration: 5, factor: 2 },
      { kind: 'cache-flush', at: 10 },
      { kind: 'capacity', at: 20, duration: 5, factor: 1, slots: 3 },
      { kind: 'outage', at: 1, duration: 1, stations: null },
    ]);
  });

  it('-0 is read as 0, so the output survives a JSON round trip unchanged', () => {
    const { scenario } = parseScenario({ warmup: -0, load: { rate: -0 } });
    expect(Object.is(scenario.warmup, 0)).toBe(true);
    expect(Object.is(scenario.load.rate, 0)).toBe(true);
  });
});

describe('messages name the field path, the value and the allowed range', () => {
  it.each([
    [{ client: { retry: { maxRetries: -1 } } }, 'client.retry.maxRetries: got -1, expected an integer from 0 to 100'],
    [
      { server: { queue: { discipline: 'fifoo' } } },
      'server.queue.discipline: got "fifoo", expected one of "fifo", "lifo", "adaptive-lifo" (did you mean "fifo"?)',
    ],
    [{ client: { retyr: { maxRetries: 1 } } }, 'client.retyr: unknown field (did you mean "retry"?)'],
    [{ duration: NaN }, 'duration: got NaN, expected a number from 0 (exclusive) to 10000000'],
    [
      { triggers: [{ kind: 'outage', at: 1, duration: 1 }, { kind: 'outage', at: 1, duration: 1 }, { kind: 'outage', at: 1, duration: -2 }] },
      'triggers[2].duration: got -2, expected a number from 0 (exclusive) to 10000000',
    ],
    [{ triggers: [{ kind: 'outage', at: 3 }] }, 'triggers[0].duration: missing, expected a number from 0 (exclusive) to 10000000'],
    [
      { triggers: [{ kind: 'spkie', at: 3, duration: 1 }] },
      'triggers[0].kind: got "spkie", expected one of "spike", "outage", "random-outages", "capacity", "cache-flush", "errors" (did you mean "spike"?)',
    ],
    [{ triggers: [{ at: 3 }] }, 'triggers[0].kind: missing, expected one of "spike", "outage", "random-outages", "capacity", "cache-flush", "errors"'],
    [
      { cache: {}, triggers: [{ kind: 'cache-flush', at: 3, duration: 2 }] },
      'triggers[0].duration: unknown field',
    ],
    [
      { triggers: [{ kind: 'capacity', at: 3, duration: 2 }] },
      'triggers[0]: a capacity trigger with factor 1 and slots 0 would change nothing: give a factor other than 1, or slots above 0',
    ],
    [
      { triggers: [{ kind: 'cache-flush', at: 30 }] },
      'triggers[0].kind: got "cache-flush" at 30 s, when the scenario has no cache (cache is null): there is nothing to flush; add a "cache" section, or turn it on by an action before then',
    ],
    [
      { cache: {}, triggers: [{ kind: 'cache-flush', at: 30 }], actions: [{ at: 10, set: { cache: null } }] },
      'triggers[0].kind: got "cache-flush" at 30 s, when the scenario has no cache (cache is null): there is nothing to flush; add a "cache" section, or turn it on by an action before then',
    ],
    [{ load: 5 }, 'load: got 5, expected a JSON object'],
    [{ cache: [] }, 'cache: got [], expected null or a JSON object'],
    [{ triggers: {} }, 'triggers: got {}, expected an array of at most 1000 items'],
    [
      { server: { concurrency: null, autoscale: {} } },
      'server.autoscale: needs a bounded server.concurrency (got null): autoscaling adds slots to a finite number of them',
    ],
    [42, 'scenario: got 42, expected a JSON object'],
    [[1, 2], 'scenario: got [1,2], expected a JSON object'],
    [{ 'a b': 1 }, '["a b"]: unknown field'],
  ])('%j → %s', (input, line) => {
    const e = (() => {
      try {
        parseScenario(input);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).message).toBe(line);
    const [first] = (e as ScenarioError).issues;
    expect(`${first?.path}: ${first?.message}`).toBe(line);
  });

  it('long strings and markup are shown cut and quoted', () => {
    const [issue] = issuesOf({ name: 5, model: `<img src=x onerror=alert(1)>${'x'.repeat(100)}` }).slice(1);
    expect(issue?.path).toBe('model');
    expect(issue?.message).toMatch(/^got "<img src=x onerror=alert\(1\)>x{12}"…, expected one of/);
  });

  it('collects every problem, one per line, and caps the list at 20', () => {
    const issues = issuesOf({ seed: -1, model: 'x', load: { rate: -1, keys: 0 }, client: { timeout: 0 } });
    expect(issues.map((i) => i.path)).toEqual(['seed', 'model', 'load.rate', 'load.keys', 'client.timeout']);
    const many: Record<string, number> = {};
    for (let i = 0; i < 30; i++) many[`junk${i}`] = i;
    try {
      parseScenario(many);
      expect.unreachable();
    } catch (e) {
      const err = e as ScenarioError;
      expect(err.issues).toHaveLength(30);
      const lines = err.message.split('\n');
      expect(lines).toHaveLength(21);
      expect(lines[0]).toBe('junk0: unknown field');
      expect(lines[20]).toBe('… and 10 more problems');
    }
  });

  it('a huge number of unknown keys is reported by count, past the collected ones (its time is in bench:links)', () => {
    const huge: Record<string, number> = {};
    for (let i = 0; i < 200_000; i++) huge[`k${i}`] = i;
    try {
      parseScenario(huge);
      expect.unreachable();
    } catch (e) {
      const err = e as ScenarioError;
      expect(err.message.split('\n').at(-1)).toBe(`… and ${200_000 - 20} more problems`);
    }
  });
});

describe('unknown keys', () => {
  it('reject mode refuses prototype keys like any unknown key, and pollutes nothing', () => {
    const input: unknown = JSON.parse(
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "load": {"prototype": 1, "__proto__": {"rate": 5}}}',
    );
    expect(issuesOf(input)).toEqual([
      { path: '__proto__', message: 'unknown field' },
      { path: 'constructor', message: 'unknown field' },
      { path: 'load.prototype', message: 'unknown field' },
      { path: 'load.__proto__', message: 'unknown field' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drop mode drops them, with a notice naming each path, and keeps the rest', () => {
    const input: unknown = JSON.parse(
      '{"__proto__": {"polluted": 1}, "client": {"retyr": 3, "timeout": 2}, "triggers": [{"kind": "outage", "at": 1, "duration": 2, "size": 9}]}',
    );
    const { scenario, notices } = parseScenario(input, { unknownKeys: 'drop' });
    expect(notices).toEqual([
      '__proto__: unknown field dropped',
      'client.retyr: unknown field dropped (did you mean "retry"?)',
      'triggers[0].size: unknown field dropped',
    ]);
    expect(scenario.client.timeout).toBe(2);
    expect(scenario.triggers).toEqual([{ kind: 'outage', at: 1, duration: 2, stations: null }]);
    expect(Object.getPrototypeOf(scenario)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drop mode still rejects invalid values', () => {
    expect(issuesOf({ client: { retyr: 1, timeout: -1 } }, 'drop')).toEqual([
      { path: 'client.timeout', message: 'got -1, expected null or a number from 0 (exclusive) to 3600' },
    ]);
  });

  it('never mutates its input and shares no object with it', () => {
    const input = { client: { retry: { maxRetries: 2 }, timeout: 2 }, triggers: [{ kind: 'outage', at: 1, duration: 2 }], actions: [{ at: 5, set: { 'client.retry': { maxRetries: 0 } } }] };
    const before = JSON.stringify(input);
    const { scenario } = parseScenario(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(scenario.client).not.toBe(input.client);
    expect(scenario.triggers[0]).not.toBe(input.triggers[0]);
    expect(scenario.actions[0]?.set).not.toBe(input.actions[0]?.set);
  });
});

describe('hostile input never escapes as anything but a ScenarioError', () => {
  it('cyclic objects, throwing getters, proxies, symbols, bigints, class instances', () => {
    const cyclic: Record<string, unknown> = { load: {} };
    (cyclic.load as Record<string, unknown>).rate = cyclic;
    cyclic.client = cyclic;
    const hostile: unknown[] = [
      cyclic,
      { get load(): unknown { throw new Error('getter'); } },
      new Proxy({}, { ownKeys: () => { throw new Error('trap'); } }),
      { load: new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } }) },
      (() => { const r = Proxy.revocable({}, {}); r.revoke(); return { server: r.proxy, cache: r.proxy }; })(),
      { seed: 10n ** 400n, name: Symbol('x'), load: { rate: () => 1 } },
      { triggers: [new Date(), new Map(), Object.create({ kind: 'outage' })] },
      Object.create(null) as unknown,
      undefined,
      Symbol('root'),
      { triggers: new Array(10_000_000) },
    ];
    for (const input of hostile) {
      try {
        parseScenario(input);
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
      }
    }
    expect(issuesOf(cyclic).map((i) => i.path).sort()).toEqual(['client.client', 'client.load', 'load.rate']);
    expect(issuesOf({ triggers: new Array(10_000_000) })).toEqual([
      { path: 'triggers', message: 'got an array of 10000000 items, expected at most 1000' },
    ]);
    expect(parseScenario(Object.create(null)).scenario).toEqual(defaultScenario());
  });

  it('deeply nested junk costs nothing: only known keys are walked', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { load: deep };
    expect(issuesOf(deep)[0]).toMatchObject({ path: 'load.load' });
    let deepArray: unknown = [];
    for (let i = 0; i < 100_000; i++) deepArray = [deepArray];
    expect(issuesOf({ triggers: deepArray })[0]?.path).toBe('triggers[0]');
  });
});

describe('a cache flush needs a cache at its time', () => {
  it('is accepted with a cache, or when an action has turned the cache on before it', () => {
    expect(parseScenario({ cache: {}, triggers: [{ kind: 'cache-flush', at: 30 }] }).scenario.triggers).toEqual([{ kind: 'cache-flush', at: 30 }]);
    const later = parseScenario({ triggers: [{ kind: 'cache-flush', at: 30 }], actions: [{ at: 20, set: { cache: { hitRate: 0.8 } } }] });
    expect(later.scenario.triggers).toHaveLength(1);
  });

  it('is refused when the action that turns the cache on fires at the same time or later (actions apply after triggers)', () => {
    for (const at of [30, 40]) {
      const issues = issuesOf({ triggers: [{ kind: 'cache-flush', at: 30 }], actions: [{ at, set: { cache: {} } }] });
      expect(issues.map((i) => i.path)).toEqual(['triggers[0].kind']);
    }
  });
});
