import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, SERIES_NAMES } from '../../../src/sim/index';
import { scenario } from './helpers';

const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });

/** Random scenarios over the engine's features, kept short so a property runs many of them. */
const scenarioArb = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  duration: fc.integer({ min: 5, max: 60 }),
  bin: fc.constantFrom(0.25, 0.5, 1, 2),
  load: fc.oneof(
    fc.record({
      rate: fc.double({ min: 0, max: 600, noNaN: true }),
      keys: fc.integer({ min: 1, max: 2000 }),
      zipf: nullable(fc.double({ min: 0.1, max: 2, noNaN: true })),
      priorities: nullable(
        fc.double({ min: 0, max: 1, noNaN: true }).map((x) => [
          { name: 'high', share: x },
          { name: 'low', share: 1 - x },
        ]),
      ),
    }),
    fc.record({ clients: fc.integer({ min: 1, max: 200 }), thinkTime: fc.double({ min: 0.05, max: 2, noNaN: true }) }),
  ),
  client: fc.record({
    timeout: nullable(fc.double({ min: 0.05, max: 3, noNaN: true })),
    slo: nullable(fc.double({ min: 0.01, max: 2, noNaN: true })),
    retry: fc.record({
      maxRetries: fc.integer({ min: 0, max: 5 }),
      backoff: fc.constantFrom('none', 'constant', 'exponential'),
      jitter: fc.constantFrom('none', 'full', 'equal', 'decorrelated'),
      base: fc.double({ min: 0, max: 1, noNaN: true }),
      budget: nullable(fc.record({ tokens: fc.integer({ min: 1, max: 50 }), ratio: fc.double({ min: 0, max: 1, noNaN: true }) })),
    }),
    breaker: nullable(fc.constant({})),
    throttle: nullable(fc.constant({})),
    bulkhead: nullable(fc.record({ maxConcurrentCalls: fc.integer({ min: 1, max: 40 }), maxWait: fc.constantFrom(0, 0.01, 0.3) })),
    limiter: nullable(fc.record({ kind: fc.constant('aimd'), initialLimit: fc.integer({ min: 1, max: 50 }), minLimit: fc.integer({ min: 1, max: 10 }), timeout: fc.double({ min: 0.05, max: 5, noNaN: true }) })),
  }),
  server: fc.record({
    concurrency: nullable(fc.integer({ min: 1, max: 60 })),
    service: fc.record({ dist: fc.constantFrom('exponential', 'deterministic', 'lognormal', 'bimodal'), mean: fc.double({ min: 0.005, max: 0.5, noNaN: true }) }),
    queue: fc.record({
      limit: nullable(fc.integer({ min: 0, max: 300 })),
      discipline: fc.constantFrom('fifo', 'lifo', 'adaptive-lifo'),
      codel: nullable(fc.constant({})),
    }),
    dropExpired: fc.boolean(),
    cancelOnTimeout: fc.boolean(),
    contention: nullable(fc.record({ alpha: fc.double({ min: 0, max: 0.05, noNaN: true }), beta: fc.double({ min: 0, max: 0.001, noNaN: true }) })),
    limiter: nullable(
      fc.oneof(
        fc.record({ kind: fc.constant('aimd'), initialLimit: fc.integer({ min: 1, max: 50 }), minLimit: fc.integer({ min: 1, max: 10 }), timeout: fc.double({ min: 0.05, max: 5, noNaN: true }) }),
        fc.record({ kind: fc.constant('vegas'), initialLimit: fc.integer({ min: 1, max: 50 }), smoothing: fc.double({ min: 0, max: 1, noNaN: true }), probeMultiplier: fc.integer({ min: 1, max: 30 }) }),
        fc.record({ kind: fc.constant('gradient2'), initialLimit: fc.integer({ min: 1, max: 50 }), minLimit: fc.integer({ min: 1, max: 10 }), longWindow: fc.integer({ min: 1, max: 600 }) }),
      ),
    ),
  }),
  cache: nullable(fc.record({ hitRate: fc.double({ min: 0, max: 0.99, noNaN: true }), fill: fc.constantFrom('on-time', 'read-through') })),
  topology: fc.oneof(
    fc.constant({}),
    fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.record({
        fanout: fc.record({
          n: fc.constant(n),
          quorum: nullable(fc.integer({ min: 1, max: n })),
          hedge: nullable(fc.record({ percentile: fc.double({ min: 0.5, max: 0.99, noNaN: true }) })),
        }),
      }),
    ),
    fc.record({ partitions: fc.record({ shards: fc.integer({ min: 1, max: 8 }) }) }),
  ),
  triggers: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('spike'), at: fc.integer({ min: 0, max: 80 }), duration: fc.integer({ min: 1, max: 20 }), factor: fc.double({ min: 0.1, max: 4, noNaN: true }) }),
      fc.record({ kind: fc.constant('outage'), at: fc.integer({ min: 0, max: 80 }), duration: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('capacity'), at: fc.integer({ min: 0, max: 80 }), duration: fc.integer({ min: 1, max: 20 }), factor: fc.double({ min: 0.1, max: 0.9, noNaN: true }) }),
      fc.record({ kind: fc.constant('cache-flush'), at: fc.integer({ min: 0, max: 80 }) }),
    ),
    { maxLength: 4 },
  ),
});

describe('conservation and sanity at every slice', () => {
  it('arrivals = succeeded + failed + inFlight; no negative depth; no NaN outside empty-bin percentiles', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), (raw, fractions) => {
        const { topology, ...rest } = raw;
        // A cache flush is refused without a cache.
        const triggers = rest.cache === null ? rest.triggers.filter((t) => t.kind !== 'cache-flush') : rest.triggers;
        const s = scenario({ ...rest, ...topology, triggers });
        const sim = new Simulation(s);
        for (const f of [...fractions.sort((a, b) => a - b), 1]) {
          sim.advance(f * s.duration);
          const st = sim.state();
          expect(st.arrivals).toBe(st.succeeded + st.failed + st.inFlight);
          expect(st.queue).toBeGreaterThanOrEqual(0);
          expect(st.inService).toBeGreaterThanOrEqual(0);
          expect(sim.selfCheck()).toEqual([]);
        }
        const summary = sim.summary();
        const c = summary.counts;
        expect(c.arrivals).toBe(c.succeeded + c.failed + c.inFlight);
        expect(c.completed).toBeLessThanOrEqual(c.calls);
        expect(c.calls).toBeGreaterThanOrEqual(c.attempts - c.cacheHits);
        expect(c.wasted).toBeLessThanOrEqual(c.completed);
        expect(c.succeeded + c.failed).toBeLessThanOrEqual(c.arrivals);
        const series = sim.series();
        const nullable = new Set(['p50', 'p99', 'p999', 'clientP50', 'clientP99', 'clientP999', 'serverP99', 'hitRate', 'amplification', 'utilisation', 'bad', 'capacity', 'limiterLimit', 'limiterRtt', 'limiterRttNoLoad', 'limiterGradient', 'clientLimiterLimit']);
        // One assertion per series, naming the bins that break it: an expect per value would cost more than the run.
        for (const name of SERIES_NAMES) {
          expect(series[name]).toHaveLength(sim.binsClosed);
          const bad = series[name].flatMap((v, bin) => ((v === null ? nullable.has(name) : Number.isFinite(v) && v >= 0) ? [] : [{ bin, v }]));
          expect(bad, name).toEqual([]);
        }
        if (s.cache === null) expect(series.hitRate.every((v) => v === null)).toBe(true);
        if (s.server.limiter === null) expect(series.limiterLimit.every((v) => v === null)).toBe(true);
        else expect(series.limiterLimit.every((v) => v !== null && v >= 1)).toBe(true);
        expect(series.utilisation.filter((v) => v !== null && v > 1 + 1e-9)).toEqual([]);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('a run that reaches the in-flight cap stops with a message naming the limit, and still conserves', () => {
    const sim = new Simulation(
      scenario({ duration: 100, load: { rate: 3000 }, client: { timeout: null }, server: { concurrency: 1 }, limits: { maxInFlight: 1000 } }),
    );
    sim.runToEnd();
    const s = sim.summary();
    expect(sim.done).toBe(true);
    expect(s.stopped).toMatch(/limits\.maxInFlight \(1000\)/);
    expect(s.endTime).toBeLessThan(100);
    expect(s.counts.arrivals).toBe(s.counts.succeeded + s.counts.failed + s.counts.inFlight);
  });
});
