import type { Preset, RawScenario } from './preset';

// Lessons 4 (tail latency dominates a fan-out) and 8 (a hot key is a serial bottleneck;
// correlated failures take out several replicas at once).

function oneBackend(name: string, hedge: boolean): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 300,
    bin: 1,
    load: { rate: 100 },
    client: { timeout: null, slo: 0.1, retry: { maxRetries: 0 } },
    server: { concurrency: null, service: { dist: 'bimodal', mean: 0.01, slowFraction: 0.01, slowMean: 1 } },
    fanout: { n: 1, quorum: null, hedge: hedge ? { percentile: 0.95 } : null },
    triggers: [],
    actions: [],
  };
}

export const tailAtScale: Preset = {
  id: 'tail-at-scale',
  title: 'The tail at scale: one request, 100 backends',
  lesson: 4,
  story:
    'Each request fans out to 100 backends and waits for all of them. A backend answers in 5 ms, ' +
    'except one call in a hundred that takes about a second. Each backend is fast 99% of the time; ' +
    'the request needs all 100 to be, which happens only 37% of the time: 1 − 0.99¹⁰⁰ ≈ 63% of ' +
    'requests wait for at least one slow backend.',
  watch:
    'The p50 line sits far above a backend’s median, next to the p99; sloMiss in the summary ' +
    'reads about 60% against the 100 ms objective. A 1-in-100 outlier has become the common case.',
  expected: 'stable',
  claims: [
    { kind: 'summary', field: 'sloMiss', min: 0.55, max: 0.65, says: 'reads about 60% against the 100 ms objective', quote: [0.6] },
    { kind: 'window', measure: 'clientP50', from: 0, min: 0.1, says: 'The p50 line sits far above a backend’s median' },
  ],
  scenario: {
    version: 1,
    name: 'The tail at scale: one request, 100 backends',
    seed: 1,
    duration: 300,
    bin: 1,
    load: { rate: 20 },
    client: { timeout: null, slo: 0.1, retry: { maxRetries: 0 } },
    server: { concurrency: null, service: { dist: 'bimodal', mean: 0.005, slowFraction: 0.01, slowMean: 1 } },
    fanout: { n: 100, quorum: null, hedge: null },
    triggers: [],
    actions: [],
  },
};

export const slowTail: Preset = {
  id: 'slow-tail',
  title: 'A slow tail, not hedged',
  lesson: 4,
  story:
    'One backend answers in 10 ms on average, except one call in a hundred that takes about a ' +
    'second. The median is fine; the 99.9th percentile, what a user with a thousand requests a ' +
    'day meets every day, is over two seconds.',
  watch: 'The p99.9 line, two orders of magnitude above the p50. Compare with "hedged-requests".',
  expected: 'stable',
  claims: [
    { kind: 'summary', field: 'p999', min: 2, says: 'is over two seconds' },
    { kind: 'window', measure: 'p50', from: 0, max: 0.02, says: 'The median is fine' },
  ],
  scenario: oneBackend('A slow tail, not hedged', false),
};

export const hedgedRequests: Preset = {
  id: 'hedged-requests',
  title: 'Hedged requests',
  lesson: 4,
  story:
    'The same backend, but a call still unanswered after the backend’s 95th-percentile latency is ' +
    'sent again; the first answer wins and the other copy is cancelled. About 5% of calls get a ' +
    'second copy, and a slow call is almost always overtaken by its fast twin.',
  watch:
    'The p99.9 falls from seconds to tens of milliseconds, while amplification rises only to ' +
    'about 1.05: a little extra load buys a much shorter tail.',
  expected: 'stable',
  claims: [
    { kind: 'summary', field: 'p999', max: 0.1, says: 'The p99.9 falls from seconds to tens of milliseconds' },
    { kind: 'summary', field: 'amplification', min: 1.03, max: 1.08, says: 'amplification rises only to about 1.05', quote: [1.05] },
  ],
  scenario: oneBackend('Hedged requests', true),
};

function shards(name: string, count: number, cached: boolean): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 300,
    bin: 1,
    load: { rate: 200, keys: 1000, zipf: 1.1 },
    client: { timeout: 1, retry: { maxRetries: 0 } },
    server: { concurrency: 4, service: { dist: 'exponential', mean: 0.1 } },
    cache: cached ? { hitRate: 0.9 } : null,
    partitions: { shards: count },
    triggers: [],
    actions: [],
  };
}

export const hotShard: Preset = {
  id: 'hot-shard',
  title: 'The hot shard',
  lesson: 8,
  story:
    '1,000 keys spread over 16 shards of 4 slots each: 640 requests per second of capacity for 200 ' +
    'offered. But key popularity is Zipf-like, and the most popular key alone brings 18% of the ' +
    'traffic to one shard, which has 40 per second to give. That shard drowns while the others idle.',
  watch:
    'The per-shard utilisation chart: one line pinned at 100%, the rest near 20%. Goodput falls ' +
    'short of offered load by the hot shard’s share, though mean utilisation is about 30%.',
  expected: 'overloaded',
  claims: [
    { kind: 'summary', field: 'utilisation', min: 0.25, max: 0.35, says: 'though mean utilisation is about 30%', quote: [0.3] },
    { kind: 'summary', field: 'goodputShare', min: 0.7, max: 0.85, says: 'Goodput falls short of offered load by the hot shard’s share' },
  ],
  scenario: shards('The hot shard', 16, false),
};

export const hotShardMoreShards: Preset = {
  id: 'hot-shard-more-shards',
  title: 'The hot shard, with twice the shards',
  lesson: 8,
  story:
    'The same keys over 32 shards. Every other shard gets quieter, but the hottest key still lives ' +
    'on exactly one of them: more shards cannot split a single key, so that shard stays saturated.',
  watch: 'Mean utilisation halves; the hot shard’s line does not move, and neither does the verdict.',
  expected: 'overloaded',
  claims: [{ kind: 'summary', field: 'utilisation', min: 0.13, max: 0.18, says: 'Mean utilisation halves' }],
  scenario: shards('The hot shard, with twice the shards', 32, false),
};

export const hotShardCached: Preset = {
  id: 'hot-shard-cached',
  title: 'The hot shard behind a cache',
  lesson: 8,
  story:
    'The 16 shards with a look-aside cache in front, tuned to answer 90% of requests. The hottest ' +
    'keys are the ones most often in the cache, so the traffic that reached the hot shard mostly ' +
    'stops at the cache, and every shard has room again.',
  watch: 'The hot shard’s utilisation drops with the others; goodput matches offered load.',
  expected: 'stable',
  claims: [{ kind: 'summary', field: 'goodputShare', min: 0.98, says: 'goodput matches offered load' }],
  scenario: shards('The hot shard behind a cache', 16, true),
};

function replicas(name: string, correlated: boolean): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 400,
    bin: 1,
    load: { rate: 100 },
    client: { timeout: 1, retry: { maxRetries: 0 } },
    server: { concurrency: 10, service: { dist: 'exponential', mean: 0.01 } },
    fanout: { n: 3, quorum: 2, hedge: null },
    triggers: correlated
      ? [{ kind: 'outage', at: 60, duration: 30, stations: 2 }]
      : [{ kind: 'random-outages', at: 60, duration: 30, stations: 2, window: 300 }],
    actions: [],
  };
}

export const correlatedFailure: Preset = {
  id: 'correlated-failure',
  title: 'Two replicas fail together',
  lesson: 8,
  story:
    'Reads go to three replicas and need two answers. At t = 60 s two replicas go down together for ' +
    '30 s (one rack, one deploy, one bad config). With one replica left no read can reach its ' +
    'quorum, so every request in those 30 s fails.',
  watch:
    'Goodput drops to zero for exactly the overlap, failed requests pile up, then all is well again. ' +
    'Compare with "independent-failures": the same two failures at unrelated times cost nothing.',
  expected: 'recovered',
  claims: [
    { kind: 'window', measure: 'goodput', stat: 'max', from: 61, to: 90, max: 0.5, says: 'Goodput drops to zero for exactly the overlap' },
    { kind: 'recovery', min: 0, max: 10, says: 'then all is well again' },
  ],
  scenario: replicas('Two replicas fail together', true),
};

export const independentFailures: Preset = {
  id: 'independent-failures',
  title: 'Two replicas fail apart',
  lesson: 8,
  story:
    'The same three replicas and quorum of two; the same two 30-second failures, but at independent ' +
    'random times within five minutes. While only one replica is down the other two still answer, ' +
    'so a read fails only when the two failures happen to overlap.',
  watch: 'The trigger band spans five minutes, yet goodput hardly moves: redundancy works when failures are independent.',
  expected: 'stable',
  claims: [{ kind: 'window', measure: 'goodputShare', from: 60, min: 0.98, says: 'goodput hardly moves' }],
  scenario: replicas('Two replicas fail apart', false),
};
