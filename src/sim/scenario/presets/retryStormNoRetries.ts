import type { Preset } from './preset';
import { retryStormScenario } from './retryStorm';

export const retryStormNoRetries: Preset = {
  id: 'retry-storm-no-retries',
  title: 'Retry storm without retries',
  lesson: 2,
  story:
    'The retry storm with retries turned off. The outage still builds a backlog and requests still ' +
    'time out, but nothing feeds the backlog beyond the offered load, and it drains at the spare ' +
    'capacity of 20 requests per second.',
  watch:
    'The queue chart: a ramp during the outage, then a slow straight descent. Goodput comes back ' +
    'when the queue is short enough that requests finish within the 1 s timeout, 120 to 150 s after ' +
    'the outage.',
  expected: 'recovered',
  claims: [
    { kind: 'recovery', min: 115, max: 155, says: '120 to 150 s after the outage', quote: [120, 150] },
    { kind: 'window', measure: 'amplification', from: 0, max: 1, says: 'nothing feeds the backlog beyond the offered load' },
  ],
  scenario: retryStormScenario('Retry storm without retries', 280, 0),
};
