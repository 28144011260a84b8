import { LIMITER_DEFAULTS } from '../limiterSpec';
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
