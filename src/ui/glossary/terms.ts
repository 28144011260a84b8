/** Every term the page uses, with a short definition: shown where the term appears and all together in the glossary. */
export interface GlossaryTerm {
  id: string;
  term: string;
  /** Other ways the page writes it (matched case-insensitively in lesson text). */
  aliases?: readonly string[];
  definition: string;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  { id: 'offered', term: 'offered load', definition: 'New requests per second arriving from clients (first attempts only), whatever the server does with them.' },
  { id: 'throughput', term: 'throughput', definition: 'Requests per second the server completes, useful or not: a completion whose client already gave up counts too.' },
  { id: 'goodput', term: 'goodput', definition: 'Requests per second answered within their client’s timeout: the work that was worth doing.' },
  { id: 'attempts', term: 'attempts', definition: 'Trips to the server per second: first attempts plus retries.' },
  { id: 'amplification', term: 'amplification', definition: 'Attempts divided by offered load: 2 means every request is sent twice on average.' },
  { id: 'wasted', term: 'wasted work', aliases: ['wasted'], definition: 'Server work on requests whose client had already timed out: it uses capacity and helps nobody.' },
  { id: 'capacity', term: 'capacity', definition: 'The most requests per second the server can complete: slots divided by the mean service time.' },
  { id: 'utilisation', term: 'utilisation', aliases: ['busy'], definition: 'The share of server slots busy, averaged over time.' },
  { id: 'timeout', term: 'timeout', definition: 'How long a client waits for one attempt before it gives up (and retries, if it may).' },
  { id: 'retry', term: 'retry', aliases: ['retries'], definition: 'Another attempt at a request after a timeout or a refusal. Each one is extra load on the server.' },
  { id: 'backoff', term: 'backoff', definition: 'Waiting before a retry, usually longer after each failure (exponential), often randomised (jitter).' },
  { id: 'budget', term: 'retry budget', definition: 'A limit on retries (a token bucket, a share of recent requests, or a share of the requests in flight, by implementation) that refuses them when too many fail, so failures cannot multiply the load.' },
  { id: 'breaker', term: 'circuit breaker', definition: 'A client switch that refuses calls for a while once too many fail, then lets a few probes through.' },
  { id: 'queue', term: 'queue', definition: 'Requests waiting for a free slot. A bounded queue turns away arrivals once it holds its limit.' },
  { id: 'shedding', term: 'load shedding', aliases: ['shed'], definition: 'Refusing some requests on purpose so that the rest can be served in time.' },
  { id: 'lifo', term: 'LIFO', definition: 'Last in, first out: the newest waiting request is served first, so fresh requests skip a stale backlog.' },
  { id: 'p50', term: 'p50', aliases: ['median'], definition: 'The median latency: half of the requests are faster than this.' },
  { id: 'p99', term: 'p99', definition: 'The 99th percentile of latency: one request in a hundred is slower than this.' },
  { id: 'p999', term: 'p99.9', definition: 'The 99.9th percentile of latency: one request in a thousand is slower. A user who makes a thousand requests meets it.' },
  { id: 'tail', term: 'tail latency', aliases: ['tail'], definition: 'The slowest requests (p99, p99.9): what users remember, and what fan-out makes common.' },
  { id: 'fanout', term: 'fan-out', definition: 'One request calling many backends and waiting for all of them: it is as slow as the slowest.' },
  { id: 'hedge', term: 'hedged request', aliases: ['hedging', 'hedged'], definition: 'A second copy of a slow call, sent after a delay; the first answer wins and the other is cancelled.' },
  { id: 'hit', term: 'hit rate', definition: 'The share of requests the cache answers without the server.' },
  { id: 'shard', term: 'shard', aliases: ['shards'], definition: 'One partition of the key space, served by its own slots: a key always lives on the same shard.' },
  { id: 'stable', term: 'stable', definition: 'Verdict: goodput kept up with the offered load throughout.' },
  { id: 'recovered', term: 'recovered', definition: 'Verdict: the run went bad during a trigger and came back after it ended.' },
  { id: 'metastable', term: 'metastable', definition: 'Verdict: the run went bad with a trigger and stayed bad after the trigger ended, held there by its own reaction.' },
  { id: 'overloaded', term: 'overloaded', definition: 'Verdict: the run was bad from the start: the offered load exceeds what it can serve even without a trigger.' },
  { id: 'unresolved', term: 'unresolved', definition: 'Verdict: the run ended before it could be judged.' },
  { id: 'trigger', term: 'trigger', definition: 'A push from outside that ends: a load spike, an outage, a loss of capacity, a cache flush.' },
  { id: 'sustaining', term: 'sustaining effect', definition: 'What keeps a system bad after the trigger ends: retries, a cache that cannot refill, wasted work, contention.' },
  { id: 'hysteresis', term: 'hysteresis', definition: 'The state depends on the path taken: at the same load the system is healthy going up and broken coming down.' },
  { id: 'slo', term: 'SLO', aliases: ['objective'], definition: 'Service level objective: a latency target such as 100 ms; sloMiss is the share of requests slower than it.' },
  { id: 'invariant', term: 'invariant', aliases: ['invariants'], definition: 'A law that must hold at every instant; here arrivals = succeeded + failed + in flight.' },
];
