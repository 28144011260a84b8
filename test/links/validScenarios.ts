import fc from 'fast-check';
import { ScenarioError, parseScenario, type Scenario } from '../../src/sim/index';

// Random valid scenarios, made the way a user makes them: a partial scenario, parsed.

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });
const time = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const ratio = fc.double({ min: 0, max: 1, noNaN: true });
const section = <T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(model, { requiredKeys: [] });

const NAMES = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.constantFrom('<img src=x onerror=alert(1)>', '=cmd|"/c calc"!A1', 'Ünïcødé ☃ 🚀', '', '"quoted" & <tagged>'),
);

const trigger = fc.oneof(
  fc.record({ kind: fc.constant('spike'), at: time(0, 50), duration: time(0.1, 30), factor: time(0.1, 5) }),
  fc.record({ kind: fc.constant('outage'), at: time(0, 50), duration: time(0.1, 30) }),
  fc.record({ kind: fc.constant('capacity'), at: time(0, 50), duration: time(0.1, 30), factor: time(0.1, 10), slots: fc.integer({ min: 0, max: 10 }) }, { requiredKeys: ['kind', 'at', 'duration'] }),
  fc.record({ kind: fc.constant('cache-flush'), at: time(0, 50) }),
  fc.record({ kind: fc.constant('errors'), at: time(0, 50), duration: time(0.1, 30), rate: ratio }, { requiredKeys: ['kind', 'at', 'duration'] }),
);

const limiter = fc.oneof(
  fc.record({ kind: fc.constant('aimd'), maxLimit: fc.integer({ min: 1, max: 1000 }), backoffRatio: fc.double({ min: 0.5, max: 0.99, noNaN: true }), timeout: time(0.01, 10) }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.constant('vegas'), smoothing: ratio, alpha: opt(fc.integer({ min: 0, max: 10 })), probeMultiplier: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.constant('gradient2'), minLimit: fc.integer({ min: 1, max: 50 }), smoothing: ratio, longWindow: fc.integer({ min: 1, max: 1000 }), rttTolerance: time(1, 3) }, { requiredKeys: ['kind'] }),
);

const setEntry = fc.oneof(
  fc.tuple(fc.constant('load.rate'), time(0, 300)),
  fc.tuple(fc.constant('client.retry.maxRetries'), fc.integer({ min: 0, max: 3 })),
  fc.tuple(fc.constant('client.retry.budget'), fc.oneof(fc.constant(null), fc.constant({}), fc.record({ tokens: time(1, 100) }))),
  fc.tuple(fc.constant('server.queue'), fc.record({ discipline: fc.constantFrom('fifo', 'lifo', 'adaptive-lifo') }, { requiredKeys: [] })),
  fc.tuple(fc.constant('server.concurrency'), fc.integer({ min: 1, max: 100 })),
  fc.tuple(fc.constant('cache.hitRate'), fc.double({ min: 0, max: 0.999, noNaN: true })),
  fc.tuple(fc.constant('cache'), fc.constant(null)),
  fc.tuple(fc.constant('server.limiter'), opt(limiter)),
);
const action = fc.record({
  at: time(0, 60),
  set: fc.array(setEntry, { minLength: 1, maxLength: 3 }).map((entries) => Object.fromEntries(entries)),
});

/** A partial scenario with most fields reachable; a few combinations fail cross-field checks and are skipped. */
const partial = section({
  name: NAMES,
  seed: fc.integer({ min: 0, max: 4294967295 }),
  duration: fc.integer({ min: 60, max: 600 }),
  warmup: fc.integer({ min: 0, max: 30 }),
  bin: fc.constantFrom(0.5, 1, 2),
  model: fc.constantFrom('queue', 'queue', 'queue', 'write-conflict'),
  writeConflict: section({ clients: fc.integer({ min: 1, max: 200 }), delayMean: time(0.001, 0.1), delaySd: time(0, 0.01) }),
  load: section({
    rate: time(0, 300),
    clients: opt(fc.integer({ min: 1, max: 200 })),
    thinkTime: time(0.001, 5),
    keys: fc.integer({ min: 1, max: 10_000 }),
    zipf: opt(time(0.1, 5)),
    profile: opt(fc.array(time(0, 300), { minLength: 1, maxLength: 4 }).map((rates) => rates.map((rate, i) => ({ at: i * 20, rate })))),
  }),
  client: section({
    timeout: opt(time(0.01, 10)),
    slo: opt(time(0.01, 10)),
    retry: section({
      maxRetries: fc.integer({ min: 0, max: 4 }),
      backoff: fc.constantFrom('none', 'constant', 'exponential'),
      base: time(0, 1),
      cap: time(0, 100),
      jitter: fc.constantFrom('none', 'full', 'equal', 'decorrelated'),
      budget: opt(
        section({
          kind: fc.constantFrom('grpc', 'finagle', 'envoy', 'aws', 'brooker'),
          tokens: time(0.5, 100),
          ratio,
          ttl: fc.integer({ min: 1, max: 60 }),
          percentCanRetry: time(0, 2),
          budgetPercent: time(0, 100),
          minRetryConcurrency: fc.integer({ min: 0, max: 10 }),
          retryCost: fc.integer({ min: 0, max: 20 }),
          deposit: ratio,
        }),
      ),
    }),
    breaker: opt(section({ failureRatio: time(0.01, 1), cooldown: time(0.1, 30), probes: fc.integer({ min: 1, max: 10 }) })),
    throttle: opt(fc.constant({})),
  }),
  server: section({
    concurrency: opt(fc.integer({ min: 1, max: 100 })),
    service: section({ dist: fc.constantFrom('exponential', 'deterministic', 'lognormal', 'bimodal'), mean: time(0.001, 0.5), cv: time(0.1, 5) }),
    queue: section({ limit: opt(fc.integer({ min: 0, max: 1000 })), discipline: fc.constantFrom('fifo', 'lifo', 'adaptive-lifo'), codel: opt(fc.constant({})) }),
    dropExpired: fc.boolean(),
    cancelOnTimeout: fc.boolean(),
    contention: opt(section({ alpha: ratio, beta: fc.double({ min: 0, max: 0.01, noNaN: true }) })),
    errors: opt(section({ rate: ratio })),
    limiter: opt(limiter),
  }),
  cache: opt(section({ hitRate: fc.double({ min: 0, max: 0.999, noNaN: true }), fill: fc.constantFrom('on-time', 'read-through'), ttl: opt(time(0.1, 100)) })),
  triggers: fc.array(trigger, { maxLength: 4 }),
  actions: fc.array(action, { maxLength: 4 }),
});

function tryParse(raw: unknown): Scenario | null {
  try {
    return parseScenario(raw).scenario;
  } catch (e) {
    if (e instanceof ScenarioError) return null;
    throw e;
  }
}

/** Valid normalised scenarios (those the cross-field checks refuse are filtered out). */
export const validScenario: fc.Arbitrary<Scenario> = partial.map(tryParse).filter((s): s is Scenario => s !== null);
