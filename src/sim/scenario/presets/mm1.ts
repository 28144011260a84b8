import type { Preset } from './preset';

/** M/M/1 at ρ = 0.8: mean in system 4, mean latency 0.5 s, p99 2.3 s (docs/validation.md, T1). */
export const mm1: Preset = {
  id: 'mm1',
  title: 'One server at 80% load (M/M/1)',
  lesson: 6,
  story:
    'Eight requests a second arrive at random to one server that takes 0.1 s on average. It is idle ' +
    'a fifth of the time, yet a request spends 0.5 s in the system on average, five times its ' +
    'service time, and one in a hundred waits more than 2.3 s.',
  watch:
    'The queue is never empty for long and bursts come and go on their own; the p99 line sits far ' +
    'above the median. No timeout, no retries: nothing here can go metastable.',
  expected: 'stable',
  claims: [
    { kind: 'summary', field: 'utilisation', min: 0.75, max: 0.85, says: 'It is idle a fifth of the time' },
    { kind: 'summary', field: 'meanLatency', min: 0.35, max: 0.65, says: 'a request spends 0.5 s in the system on average', quote: [0.5] },
    { kind: 'summary', field: 'p99', min: 1.5, max: 3, says: 'one in a hundred waits more than 2.3 s', quote: [2.3] },
  ],
  scenario: {
    version: 1,
    name: 'M/M/1 at 80% load',
    seed: 1,
    duration: 600,
    bin: 1,
    load: { rate: 8 },
    client: { timeout: null, retry: { maxRetries: 0 } },
    server: { concurrency: 1, service: { dist: 'exponential', mean: 0.1 }, queue: { limit: null, discipline: 'fifo' } },
    cache: null,
    triggers: [],
    actions: [],
  },
};
