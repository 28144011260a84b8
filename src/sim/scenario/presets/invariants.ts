import type { Preset } from './preset';

export const conservation: Preset = {
  id: 'conservation',
  title: 'Every request accounted for',
  lesson: 9,
  story:
    'A cached service with retries, a retry budget and timeouts goes through a spike, an outage, a ' +
    'cache flush and a loss of slots, and an operator raises concurrency midway. Through all of it ' +
    'every request that arrived has succeeded, failed, or is still in flight, at every instant.',
  watch:
    'The invariants panel: arrivals = succeeded + failed + in flight holds live through each ' +
    'trigger. The charts show why each term moves; the verdict shows the system riding it out.',
  expected: 'recovered',
  claims: [{ kind: 'recovery', min: 0, max: 10, says: 'the verdict shows the system riding it out' }],
  scenario: {
    version: 1,
    name: 'Every request accounted for',
    seed: 1,
    duration: 300,
    bin: 1,
    load: { rate: 400, keys: 2000 },
    client: { timeout: 1, retry: { maxRetries: 2, backoff: 'exponential', jitter: 'full', base: 0.1, cap: 2, budget: { tokens: 10, ratio: 0.1 } } },
    server: { concurrency: 30, service: { dist: 'lognormal', mean: 0.1, cv: 1.5 }, queue: { limit: 200, discipline: 'fifo' } },
    cache: { hitRate: 0.5, fill: 'on-time' },
    triggers: [
      { kind: 'spike', at: 40, duration: 10, factor: 1.5 },
      { kind: 'outage', at: 80, duration: 5 },
      { kind: 'cache-flush', at: 120 },
      { kind: 'capacity', at: 160, duration: 20, factor: 1, slots: 10 },
    ],
    actions: [{ at: 170, set: { 'server.concurrency': 40 } }],
  },
};
