import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError, defaultScenario, parseScenario, setPath } from '../../../src/sim/scenario/index';
import { PRESETS } from '../../../src/sim/scenario/presets/index';
import { KNOWN_PATTERNS, namesRealPlace, numericSpecAt } from './issuePaths';
import { RICH } from './richScenario';
import { rangeText } from './spec';

// Hostile and absurd input, thrown at parseScenario: whatever comes in, only a ScenarioError
// may come out, nothing is polluted, every issue names a real place (and a range when it is
// about a number), and whatever is accepted parses to itself.

const BASES: unknown[] = [RICH, defaultScenario(), {}, ...PRESETS.map((p) => p.scenario)];

const FIELD_PATHS = [...KNOWN_PATTERNS].filter((p) => !p.includes('[]'));
const ARRAY_PATHS = [
  'triggers.0', 'triggers.0.kind', 'triggers.0.at', 'triggers.0.duration', 'triggers.0.factor', 'triggers.2.slots',
  'triggers.3.at', 'triggers.3.duration', 'triggers.7', 'actions.0', 'actions.0.at', 'actions.0.set', 'actions.1.set',
  'actions.3.set',
];
const UNKNOWN_PATHS = ['client.retyr', 'load.rat', 'server.queue.disipline', 'triggers.0.size', 'zzz', 'cache.hitrate', 'limits.max'];
// Stand-ins for prototype keys: JSON.stringify, then renamed in the text, then JSON.parse makes them own properties.
const PROTO_MARKS: Record<string, string> = { '@proto@': '__proto__', '@ctor@': 'constructor', '@prototype@': 'prototype' };
const PROTO_PATHS = ['@proto@', 'client.@proto@', 'server.queue.@ctor@', 'load.@prototype@', 'triggers.0.@proto@', '@ctor@.@prototype@'];

const numbers = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, -1, 0.5, 1, 1e7, 1e7 + 1, 4294967295, 4294967296, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER),
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
);
const strings = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\u202e\u0000\ud800', 'fifo', 'spike', 'outage',
    'x'.repeat(5000), '__proto__', 'constructor', '{"a":1}', '1e3', '',
  ),
);
const jsonLeaf = fc.oneof(numbers.filter(Number.isFinite), strings, fc.boolean(), fc.constant(null));
// Arrays past the limits and junk nested thousands deep, as JSON.
const tooManyTriggers = Array.from({ length: 1001 }, () => ({ kind: 'outage', at: 1, duration: 1 }));
let deepJson: unknown = 1;
for (let i = 0; i < 2000; i++) deepJson = i % 2 === 0 ? [deepJson] : { load: deepJson };
// Values that are often valid somewhere, so that mutated scenarios are accepted too.
const plausible = fc.constantFrom<unknown>(0.5, 1, 2, 10, 30, 0.01, null, true, false, 'fifo', 'lifo', 'full', 'outage', {});
const jsonValue = fc.oneof(
  { weight: 3, arbitrary: plausible },
  { weight: 4, arbitrary: jsonLeaf },
  { weight: 2, arbitrary: fc.json({ depthSize: 'small' }).map((t) => JSON.parse(t) as unknown) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(tooManyTriggers, deepJson, [], {}, [1, 2, 3]) },
);

// Values no JSON holds.
const cyclic: Record<string, unknown> = { rate: 1 };
cyclic.self = cyclic;
cyclic.load = cyclic;
const revoked = Proxy.revocable({}, {});
revoked.revoke();
// fast-check probes generated values at the top level, which a revoked proxy refuses: keep it one level down.
const holdsRevoked = { server: revoked.proxy, load: { rate: revoked.proxy }, [fc.toStringMethod]: () => 'holdsRevoked' };
// Getters that throw, under every field name of the format, so wherever it lands a known key is read.
// (fast-check prints counterexamples: tell it how, or the report itself throws.)
const throwing: Record<string | symbol, unknown> = { [fc.toStringMethod]: () => 'throwing' };
for (const name of new Set(FIELD_PATHS.map((p) => p.split('.').at(-1) ?? ''))) {
  Object.defineProperty(throwing, name, { enumerable: true, get: () => { throw new Error('getter'); } });
}
const huge = new Array<unknown>(5_000_000);
const tooManyActions = Array.from({ length: 10_001 }, () => ({ at: 1, set: { 'load.rate': 1 } }));
const exotic = fc.oneof(
  fc.constantFrom<unknown>(cyclic, holdsRevoked, throwing, huge, tooManyActions, new Date(0), new Map(), /x/, Object.create(null), () => 1, Symbol('s')),
  fc.bigInt(),
  fc.constant(undefined),
  numbers,
);

type Mutation = { path: string; value: unknown };
const jsonMutation = fc.record({
  path: fc.oneof(fc.constantFrom(...FIELD_PATHS), fc.constantFrom(...ARRAY_PATHS), fc.constantFrom(...UNKNOWN_PATHS), fc.constantFrom(...PROTO_PATHS)),
  value: jsonValue,
});
const exoticMutation = fc.record({
  path: fc.oneof(fc.constantFrom(...FIELD_PATHS), fc.constantFrom(...ARRAY_PATHS), fc.constantFrom(...UNKNOWN_PATHS)),
  value: fc.oneof(jsonValue, exotic),
});

function mutate(base: unknown, mutations: Mutation[]): unknown {
  let x = base;
  for (const m of mutations) {
    try {
      x = setPath(x, m.path, m.value);
    } catch (e) {
      // An earlier mutation turned a container on this path into a value, or put the throwing-getter object there
      // (copying it to set a field inside throws): skip this one.
      if (!(e instanceof ScenarioError) && !(e instanceof Error && e.message === 'getter')) throw e;
    }
  }
  return x;
}

/** Mutations of a valid scenario, as JSON text with prototype keys made own properties. */
const jsonInput = fc.tuple(fc.constantFrom(...BASES), fc.array(jsonMutation, { minLength: 0, maxLength: 3 })).map(([base, mutations]) => {
  let text = JSON.stringify(mutate(base, mutations));
  for (const [mark, key] of Object.entries(PROTO_MARKS)) text = text.split(`"${mark}"`).join(`"${key}"`);
  return JSON.parse(text) as unknown;
});
const exoticInput = fc.oneof(
  fc.tuple(fc.constantFrom(...BASES), fc.array(exoticMutation, { minLength: 1, maxLength: 3 })).map(([b, m]) => mutate(b, m)),
  exotic,
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true }),
);

function snapshotPrototypes(): string {
  return [Object.prototype, Array.prototype, Function.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|');
}
const PROTOTYPES = snapshotPrototypes();

function forbiddenKeys(x: unknown, found: string[] = []): string[] {
  if (typeof x !== 'object' || x === null) return found;
  if (!Array.isArray(x) && Object.getPrototypeOf(x) !== Object.prototype) found.push('non-plain object');
  for (const key of Object.keys(x)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') found.push(key);
    forbiddenKeys((x as Record<string, unknown>)[key], found);
  }
  return found;
}

function check(input: unknown, mode: 'reject' | 'drop', jsonText: string | null): void {
  let accepted: ReturnType<typeof parseScenario> | null = null;
  try {
    accepted = parseScenario(input, { unknownKeys: mode });
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const { issues, message } = e as ScenarioError;
    expect(issues.length).toBeGreaterThan(0);
    expect(message.split('\n').length).toBeLessThanOrEqual(21);
    for (const issue of issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.path.length).toBeGreaterThan(0);
      expect(namesRealPlace(input, issue.path), `${issue.path}: ${issue.message}`).toBe(true);
      const spec = numericSpecAt(input, issue.path);
      if (spec !== undefined && /^(got|missing)\b/.test(issue.message)) {
        expect(issue.message, issue.path).toContain(rangeText(spec));
      }
      if ((issue.path === 'warmup' || issue.path === 'bin') && issue.message.startsWith('got')) {
        expect(issue.message).toMatch(/from \S+ to \S+/);
      }
      if (issue.message.startsWith('scenario needs')) expect(issue.message).toContain('the limit is 2e8');
    }
  }
  expect(snapshotPrototypes()).toBe(PROTOTYPES);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  if (jsonText !== null) expect(JSON.stringify(input)).toBe(jsonText);
  if (accepted !== null) {
    const { scenario } = accepted;
    expect(forbiddenKeys(scenario)).toEqual([]);
    expect(parseScenario(scenario).scenario).toEqual(scenario);
    const roundTrip = JSON.parse(JSON.stringify(scenario)) as unknown;
    expect(parseScenario(roundTrip).scenario).toEqual(scenario);
  }
}

describe('parseScenario under fuzzing', () => {
  it('mutations of valid scenarios, as JSON with own prototype keys (1500 runs)', () => {
    fc.assert(
      fc.property(jsonInput, fc.constantFrom<'reject' | 'drop'>('reject', 'drop'), (input, mode) => {
        check(input, mode, JSON.stringify(input));
      }),
      { numRuns: 1500 },
    );
  });

  it('values no JSON holds: cycles, proxies, throwing getters, huge arrays, bigints, symbols (1000 runs)', () => {
    fc.assert(
      fc.property(exoticInput, fc.constantFrom<'reject' | 'drop'>('reject', 'drop'), (input, mode) => {
        check(input, mode, null);
      }),
      { numRuns: 1000 },
    );
  });

  it('the path check tells real places from invented ones', () => {
    const input = { client: { retyr: 1 }, triggers: [{ kind: 'outage' }], actions: [{ set: { 'client.retry': {} } }] };
    for (const path of ['client.retyr', 'triggers[0].duration', 'actions[0].set["client.retry"].maxRetries', 'duration', 'scenario']) {
      expect(namesRealPlace(input, path), path).toBe(true);
    }
    for (const path of ['client.retri', 'triggers[1].at', 'triggers[0].size', 'actions[0].set["client.retry"].size', 'load.foo', '']) {
      expect(namesRealPlace(input, path), path).toBe(false);
    }
  });

  it('the fuzzer reaches both outcomes and the interesting messages', () => {
    // Guards the test itself: a generator that only ever produced rejects (or accepts) would prove little.
    const outcomes = { accepted: 0, rejected: 0, unknown: 0, range: 0, proto: 0 };
    fc.assert(
      fc.property(jsonInput, (input) => {
        try {
          parseScenario(input);
          outcomes.accepted++;
        } catch (e) {
          outcomes.rejected++;
          const text = (e as Error).message;
          if (text.includes('unknown field')) outcomes.unknown++;
          if (/expected (null or )?(a number|an integer) from/.test(text)) outcomes.range++;
          if (/__proto__|constructor|prototype/.test(text)) outcomes.proto++;
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    for (const [outcome, count] of Object.entries(outcomes)) expect(count, outcome).toBeGreaterThan(10);
  });
});
