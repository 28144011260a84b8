import type { Preset } from './preset';

export const hysteresis: Preset = {
  id: 'hysteresis',
  title: 'Up the ramp and back down: hysteresis',
  lesson: 1,
  story:
    'The offered load climbs steadily from 100 to 400 requests per second over five minutes, past ' +
    'the server’s 300, then falls back to 100 over the next five. Clients time out after 1 s and ' +
    'retry once. On the way up goodput follows the load until capacity; on the way down it does ' +
    'not come back, even at loads the server handled easily on the way up.',
  watch:
    'Plot goodput against offered load: the way up and the way down are two different curves. At ' +
    '200 per second the server answers everything going up and almost nothing coming down: the ' +
    'state depends on the path, not on the load.',
  expected: 'overloaded',
  claims: [
    { kind: 'window', measure: 'goodputShare', from: 90, to: 110, min: 0.95, says: 'the server answers everything going up' },
    { kind: 'window', measure: 'goodputShare', from: 490, to: 510, max: 0.05, says: 'almost nothing coming down' },
  ],
  scenario: {
    version: 1,
    name: 'Up the ramp and back down: hysteresis',
    seed: 1,
    duration: 600,
    bin: 1,
    load: { profile: [{ at: 0, rate: 100 }, { at: 300, rate: 400 }, { at: 600, rate: 100 }] },
    client: { timeout: 1, retry: { maxRetries: 1 } },
    server: { concurrency: 30, service: { dist: 'exponential', mean: 0.1 }, queue: { limit: null, discipline: 'fifo' } },
    cache: null,
    triggers: [],
    actions: [],
  },
};
