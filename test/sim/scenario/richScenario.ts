/** A scenario using most of the format: sections on, every trigger kind, actions out of time order. */
export const RICH = {
  name: 'rich',
  duration: 300,
  warmup: 10,
  load: { rate: 200, keys: 500, zipf: 1.1 },
  client: { timeout: 1, retry: { maxRetries: 2, backoff: 'exponential', jitter: 'full', budget: { tokens: 5 } }, breaker: {}, throttle: {} },
  server: { concurrency: 20, queue: { limit: 100, codel: {} }, contention: { alpha: 0.01 }, autoscale: {} },
  cache: { hitRate: 0.8 },
  triggers: [
    { kind: 'spike', at: 50, duration: 10, factor: 3 },
    { kind: 'outage', at: 100, duration: 5 },
    { kind: 'capacity', at: 150, duration: 20, factor: 0.5 },
    { kind: 'cache-flush', at: 200 },
  ],
  actions: [
    { at: 120, set: { 'client.retry.maxRetries': 0, 'cache.hitRate': 0.5 } },
    { at: 60, set: { 'server.queue': { discipline: 'lifo' } } },
  ],
};
