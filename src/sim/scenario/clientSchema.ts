import * as v from 'valibot';
import { defaultAdmission, defaultBreaker, defaultBudget, defaultBulkhead, defaultRateLimit, defaultScenario, defaultThrottle } from './defaults';
import { nullableNumber, nullableSection, number, oneOf, section } from './fields';
import { limiterSchema } from './limiterSpec';
import { HOUR, PERIOD, RATIO, RATIO_POSITIVE, SECONDS } from './ranges';

// The client's section of format v1: timeout, retries and their budget, breaker, throttle, admission control,
// rate limit, bulkhead and concurrency limiter (the rest of the format is in schema.ts).

const D = defaultScenario();
const budget = defaultBudget();
const breaker = defaultBreaker();
const throttle = defaultThrottle();
const admission = defaultAdmission();
const rateLimit = defaultRateLimit();
const bulkhead = defaultBulkhead();

export const BUDGET_KINDS = ['grpc', 'finagle', 'envoy', 'aws', 'brooker'] as const;
const COUNT = { min: 0, max: 1e6, integer: true };

const budgetSchema = nullableSection({
  kind: oneOf(BUDGET_KINDS, budget.kind),
  tokens: number({ min: 0, minExclusive: true, max: 1e6 }, budget.tokens),
  ratio: number(RATIO, budget.ratio),
  // Finagle's RetryBudget.apply requires ttl in [1 s, 60 s], minRetriesPerSec ≥ 0, percentCanRetry in [0, 1000].
  ttl: number({ min: 1, max: 60, integer: true }, budget.ttl),
  minRetriesPerSec: number(COUNT, budget.minRetriesPerSec),
  percentCanRetry: number({ min: 0, max: 1000 }, budget.percentCanRetry),
  // Envoy's budget_percent is a Percent (0–100); min_retry_concurrency a UInt32.
  budgetPercent: number({ min: 0, max: 100 }, budget.budgetPercent),
  minRetryConcurrency: number(COUNT, budget.minRetryConcurrency),
  capacity: number(COUNT, budget.capacity),
  retryCost: number(COUNT, budget.retryCost),
  timeoutCost: number(COUNT, budget.timeoutCost),
  noRetryIncrement: number(COUNT, budget.noRetryIncrement),
  deposit: number({ min: 0, max: 1000 }, budget.deposit),
  bucketSize: number({ min: 0, minExclusive: true, max: 1e6 }, budget.bucketSize),
});

const retrySchema = section({
  maxRetries: number({ min: 0, max: 100, integer: true }, D.client.retry.maxRetries),
  backoff: oneOf(['none', 'constant', 'exponential'], D.client.retry.backoff),
  base: number({ min: 0, max: HOUR }, D.client.retry.base),
  cap: number({ min: 0, max: 36_000 }, D.client.retry.cap),
  jitter: oneOf(['none', 'full', 'equal', 'decorrelated'], D.client.retry.jitter),
  budget: v.optional(budgetSchema, D.client.retry.budget),
});

const breakerSchema = nullableSection({
  failureRatio: number(RATIO_POSITIVE, breaker.failureRatio),
  window: number(PERIOD, breaker.window),
  minRequests: number({ min: 1, max: 1e6, integer: true }, breaker.minRequests),
  cooldown: number(PERIOD, breaker.cooldown),
  probes: number({ min: 1, max: 1000, integer: true }, breaker.probes),
});

const throttleSchema = nullableSection({
  k: number({ min: 1, max: 100 }, throttle.k),
  window: number(PERIOD, throttle.window),
});

const admissionSchema = nullableSection({
  window: number({ min: 1, max: HOUR }, admission.window),
  successRate: number({ min: 0.01, max: 1 }, admission.successRate),
  aggression: number({ min: 1, max: 100 }, admission.aggression),
  minRps: number({ min: 0, max: 1e6 }, admission.minRps),
  maxRejection: number({ min: 0, max: 1 }, admission.maxRejection),
});

const rateLimitSchema = nullableSection({
  rate: number({ min: 0, minExclusive: true, max: 1e7 }, rateLimit.rate),
  burst: number({ min: 1, max: 1e7 }, rateLimit.burst),
});

const bulkheadSchema = nullableSection({
  maxConcurrentCalls: number({ min: 1, max: 1e6, integer: true }, bulkhead.maxConcurrentCalls),
  maxWait: number({ min: 0, max: HOUR }, bulkhead.maxWait),
});

/** The client's fields: what the users' client does, and (less `slo`) the caller's policy on a graph's edge. */
export const clientEntries = {
  timeout: nullableNumber(SECONDS, D.client.timeout),
  retry: v.optional(retrySchema, () => ({})),
  slo: nullableNumber(SECONDS, D.client.slo),
  breaker: v.optional(breakerSchema, D.client.breaker),
  throttle: v.optional(throttleSchema, D.client.throttle),
  admission: v.optional(admissionSchema, D.client.admission),
  rateLimit: v.optional(rateLimitSchema, D.client.rateLimit),
  bulkhead: v.optional(bulkheadSchema, D.client.bulkhead),
  limiter: v.optional(limiterSchema, D.client.limiter),
};

export const clientSchema = section(clientEntries);
