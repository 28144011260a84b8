import type {
  AdmissionSpec,
  AutoscaleSpec,
  BulkheadSpec,
  BreakerSpec,
  CacheSpec,
  CoDelSpec,
  ContentionSpec,
  ErrorsSpec,
  FanoutSpec,
  HedgeSpec,
  PartitionSpec,
  RateLimitSpec,
  RetryBudgetSpec,
  Scenario,
  ServiceSpec,
  ThrottleSpec,
} from './types';

// The values a field takes when a scenario omits it. Sections that default to `null`
// (the cache, a retry budget, …) get these values for the fields omitted inside them
// when they are switched on. docs/scenario.md documents each one; a test keeps them in step.

/** Each kind's parameters at the defaults of its implementation (docs/scenario.md, "Retry budgets"). */
export function defaultBudget(): RetryBudgetSpec {
  return {
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
  };
}

export function defaultErrors(): ErrorsSpec {
  return { rate: 0.1 };
}

/** Error share of an `errors` trigger that does not say: every call. */
export const DEFAULT_ERRORS_RATE = 1;

export function defaultBreaker(): BreakerSpec {
  return { failureRatio: 0.5, window: 10, minRequests: 20, cooldown: 5, probes: 5 };
}

export function defaultThrottle(): ThrottleSpec {
  return { k: 2, window: 60 };
}

/** Envoy's admission control defaults: a 30-s window, 95 % success rate, aggression 1, no RPS floor, at most 80 % rejected. */
export function defaultAdmission(): AdmissionSpec {
  return { window: 30, successRate: 0.95, aggression: 1, minRps: 0, maxRejection: 0.8 };
}

/** A token bucket of 100 requests a second with a burst of 100. */
export function defaultRateLimit(): RateLimitSpec {
  return { rate: 100, burst: 100 };
}

/** resilience4j's bulkhead defaults: 25 concurrent calls, no wait. */
export function defaultBulkhead(): BulkheadSpec {
  return { maxConcurrentCalls: 25, maxWait: 0 };
}

/** "Fail at Scale" CoDel: 5 ms target, 100 ms interval. */
export function defaultCodel(): CoDelSpec {
  return { target: 0.005, interval: 0.1 };
}

export function defaultContention(): ContentionSpec {
  return { alpha: 0, beta: 0 };
}

export function defaultAutoscale(): AutoscaleSpec {
  return { threshold: 0.8, window: 10, delay: 60, step: 5, max: 100 };
}

export function defaultCache(): CacheSpec {
  return { hitRate: 0.9, fill: 'on-time', hitLatency: 0.001, ttl: null };
}

export function defaultFanout(): FanoutSpec {
  return { n: 10, quorum: null, hedge: null };
}

export function defaultHedge(): HedgeSpec {
  return { percentile: 0.95 };
}

export function defaultPartitions(): PartitionSpec {
  return { shards: 16 };
}

/** A network delay when one is switched on: a constant 1 ms each way. */
export function defaultDelay(): ServiceSpec {
  return { dist: 'deterministic', mean: 0.001, cv: 1, slowFraction: 0.01, slowMean: 1 };
}

/** Load multiplier of a `spike` trigger that does not say. */
export const DEFAULT_SPIKE_FACTOR = 2;
/** Speed multiplier of a `capacity` trigger that does not say (1 = unchanged: give `slots` then). */
export const DEFAULT_CAPACITY_FACTOR = 1;
export const DEFAULT_CAPACITY_SLOTS = 0;

/** A complete scenario with every field at its default: an open-loop queue, no trigger. A fresh object each call. */
export function defaultScenario(): Scenario {
  return {
    version: 1,
    name: 'Untitled',
    seed: 1,
    model: 'queue',
    duration: 400,
    warmup: 0,
    bin: 1,
    load: { rate: 100, profile: null, clients: null, thinkTime: 1, keys: 1000, zipf: null, priorities: null },
    client: {
      timeout: 1,
      retry: { maxRetries: 0, backoff: 'none', base: 0.05, cap: 10, jitter: 'none', budget: null },
      slo: null,
      breaker: null,
      throttle: null,
      admission: null,
      rateLimit: null,
      bulkhead: null,
      limiter: null,
    },
    server: {
      concurrency: 30,
      service: { dist: 'exponential', mean: 0.1, cv: 1, slowFraction: 0.01, slowMean: 1 },
      queue: { limit: null, discipline: 'fifo', codel: null, priority: false },
      dropExpired: false,
      cancelOnTimeout: false,
      contention: null,
      autoscale: null,
      errors: null,
      limiter: null,
    },
    cache: null,
    fanout: null,
    partitions: null,
    graph: null,
    triggers: [],
    actions: [],
    assertions: [],
    limits: { maxInFlight: 1_000_000 },
    writeConflict: { clients: 100, delayMean: 0.01, delaySd: 0.002 },
  };
}
