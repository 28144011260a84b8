import type { Preset, RawScenario } from './preset';

/**
 * The retry storm's service (30 slots, 0.1 s mean service, capacity 300/s, 1 s timeout, one
 * immediate retry, 280 requests/s) with lognormal service times of cv 0.3, a 30 % load spike for
 * 60 s at t = 60 s, and an adaptive concurrency limiter of the library's defaults except a
 * maximum of 1000: the same spike under AIMD and under Gradient2.
 */
function limiterSpikeScenario(name: string, kind: 'aimd' | 'gradient2'): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 400,
    bin: 1,
    load: { rate: 280 },
    client: { timeout: 1, retry: { maxRetries: 1, backoff: 'none', jitter: 'none', budget: null } },
    server: {
      concurrency: 30,
      service: { dist: 'lognormal', mean: 0.1, cv: 0.3 },
      queue: { limit: null, discipline: 'fifo' },
      limiter: { kind, maxLimit: 1000 },
    },
    triggers: [{ kind: 'spike', at: 60, duration: 60, factor: 1.3 }],
  };
}

export const aimdSpike: Preset = {
  id: 'aimd-spike',
  title: 'AIMD limiter under a spike',
  lesson: 2,
  story:
    'The retry storm’s service, with an AIMD concurrency limit in front of its queue (the library’s defaults, ' +
    'maximum 1000), takes a 30% load spike for a minute. Every answer that comes after its caller gave up ' +
    'counts as a drop and cuts the limit by 10%, so the queue never grows past what the timeout allows.',
  watch:
    'The limit falls to its minimum of 20 during the spike, below the 30 slots, while the excess is rejected ' +
    'at once; goodput is back within 10 seconds of the spike’s end, and from then on 98% of requests succeed.',
  expected: 'recovered',
  claims: [
    { kind: 'window', measure: 'limiterLimit', stat: 'min', from: 60, to: 120, max: 20, says: 'The limit falls to its minimum of 20 during the spike', quote: [20] },
    { kind: 'recovery', min: 0, max: 10, says: 'goodput is back within 10 seconds of the spike’s end', quote: [10] },
    { kind: 'window', measure: 'goodputShare', from: 120, min: 0.98, says: 'from then on 98% of requests succeed', quote: [0.98] },
  ],
  scenario: limiterSpikeScenario('AIMD limiter under a spike', 'aimd'),
};

export const gradient2Spike: Preset = {
  id: 'gradient2-spike',
  title: 'Gradient2 limiter climbs with the queue',
  lesson: 2,
  story:
    'The same service and spike with a Gradient2 limit instead. Gradient2 ignores drops and compares each ' +
    'RTT with its long-term RTT, an average over 600 samples (2 seconds here) that rises with the queue; ' +
    'the gradient stays at 1, so the limit climbs to its maximum of 1000, the queue grows past the timeout, ' +
    'and the retry storm takes hold.',
  watch:
    'The limit reaches 1000 during the spike and stays there after it ends: goodput falls to almost ' +
    'nothing and amplification sits near 2, as with no limiter at all.',
  expected: 'metastable',
  claims: [
    { kind: 'window', measure: 'limiterLimit', stat: 'min', from: 130, min: 1000, says: 'stays there after it ends' },
    { kind: 'window', measure: 'limiterLimit', stat: 'max', from: 60, to: 120, min: 1000, says: 'The limit reaches 1000 during the spike', quote: [1000] },
    { kind: 'stuck', from: 130, says: 'goodput falls to almost nothing' },
    { kind: 'window', measure: 'goodputShare', from: 130, max: 0.05, says: 'goodput falls to almost nothing' },
    { kind: 'window', measure: 'amplification', from: 130, min: 1.9, max: 2.1, says: 'amplification sits near 2', quote: [2] },
  ],
  scenario: limiterSpikeScenario('Gradient2 limiter under a spike', 'gradient2'),
};
