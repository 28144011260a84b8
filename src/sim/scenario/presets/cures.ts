import type { Preset } from './preset';
import { retryStormScenario } from './retryStorm';
import { variant } from './variant';

// Each cure is the retry storm (metastable) with one change, and each recovers: the pairs of
// lesson 2, "breaking the loop".
const storm = (name: string): ReturnType<typeof retryStormScenario> => retryStormScenario(name, 280, 1);

export const retryBudget: Preset = {
  id: 'retry-budget',
  title: 'Retry storm with a retry budget',
  lesson: 2,
  story:
    'The retry storm, with clients that keep a gRPC-style retry budget: 10 tokens, one spent per ' +
    'failed attempt, a tenth of one earned per success, and no retry while fewer than half remain. ' +
    'During the outage the budget runs dry within a few failures, so retries stop feeding the backlog.',
  watch:
    'Amplification jumps during the outage and falls back to 1 at once; the backlog drains at the ' +
    'spare 20 requests per second as if there were no retries, and goodput returns.',
  expected: 'recovered',
  scenario: variant(storm('Retry storm with a retry budget'), { client: { retry: { budget: { tokens: 10, ratio: 0.1 } } } }),
};

export const lifoQueue: Preset = {
  id: 'lifo-queue',
  title: 'Retry storm with a LIFO queue',
  lesson: 2,
  story:
    'The retry storm, but the server serves the newest request first. The backlog left by the ' +
    'outage is still there, yet fresh requests skip it and finish within their timeout; only the ' +
    'stale ones, whose clients gave up long ago, wait at the bottom.',
  watch:
    'Goodput returns within seconds of the outage ending even though the queue stays long; the ' +
    'p50 is back to normal while the server latency p99 shows the stale requests.',
  expected: 'recovered',
  scenario: variant(storm('Retry storm with a LIFO queue'), { server: { queue: { discipline: 'lifo' } } }),
};

export const boundedQueue: Preset = {
  id: 'bounded-queue',
  title: 'Retry storm with a bounded queue',
  lesson: 2,
  story:
    'The retry storm with 150 waiting places: half a second of work, less than the 1 s timeout. ' +
    'During the outage the server turns away what does not fit instead of queueing work that ' +
    'would only time out; when it comes back, everything it holds can still finish in time.',
  watch:
    'Rejections spike during the outage and stop with it; the queue never exceeds 150 and goodput ' +
    'is back within seconds. Compare with "queue-too-deep", the same with 600 places.',
  expected: 'recovered',
  scenario: variant(storm('Retry storm with a bounded queue'), { server: { queue: { limit: 150 } } }),
};

export const queueTooDeep: Preset = {
  id: 'queue-too-deep',
  title: 'A bounded queue that is too deep',
  lesson: 6,
  story:
    'The retry storm with 600 waiting places: two seconds of work, twice the timeout. The limit ' +
    'is real, but every request that reaches the back of a full queue has already timed out by ' +
    'the time it is served, so the bound sheds load without saving any request.',
  watch:
    'The queue sits at 600, rejections and timeouts together hold amplification near 2, and ' +
    'goodput stays near zero: a queue bound only helps when it is shorter than the timeout.',
  expected: 'metastable',
  scenario: variant(storm('A bounded queue that is too deep'), { server: { queue: { limit: 600 } } }),
};

export const cancelOnTimeout: Preset = {
  id: 'cancel-on-timeout',
  title: 'Retry storm with cancellation',
  lesson: 5,
  story:
    'The retry storm, but when a client gives up the server hears of it and drops the request, ' +
    'queued or running (deadline propagation). The server stops doing work whose answer nobody ' +
    'will read, so its capacity goes to requests that can still succeed.',
  watch:
    'Wasted work, which fills the server in the plain retry storm, stays near zero; throughput and ' +
    'goodput come back together right after the outage.',
  expected: 'recovered',
  scenario: variant(storm('Retry storm with cancellation'), { server: { cancelOnTimeout: true } }),
};

export const circuitBreaker: Preset = {
  id: 'circuit-breaker',
  title: 'Retry storm with a circuit breaker',
  lesson: 2,
  story:
    'The retry storm with a client-side circuit breaker: when half of the attempts in a 10 s window ' +
    'fail, it opens and refuses every call for 5 s, then lets a few probes through. Refused ' +
    'requests fail at once instead of joining the backlog, which drains.',
  watch:
    'Failures jump while the breaker is open and attempts fall below the offered load; after a ' +
    'few open and half-open cycles the probes succeed and goodput returns.',
  expected: 'recovered',
  scenario: variant(storm('Retry storm with a circuit breaker'), { client: { breaker: {} } }),
};
