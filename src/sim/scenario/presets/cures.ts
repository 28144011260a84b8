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
    'Amplification hardly rises above 1, even during the outage; the backlog drains at the spare 20 ' +
    'requests per second as if there were no retries, and goodput returns 120 to 150 s after the ' +
    'outage, as in "retry-storm-no-retries".',
  expected: 'recovered',
  claims: [
    { kind: 'window', measure: 'amplification', stat: 'max', from: 55, max: 1.1, says: 'Amplification hardly rises above 1, even during the outage', quote: [1] },
    { kind: 'recovery', min: 115, max: 155, says: 'goodput returns 120 to 150 s after the outage', quote: [120, 150] },
  ],
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
  claims: [
    { kind: 'recovery', min: 0, max: 10, says: 'Goodput returns within seconds of the outage ending' },
    { kind: 'window', measure: 'queue', from: 300, min: 500, says: 'even though the queue stays long' },
    { kind: 'window', measure: 'clientP50', stat: 'max', from: 80, max: 0.2, says: 'p50 is back to normal' },
    { kind: 'window', measure: 'serverP99', from: 150, min: 10, says: 'the server latency p99 shows the stale requests' },
  ],
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
  claims: [
    { kind: 'window', measure: 'queue', stat: 'max', from: 0, max: 150, says: 'the queue never exceeds 150', quote: [150] },
    { kind: 'window', measure: 'rejected', from: 60, to: 70, min: 100, says: 'Rejections spike during the outage' },
    { kind: 'window', measure: 'rejected', stat: 'max', from: 80, max: 1, says: 'and stop with it' },
    { kind: 'recovery', min: 0, max: 10, says: 'goodput is back within seconds' },
  ],
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
  claims: [
    { kind: 'window', measure: 'queue', from: 100, min: 590, max: 600, says: 'The queue sits at 600', quote: [600] },
    { kind: 'window', measure: 'amplification', from: 100, min: 1.9, max: 2.1, says: 'hold amplification near 2', quote: [2] },
    { kind: 'window', measure: 'goodputShare', from: 80, max: 0.05, says: 'goodput stays near zero' },
  ],
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
  claims: [
    { kind: 'window', measure: 'wastedShare', from: 60, max: 0.01, says: 'stays near zero' },
    { kind: 'recovery', min: 0, max: 10, says: 'throughput and goodput come back together right after the outage' },
  ],
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
    'few open and half-open cycles the probes succeed and goodput returns, about 15 s after the outage.',
  expected: 'recovered',
  claims: [
    { kind: 'window', measure: 'failed', from: 60, to: 85, min: 50, says: 'Failures jump while the breaker is open' },
    { kind: 'window', measure: 'amplification', from: 70, to: 85, max: 0.5, says: 'attempts fall below the offered load' },
    { kind: 'recovery', min: 10, max: 20, says: 'goodput returns, about 15 s after the outage', quote: [15] },
  ],
  scenario: variant(storm('Retry storm with a circuit breaker'), { client: { breaker: {} } }),
};
