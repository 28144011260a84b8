import { LIMITER_DEFAULTS } from '../limiterSpec';
import { loadAboveCapacity, setBreak } from './assumptionBuilders';
import type { Assumption } from './assumptions';

// The assumptions of the limiter presets (limiters.ts). Each break sets the limiter whole, written out as the
// normalised scenario records it (the library's defaults, in the schema's order), so a recorded action matches it.

const limiterOff: Assumption = {
  id: 'limiter-on',
  text: 'a concurrency limiter stands in front of the queue',
  breaks: 'take the limiter out',
  change: { kind: 'set', set: { 'server.limiter': null } },
  at: 30,
  verdicts: ['metastable'],
  says: 'without a limiter the spike’s backlog outlasts the timeout and the retry storm takes hold: stuck',
};

export const LIMITER_ASSUMPTIONS: Readonly<Record<string, readonly Assumption[]>> = {
  'client-limiter': [
    setBreak(
      'client-limiter-on',
      'the client limits its attempts in flight',
      'take the client limiter out',
      { 'client.limiter': null },
      ['metastable'],
      'the client sends every retry to the stopped server again: the backlog outlasts the timeout and the retry storm takes hold: stuck',
    ),
    setBreak(
      'loss-based-client',
      'the client’s limit reacts to drops (AIMD)',
      'switch the client limiter to Gradient2',
      { 'client.limiter': { ...LIMITER_DEFAULTS.gradient2 } },
      ['overloaded'],
      'Gradient2 on the client keeps its limit at the minimum of 20, below the 28 attempts the load keeps in flight: overloaded',
    ),
  ],
  bulkhead: [
    setBreak('bulkhead-on', 'a bulkhead bounds the attempts in flight', 'take the bulkhead out', { 'client.bulkhead': null }, ['metastable'], 'the slow server’s backlog outlasts the timeout and the retry storm takes hold: stuck'),
    setBreak(
      'bulkhead-room',
      'the bulkhead has room for the calls the load keeps in flight (60)',
      'put resilience4j’s default of 25 calls back',
      { 'client.bulkhead.maxConcurrentCalls': 25 },
      ['overloaded'],
      'below the 28 calls the load keeps in flight, the bulkhead refuses requests all the time: overloaded',
    ),
  ],
  'priority-shedding': [
    loadAboveCapacity(280),
    setBreak(
      'queue-bounded',
      'the queue is bounded at 150 places (half a second of work)',
      'take the queue limit off',
      { 'server.queue.limit': null },
      ['metastable'],
      'nothing is shed: the spike’s backlog outlasts the timeout, critical requests wait behind it like the others, and the retry storm takes hold: stuck',
    ),
  ],
  'aimd-spike': [
    limiterOff,
    {
      id: 'loss-based',
      text: 'the limit reacts to drops (AIMD)',
      breaks: 'switch the limiter to Gradient2 with the same maximum of 1000',
      change: { kind: 'set', set: { 'server.limiter': { ...LIMITER_DEFAULTS.gradient2, maxLimit: 1000 } } },
      at: 30,
      verdicts: ['metastable'],
      says: 'Gradient2 ignores drops and climbs with the queue to 1000: stuck after the spike',
    },
  ],
  'gradient2-spike': [
    {
      id: 'max-1000',
      text: 'the limit may reach 1000',
      breaks: 'put Gradient2’s own default maximum of 200 back',
      change: { kind: 'set', set: { 'server.limiter': { ...LIMITER_DEFAULTS.gradient2 } } },
      at: 30,
      verdicts: ['recovered'],
      says: 'at most 200 calls, 170 of them queued, wait 0.6 s, within the timeout: the spike passes and the run recovers',
    },
    {
      id: 'delay-based',
      text: 'the limit follows the RTT (Gradient2), not drops',
      breaks: 'switch the limiter to AIMD with the same maximum of 1000',
      change: { kind: 'set', set: { 'server.limiter': { ...LIMITER_DEFAULTS.aimd, maxLimit: 1000 } } },
      at: 30,
      verdicts: ['recovered'],
      says: 'AIMD cuts the limit on every late answer: the queue stays within the timeout and the run recovers',
    },
  ],
};
