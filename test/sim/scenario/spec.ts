// The numeric fields of format v1 with their ranges and defaults: an oracle written apart
// from src/sim/scenario/schema.ts, so the tests check the schema instead of echoing it.

export interface NumericSpec {
  path: string;
  integer: boolean;
  min: number;
  minExclusive: boolean;
  max: number;
  maxExclusive: boolean;
  nullable: boolean;
  default: number | null;
}

function n(path: string, range: string, default_: number | null, opts: { integer?: boolean; nullable?: boolean } = {}): NumericSpec {
  const m = /^([[(])(.+),(.+)([\])])$/.exec(range);
  if (m === null) throw new Error(`bad range ${range}`);
  return {
    path,
    integer: opts.integer ?? false,
    nullable: opts.nullable ?? false,
    min: Number(m[2]),
    minExclusive: m[1] === '(',
    max: Number(m[3]),
    maxExclusive: m[4] === ')',
    default: default_,
  };
}
const int = { integer: true };
const nul = { nullable: true };
const intNul = { integer: true, nullable: true };

/** Fields whose range does not depend on other fields. */
export const NUMERIC_FIELDS: NumericSpec[] = [
  n('seed', '[0,4294967295]', 1, int),
  n('duration', '(0,10000000]', 400),
  n('load.rate', '[0,1000000]', 100),
  n('load.clients', '[1,100000]', null, intNul),
  // Not from 0: a closed-loop client its own breaker refuses at once would, with no think time,
  // loop at one instant, so the think time starts at 1 ms.
  n('load.thinkTime', '[0.001,3600]', 1),
  n('load.keys', '[1,1000000]', 1000, int),
  n('load.zipf', '(0,5]', null, nul),
  n('client.timeout', '(0,3600]', 1, nul),
  n('client.slo', '(0,3600]', null, nul),
  n('client.retry.maxRetries', '[0,100]', 0, int),
  n('client.retry.base', '[0,3600]', 0.05),
  n('client.retry.cap', '[0,36000]', 10),
  n('client.retry.budget.tokens', '(0,1000000]', 10),
  n('client.retry.budget.ratio', '[0,1]', 0.1),
  n('client.retry.budget.ttl', '[1,60]', 10, int),
  n('client.retry.budget.minRetriesPerSec', '[0,1000000]', 10, int),
  n('client.retry.budget.percentCanRetry', '[0,1000]', 0.2),
  n('client.retry.budget.budgetPercent', '[0,100]', 20),
  n('client.retry.budget.minRetryConcurrency', '[0,1000000]', 3, int),
  n('client.retry.budget.capacity', '[0,1000000]', 500, int),
  n('client.retry.budget.retryCost', '[0,1000000]', 5, int),
  n('client.retry.budget.timeoutCost', '[0,1000000]', 10, int),
  n('client.retry.budget.noRetryIncrement', '[0,1000000]', 1, int),
  n('client.retry.budget.deposit', '[0,1000]', 0.1),
  n('client.retry.budget.bucketSize', '(0,1000000]', 10),
  n('client.breaker.failureRatio', '(0,1]', 0.5),
  n('client.breaker.window', '[0.001,3600]', 10),
  n('client.breaker.minRequests', '[1,1000000]', 20, int),
  n('client.breaker.cooldown', '[0.001,3600]', 5),
  n('client.breaker.probes', '[1,1000]', 5, int),
  n('client.throttle.k', '[1,100]', 2),
  n('client.throttle.window', '[0.001,3600]', 60),
  n('server.concurrency', '[1,100000]', 30, intNul),
  n('server.service.mean', '(0,3600]', 0.1),
  n('server.service.cv', '(0,100]', 1),
  n('server.service.slowFraction', '[0,1]', 0.01),
  n('server.service.slowMean', '(0,3600]', 1),
  n('server.queue.limit', '[0,10000000]', null, intNul),
  n('server.queue.codel.target', '(0,60]', 0.005),
  n('server.queue.codel.interval', '(0,60]', 0.1),
  n('server.contention.alpha', '[0,1]', 0),
  n('server.contention.beta', '[0,1]', 0),
  n('server.autoscale.threshold', '(0,1]', 0.8),
  n('server.autoscale.window', '[0.001,3600]', 10),
  n('server.autoscale.delay', '[0,3600]', 60),
  n('server.autoscale.step', '[1,10000]', 5, int),
  n('server.autoscale.max', '[1,100000]', 100, int),
  n('server.errors.rate', '[0,1]', 0.1),
  n('cache.hitRate', '[0,0.999]', 0.9),
  n('cache.hitLatency', '[0,60]', 0.001),
  n('cache.ttl', '(0,1000000]', null, nul),
  n('limits.maxInFlight', '[1000,10000000]', 1_000_000, int),
  n('writeConflict.clients', '[1,10000]', 100, int),
  n('writeConflict.delayMean', '(0,10]', 0.01),
  n('writeConflict.delaySd', '[0,10]', 0.002),
];

/** Trigger fields by kind (defaults where optional). */
export const TRIGGER_FIELDS: Record<string, NumericSpec[]> = {
  spike: [n('at', '[0,10000000]', null), n('duration', '(0,10000000]', null), n('factor', '(0,100]', 2)],
  outage: [n('at', '[0,10000000]', null), n('duration', '(0,10000000]', null)],
  capacity: [
    n('at', '[0,10000000]', null),
    n('duration', '(0,10000000]', null),
    n('factor', '(0,10]', 1),
    n('slots', '[0,100000]', 0, int),
  ],
  'cache-flush': [n('at', '[0,10000000]', null)],
  errors: [n('at', '[0,10000000]', null), n('duration', '(0,10000000]', null), n('rate', '[0,1]', 1)],
};

export const ACTION_AT = n('at', '[0,10000000]', null);

/** The phrase a message must contain for a value outside this range: `an integer from 0 to 100`. */
export function rangeText(s: NumericSpec): string {
  const kind = s.integer ? 'an integer' : 'a number';
  const low = `${s.min}${s.minExclusive ? ' (exclusive)' : ''}`;
  const high = `${s.max}${s.maxExclusive ? ' (exclusive)' : ''}`;
  return `${s.nullable ? 'null or ' : ''}${kind} from ${low} to ${high}`;
}

export const ENUM_FIELDS: Record<string, string[]> = {
  model: ['queue', 'write-conflict'],
  'client.retry.backoff': ['none', 'constant', 'exponential'],
  'client.retry.jitter': ['none', 'full', 'equal', 'decorrelated'],
  'client.retry.budget.kind': ['grpc', 'finagle', 'envoy', 'aws', 'brooker'],
  'server.service.dist': ['exponential', 'deterministic', 'lognormal', 'bimodal'],
  'server.queue.discipline': ['fifo', 'lifo', 'adaptive-lifo'],
  'cache.fill': ['on-time', 'read-through'],
};

export const ENUM_DEFAULTS: Record<string, string> = {
  model: 'queue',
  'client.retry.backoff': 'none',
  'client.retry.jitter': 'none',
  'client.retry.budget.kind': 'grpc',
  'server.service.dist': 'exponential',
  'server.queue.discipline': 'fifo',
  'cache.fill': 'on-time',
};
