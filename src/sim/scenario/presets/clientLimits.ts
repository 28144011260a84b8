import type { Preset } from './preset';
import { retryStormScenario } from './retryStorm';
import { variant } from './variant';

// Priority classes, the client-side concurrency limiter and the bulkhead against the retry storm (lesson 2's cures).

const storm = (name: string) => retryStormScenario(name, 280, 1);

export const priorityShedding: Preset = {
  id: 'priority-shedding',
  title: 'Priority shedding under a load spike',
  lesson: 2,
  story:
    'The retry storm’s service with 150 waiting places takes a doubled load for a minute instead of an outage. A ' +
    'quarter of the requests are critical, the rest sheddable; when the queue is full, an arriving critical call ' +
    'turns away the newest sheddable one queued instead of being turned away itself. The critical 140 requests a ' +
    'second of the spike fit in the capacity of 300, so they keep it.',
  watch:
    'Through the spike the critical quarter keeps 98% of its goodput, while the sheddable requests get what capacity ' +
    'is left: under 40% of theirs. Goodput is back within seconds of the spike’s end.',
  expected: 'recovered',
  claims: [
    { kind: 'class', name: 'critical', from: 60, to: 120, min: 0.98, says: 'the critical quarter keeps 98% of its goodput', quote: [0.98] },
    { kind: 'class', name: 'sheddable', from: 60, to: 120, max: 0.4, says: 'the sheddable requests get what capacity is left: under 40% of theirs', quote: [0.4] },
    { kind: 'recovery', min: 0, max: 10, says: 'Goodput is back within seconds of the spike’s end' },
  ],
  scenario: variant(storm('Priority shedding under a load spike'), {
    load: {
      rate: 280,
      priorities: [
        { name: 'critical', share: 0.25 },
        { name: 'sheddable', share: 0.75 },
      ],
    },
    server: { queue: { limit: 150 } },
    triggers: [{ kind: 'spike', at: 60, duration: 60, factor: 2 }],
  }),
};

export const clientLimiter: Preset = {
  id: 'client-limiter',
  title: 'Retry storm with a client-side AIMD limiter',
  lesson: 2,
  story:
    'The retry storm with an AIMD concurrency limit on the client’s attempts in flight (Netflix’s library ' +
    'defaults: 20 to 200, × 0.9 on a drop). In the outage every attempt times out, each timeout cuts the limit, and ' +
    'the client refuses the excess at once instead of piling calls onto the stopped server: the backlog it leaves ' +
    'is small enough to clear.',
  watch:
    'The limit falls to its minimum of 20 during the outage and climbs back after it; goodput is back within 10 ' +
    'seconds. The same limit with Gradient2 stays at its minimum of 20 and caps goodput below the load: overloaded.',
  expected: 'recovered',
  claims: [
    { kind: 'window', measure: 'clientLimiterLimit', stat: 'min', from: 62, to: 70, max: 20, says: 'The limit falls to its minimum of 20 during the outage', quote: [20] },
    { kind: 'window', measure: 'clientLimiterLimit', stat: 'max', from: 80, min: 60, says: 'climbs back after it' },
    { kind: 'recovery', min: 0, max: 10, says: 'goodput is back within 10 seconds', quote: [10] },
    { kind: 'variant', set: { 'client.limiter': { kind: 'gradient2' } }, verdict: 'overloaded', says: 'The same limit with Gradient2 stays at its minimum of 20 and caps goodput below the load: overloaded' },
  ],
  scenario: variant(storm('Retry storm with a client-side AIMD limiter'), { client: { limiter: { kind: 'aimd' } } }),
};

export const bulkhead: Preset = {
  id: 'bulkhead',
  title: 'Bulkhead against a slow server',
  lesson: 2,
  story:
    'The retry storm’s service slows to half speed for 20 seconds instead of stopping. With resilience4j’s ' +
    'semaphore bulkhead on the client, at most 60 attempts are in flight and one beyond is refused at once (no ' +
    'wait): the slow server holds 60 calls, not a backlog that outlives the timeout. Without it the slowdown tips ' +
    'the service into the retry storm.',
  watch:
    'Goodput is back within 10 seconds of the slowdown’s end. At resilience4j’s default of 25 calls the bulkhead is ' +
    'below the 28 the load keeps in flight and refuses requests all the time: overloaded.',
  expected: 'recovered',
  claims: [
    { kind: 'recovery', min: 0, max: 10, says: 'Goodput is back within 10 seconds of the slowdown’s end', quote: [10] },
    { kind: 'variant', set: { 'client.bulkhead': null }, verdict: 'metastable', says: 'Without it the slowdown tips the service into the retry storm' },
    {
      kind: 'variant',
      set: { 'client.bulkhead.maxConcurrentCalls': 25 },
      verdict: 'overloaded',
      says: 'At resilience4j’s default of 25 calls the bulkhead is below the 28 the load keeps in flight and refuses requests all the time: overloaded',
      quote: [25],
    },
  ],
  scenario: variant(storm('Bulkhead against a slow server'), {
    client: { bulkhead: { maxConcurrentCalls: 60, maxWait: 0 } },
    triggers: [{ kind: 'capacity', at: 60, duration: 20, factor: 0.5 }],
  }),
};
