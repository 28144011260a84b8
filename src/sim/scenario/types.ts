/**
 * The normalised scenario (format v1): every field present, defaults applied.
 * Times are seconds, rates per second. The JSON a user writes may omit fields;
 * `parseScenario` fills them in and returns this shape.
 */

import type { GraphSpec } from './graphTypes';
import type { LimiterSpec } from './limiterSpec';
import type { PriorityClass } from './prioritySpec';
export type { PriorityClass } from './prioritySpec';

export type { LimiterSpec } from './limiterSpec';
export type { Balancer, CallMode, EdgeSpec, GraphSpec, ServiceNodeSpec } from './graphTypes';
export type Backoff = 'none' | 'constant' | 'exponential';
export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';
export type Discipline = 'fifo' | 'lifo' | 'adaptive-lifo';
export type ServiceDist = 'exponential' | 'deterministic' | 'lognormal' | 'bimodal';
export type CacheFill = 'on-time' | 'read-through';
export type Model = 'queue' | 'write-conflict';

/** One corner of a load profile: the open-loop rate at a time. */
export interface ProfilePoint {
  at: number;
  rate: number;
}

/** Where first attempts come from. */
export interface LoadSpec {
  /** Open-loop Poisson rate of first attempts, per second. Ignored when `clients` or `profile` is set. */
  rate: number;
  /**
   * Open loop: a piecewise-linear rate over time through these points (sorted by `at`); before
   * the first point its rate, after the last point its rate. `null` = the constant `rate`.
   */
  profile: ProfilePoint[] | null;
  /** Closed loop: this many clients, each waiting for its request to end, then thinking. `null` = open loop. */
  clients: number | null;
  /** Closed loop: mean of the exponential think time between a request's end and the next, seconds. */
  thinkTime: number;
  /** Size of the key space shared by the cache (and later the partitions). */
  keys: number;
  /** Zipf exponent of key popularity; `null` = uniform. */
  zipf: number | null;
  /** Priority classes, most important first, each request drawn into one by share; `null` = none. */
  priorities: PriorityClass[] | null;
}

/** How a retry budget decides (docs/model.md, "Retry budgets"): one implementation's rule each. */
export type RetryBudgetKind = 'grpc' | 'finagle' | 'envoy' | 'aws' | 'brooker';

/**
 * A retry budget. `kind` picks the implementation (`grpc` when omitted); fields not used by
 * the kind keep their values, so a live switch keeps them.
 */
export interface RetryBudgetSpec {
  kind: RetryBudgetKind;
  /** grpc: maxTokens; −1 token per failed attempt, +ratio per success, retry only while tokens > tokens/2. */
  tokens: number;
  /** grpc: tokenRatio. */
  ratio: number;
  /** finagle: seconds a deposit lasts. */
  ttl: number;
  /** finagle: retries allowed per second on top of the share. */
  minRetriesPerSec: number;
  /** finagle: retries allowed per request (0.2 = one retry for every 5 requests). */
  percentCanRetry: number;
  /** envoy: retries in flight as a percentage (0–100) of the attempts in flight. */
  budgetPercent: number;
  /** envoy: retries in flight always allowed. */
  minRetryConcurrency: number;
  /** aws: the retry quota's initial and largest capacity. */
  capacity: number;
  /** aws: capacity a retry after an error takes. */
  retryCost: number;
  /** aws: capacity a retry after a timeout takes. */
  timeoutCost: number;
  /** aws: capacity a request that succeeds at its first attempt gives back. */
  noRetryIncrement: number;
  /** brooker: tokens each successful attempt adds. */
  deposit: number;
  /** brooker: the bucket's size. */
  bucketSize: number;
}

export interface RetrySpec {
  maxRetries: number;
  backoff: Backoff;
  base: number;
  cap: number;
  jitter: Jitter;
  budget: RetryBudgetSpec | null;
}

/** Client-side circuit breaker over a sliding window of attempt outcomes. */
export interface BreakerSpec {
  /** Open when failures / outcomes in the window reach this ratio. */
  failureRatio: number;
  /** Sliding window, seconds. */
  window: number;
  /** Outcomes needed in the window before the breaker may open. */
  minRequests: number;
  /** Time open before letting probes through (half-open), seconds. */
  cooldown: number;
  /** Successful probes in half-open needed to close again. */
  probes: number;
}

/** Google SRE book client-side adaptive throttling: reject with p = max(0, (requests − k·accepts)/(requests + 1)). */
export interface ThrottleSpec {
  k: number;
  /** Window over which requests and accepts are counted, seconds. */
  window: number;
}

/** A token bucket on the caller: `rate` tokens a second, at most `burst`; each attempt takes one or is refused. */
export interface RateLimitSpec {
  rate: number;
  burst: number;
}

/**
 * Envoy's admission control: rejects a new request with probability
 * min(maxRejection, max(0, (n − s / successRate) / (n + 1))^(1 / aggression)) over the requests (n) and successes
 * (s) that finished in the last `window` seconds, unless fewer than `minRps` a second finished.
 */
export interface AdmissionSpec {
  /** Sliding window, seconds (whole seconds, as Envoy rounds it). */
  window: number;
  /** The success rate below which requests start being rejected (Envoy's sr_threshold, as a ratio). */
  successRate: number;
  /** 1 rejects linearly as the success rate falls; higher rejects more at the same success rate. */
  aggression: number;
  /** Requests a second (finished, in the window) below which nothing is rejected. */
  minRps: number;
  /** The rejection probability's ceiling. */
  maxRejection: number;
}

/**
 * resilience4j's semaphore bulkhead: at most `maxConcurrentCalls` attempts in flight; one beyond waits up to
 * `maxWait` seconds for a place (first come, first served), else is refused.
 */
export interface BulkheadSpec {
  maxConcurrentCalls: number;
  /** Seconds an attempt may wait for a place (resilience4j's maxWaitDuration); 0 = refuse at once. */
  maxWait: number;
}

export interface ClientSpec {
  /** Per-attempt timeout, seconds; `null` = wait forever. */
  timeout: number | null;
  retry: RetrySpec;
  /** Latency objective for `sloMiss`, seconds; `null` = not reported. */
  slo: number | null;
  breaker: BreakerSpec | null;
  throttle: ThrottleSpec | null;
  /** Envoy-style admission control before the retries; null = off. */
  admission: AdmissionSpec | null;
  /** A token bucket on every attempt that leaves; null = off. */
  rateLimit: RateLimitSpec | null;
  /** resilience4j's semaphore bulkhead on the attempts in flight; null = off. */
  bulkhead: BulkheadSpec | null;
  /** An adaptive concurrency limiter on the attempts in flight (limiterSpec.ts); null = off. */
  limiter: LimiterSpec | null;
}

/** Service time distribution. Fields not used by `dist` keep their values (so a live switch keeps them). */
export interface ServiceSpec {
  dist: ServiceDist;
  mean: number;
  /** lognormal: coefficient of variation. */
  cv: number;
  /** bimodal: fraction of requests drawn from the slow exponential. */
  slowFraction: number;
  /** bimodal: mean of the slow exponential. */
  slowMean: number;
}

export interface CoDelSpec {
  target: number;
  interval: number;
}

export interface QueueSpec {
  /** Waiting places, not counting requests in service; `null` = unbounded. */
  limit: number | null;
  discipline: Discipline;
  codel: CoDelSpec | null;
  /** With `load.priorities`: serve the highest class queued first (the discipline orders calls within a class). */
  priority: boolean;
}

/** Universal Scalability Law: service × (1 + α·(n−1) + β·n·(n−1)), n = in service at start, itself included. */
export interface ContentionSpec {
  alpha: number;
  beta: number;
}

/** Add `step` slots `delay` seconds after utilisation has stayed above `threshold` for `window` seconds, up to `max`. */
export interface AutoscaleSpec {
  threshold: number;
  window: number;
  delay: number;
  step: number;
  max: number;
}

/** Independent failures: each call is answered with an error at once, with probability `rate`. */
export interface ErrorsSpec {
  rate: number;
}

export interface ServerSpec {
  /** Service slots; `null` = unbounded. */
  concurrency: number | null;
  service: ServiceSpec;
  queue: QueueSpec;
  /** Skip queued attempts whose client already timed out. */
  dropExpired: boolean;
  /** Remove an attempt from the queue or abort its service when its client times out. */
  cancelOnTimeout: boolean;
  contention: ContentionSpec | null;
  autoscale: AutoscaleSpec | null;
  /** Calls answered with an error at arrival (fail fast); `null` = none. */
  errors: ErrorsSpec | null;
  /** Adaptive concurrency limit in front of each station's queue (limiterSpec.ts); `null` = none. */
  limiter: LimiterSpec | null;
}

export interface CacheSpec {
  /** Target steady-state hit rate, from which the TTL is derived. */
  hitRate: number;
  /** `on-time`: a miss fills the key only if the server answers before the client's timeout. */
  fill: CacheFill;
  /** Time a hit takes to answer, seconds. */
  hitLatency: number;
  /** Explicit TTL, seconds; `null` = derived from `hitRate` and the load. */
  ttl: number | null;
}

/** Where a trigger hits in a graph of services: a service (the entry when omitted) and one replica (all when omitted). */
export interface TriggerTarget {
  service?: string | undefined;
  replica?: number | undefined;
}

export interface SpikeTrigger {
  kind: 'spike';
  at: number;
  duration: number;
  /** Load multiplier while active. */
  factor: number;
}
export interface OutageTrigger extends TriggerTarget {
  kind: 'outage';
  at: number;
  duration: number;
  /** How many backends or shards go down together (the first k); `null` = the whole server. */
  stations: number | null;
}
/** `stations` backends or shards each go down for `duration`, at independent random times within [at, at + window]. */
export interface RandomOutagesTrigger extends TriggerTarget {
  kind: 'random-outages';
  at: number;
  duration: number;
  stations: number;
  window: number;
}
export interface CapacityTrigger extends TriggerTarget {
  kind: 'capacity';
  at: number;
  duration: number;
  /** Speed multiplier: services starting during it take 1/factor as long. */
  factor: number;
  /** Slots lost while active. */
  slots: number;
}
export interface CacheFlushTrigger {
  kind: 'cache-flush';
  at: number;
}
/** While active, each call is also answered with an error with probability `rate` (independently of `server.errors`). */
export interface ErrorsTrigger extends TriggerTarget {
  kind: 'errors';
  at: number;
  duration: number;
  rate: number;
}
export type Trigger = SpikeTrigger | OutageTrigger | RandomOutagesTrigger | CapacityTrigger | CacheFlushTrigger | ErrorsTrigger;
export type TriggerKind = Trigger['kind'];

/** An operator's change of parameters at a simulated time: `{ "server.concurrency": 40 }`. */
export interface Action {
  at: number;
  set: Record<string, unknown>;
}

/**
 * A check on the run's series and when it applies (docs/scenario.md, "Assertions"):
 * `{ "check": "amplification <= 1.3", "scope": "always" }`.
 */
export interface AssertionSpec {
  /** A comparison over series: `clientP99 <= 800ms`, `goodput >= 95% * offered and queue < 100`. */
  check: string;
  /** `always`, `outside triggers`, `during triggers`, `from <N>s after triggers` or `within <N>s after triggers`. */
  scope: string;
}

export interface LimitsSpec {
  /** Requests in flight (and calls held by the servers) allowed before the run stops. */
  maxInFlight: number;
}

/** Hedged calls (Dean & Barroso): a second copy of a call still unanswered after this quantile of backend latency; the loser is cancelled. */
export interface HedgeSpec {
  percentile: number;
}

/** Fan-out: each request calls `n` backends (each a server as in `server`) and completes when `quorum` have answered. */
export interface FanoutSpec {
  n: number;
  /** Answers needed; `null` = all n. */
  quorum: number | null;
  hedge: HedgeSpec | null;
}

/** Partitioning: the keys of `load.keys` map to `shards` shards, each a server as in `server` with its own queue and slots. */
export interface PartitionSpec {
  shards: number;
}

/** Brooker's write-conflict model (model: "write-conflict"). */
export interface WriteConflictSpec {
  clients: number;
  /** Mean and standard deviation of one network step, seconds (|Normal(mean, sd)|). */
  delayMean: number;
  delaySd: number;
}

export interface Scenario {
  version: 1;
  name: string;
  seed: number;
  model: Model;
  duration: number;
  warmup: number;
  bin: number;
  load: LoadSpec;
  client: ClientSpec;
  server: ServerSpec;
  cache: CacheSpec | null;
  fanout: FanoutSpec | null;
  partitions: PartitionSpec | null;
  /** A graph of services in place of the one server; `null` = the one server (`server`, `fanout`, `partitions`). */
  graph: GraphSpec | null;
  triggers: Trigger[];
  actions: Action[];
  assertions: AssertionSpec[];
  limits: LimitsSpec;
  writeConflict: WriteConflictSpec;
}
