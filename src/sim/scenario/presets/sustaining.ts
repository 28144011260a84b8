import type { Preset } from './preset';
import type { RawScenario } from './preset';

// Sustaining effects other than a retry storm at capacity: a cache that cannot refill, retries
// after a slowdown, and contention that grows with concurrency.

function cacheScenario(name: string, fill: 'on-time' | 'read-through'): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 400,
    bin: 1,
    load: { rate: 1000, keys: 10_000 },
    client: { timeout: 1, retry: { maxRetries: 0 } },
    server: { concurrency: 30, service: { dist: 'exponential', mean: 0.1 } },
    cache: { hitRate: 0.9, fill },
    triggers: [{ kind: 'cache-flush', at: 60 }],
    actions: [],
  };
}

export const cacheFlush: Preset = {
  id: 'cache-flush',
  title: 'A cache flush the service cannot survive',
  lesson: 7,
  story:
    '1,000 requests per second reach a look-aside cache that answers 90% of them; the 100 misses ' +
    'a second are well within the server’s 300. At t = 60 s the cache is flushed: all 1,000 go to ' +
    'the server, requests time out, and a miss that times out never refills its key.',
  watch:
    'The hit rate falls to almost zero at the flush and never recovers; throughput sits at 300 while ' +
    'goodput is near zero. The advertised capacity was 1,000 per second; the real one is 300.',
  expected: 'metastable',
  claims: [
    { kind: 'window', measure: 'hitRate', stat: 'max', from: 65, max: 0.1, says: 'The hit rate falls to almost zero at the flush and never recovers' },
    { kind: 'window', measure: 'throughput', from: 100, min: 290, max: 310, says: 'throughput sits at 300', quote: [300] },
    { kind: 'window', measure: 'goodputShare', from: 100, max: 0.02, says: 'goodput is near zero' },
  ],
  scenario: cacheScenario('A cache flush the service cannot survive', 'on-time'),
};

export const cacheReadThrough: Preset = {
  id: 'cache-read-through',
  title: 'A cache that refills from late answers',
  lesson: 7,
  story:
    'The same flush, but the cache fills a key on every answer from the server, even one that ' +
    'came too late for its client. Each late answer still warms the cache, the hit rate climbs ' +
    'back, and the load on the server falls below its capacity.',
  watch:
    'The hit rate climbs back along an S-curve and goodput follows it, within about 60 s of the ' +
    'flush. Compare with "cache-flush", where timed-out misses are thrown away.',
  expected: 'recovered',
  claims: [
    { kind: 'recovery', min: 45, max: 70, says: 'within about 60 s of the flush', quote: [60] },
    { kind: 'window', measure: 'hitRate', from: 200, min: 0.85, says: 'The hit rate climbs back' },
  ],
  scenario: cacheScenario('A cache that refills from late answers', 'read-through'),
};

export const slowdownRetries: Preset = {
  id: 'slowdown-retries',
  title: 'A 20-second slowdown and four retries',
  lesson: 1,
  story:
    'A service at half its capacity (50 of 100 per second), clients with a 3 s timeout and four ' +
    'immediate retries. For 20 s every request takes five times as long. Timeouts multiply the ' +
    'load by up to five, and when the slowdown ends the retries alone exceed capacity.',
  watch:
    'Amplification climbs towards 5 during the slowdown and stays there; the server is saturated ' +
    'with retries long after service times are back to normal. A 1 s slowdown does no harm.',
  expected: 'metastable',
  claims: [
    { kind: 'window', measure: 'amplification', from: 100, min: 4.5, max: 5.5, says: 'Amplification climbs towards 5 during the slowdown and stays there', quote: [5] },
    { kind: 'stuck', from: 80, says: 'the server is saturated with retries long after service times are back to normal' },
    { kind: 'variant', set: { 'triggers.0.duration': 1 }, verdict: 'stable', says: 'A 1 s slowdown does no harm', quote: [1] },
  ],
  scenario: {
    version: 1,
    name: 'A 20-second slowdown and four retries',
    seed: 1,
    duration: 400,
    bin: 1,
    load: { rate: 50 },
    client: { timeout: 3, retry: { maxRetries: 4 } },
    server: { concurrency: 10, service: { dist: 'exponential', mean: 0.1 } },
    cache: null,
    triggers: [{ kind: 'capacity', at: 60, duration: 20, factor: 0.2 }],
    actions: [],
  },
};

export const concurrencyCollapse: Preset = {
  id: 'concurrency-collapse',
  title: 'Concurrency collapse',
  lesson: 1,
  story:
    'A server that starts every request at once, but each one slows the others a little (1% per ' +
    'request in service). At 40 per second it settles near 66 in service and 1.7 s each. A 10 s ' +
    'spike pushes service times past the 3 s timeout; retries keep concurrency high, and every ' +
    'request after that finishes too late to count.',
  watch:
    'In-service climbs without bound after the spike and the server latency passes the timeout; ' +
    'throughput stays high while goodput is zero: all of it is wasted work.',
  expected: 'metastable',
  claims: [
    { kind: 'window', measure: 'inService', from: 10, to: 20, min: 55, max: 80, says: 'it settles near 66 in service', quote: [66] },
    { kind: 'window', measure: 'p50', from: 10, to: 20, min: 1.5, max: 1.9, says: 'and 1.7 s each', quote: [1.7] },
    { kind: 'window', measure: 'inService', stat: 'min', from: 150, min: 1000, says: 'In-service climbs without bound after the spike' },
    { kind: 'window', measure: 'wastedShare', from: 60, min: 0.99, says: 'all of it is wasted work' },
  ],
  scenario: {
    version: 1,
    name: 'Concurrency collapse',
    seed: 1,
    duration: 200,
    bin: 1,
    load: { rate: 40 },
    client: { timeout: 3, retry: { maxRetries: 2 } },
    server: { concurrency: null, service: { dist: 'deterministic', mean: 1 }, contention: { alpha: 0.01, beta: 0 } },
    cache: null,
    triggers: [{ kind: 'spike', at: 20, duration: 10, factor: 2 }],
    actions: [],
  },
};
