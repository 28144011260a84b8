import type { Preset, RawScenario } from './preset';

/**
 * Bronson et al., "Metastable Failures in Distributed Systems" (HotOS 2021), as in
 * docs/validation.md, M1: 30 slots of 0.1 s exponential service (capacity 300/s), 1 s timeout,
 * one immediate retry, a 10 s outage at t = 60 s.
 */
export function retryStormScenario(name: string, rate: number, maxRetries: number): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 400,
    warmup: 0,
    bin: 1,
    load: { rate },
    client: { timeout: 1, retry: { maxRetries, backoff: 'none', jitter: 'none', budget: null } },
    server: {
      concurrency: 30,
      service: { dist: 'exponential', mean: 0.1 },
      queue: { limit: null, discipline: 'fifo' },
      dropExpired: false,
    },
    cache: null,
    triggers: [{ kind: 'outage', at: 60, duration: 10 }],
    actions: [],
  };
}

export const retryStorm: Preset = {
  id: 'retry-storm',
  title: 'Retry storm',
  lesson: 1,
  story:
    'A service runs at 93% of its capacity (280 of 300 requests per second). A 10-second outage ' +
    'builds a backlog; requests time out, every client retries once, and the retries double the ' +
    'load. When the outage ends the server is busy answering requests nobody waits for any more.',
  watch:
    'Goodput falls to almost nothing after t = 70 s and never comes back, while throughput stays at ' +
    'capacity: amplification sits near 2 and wasted work fills the server.',
  expected: 'metastable',
  claims: [
    { kind: 'stuck', from: 70, says: 'Goodput falls to almost nothing after t = 70 s and never comes back', quote: [70] },
    { kind: 'window', measure: 'goodputShare', from: 80, max: 0.05, says: 'Goodput falls to almost nothing after t = 70 s' },
    { kind: 'window', measure: 'throughput', from: 100, min: 285, says: 'throughput stays at capacity' },
    { kind: 'window', measure: 'amplification', from: 100, min: 1.9, max: 2.1, says: 'amplification sits near 2', quote: [2] },
    { kind: 'window', measure: 'wastedShare', from: 100, min: 0.9, says: 'wasted work fills the server' },
  ],
  scenario: retryStormScenario('Retry storm', 280, 1),
};
