import type { Preset } from './preset';
import { retryStormScenario } from './retryStorm';

export const retryStormLowLoad: Preset = {
  id: 'retry-storm-low-load',
  title: 'Retry storm at half the load',
  lesson: 1,
  story:
    'The same service, the same outage and the same retry policy, at 140 requests per second. ' +
    'Doubled by retries, the load stays just below capacity, so the backlog drains, but slowly: only ' +
    'about 20 requests per second are spare.',
  watch:
    'Goodput stays near zero after the outage while the backlog drains, and returns only 110 to 150 s ' +
    'after it ends; then amplification falls back to 1. The trigger was the same as in the retry storm: ' +
    'with some headroom the loop breaks by itself, if slowly.',
  expected: 'recovered',
  claims: [
    { kind: 'window', measure: 'goodputShare', from: 75, to: 100, max: 0.1, says: 'Goodput stays near zero after the outage while the backlog drains' },
    { kind: 'recovery', min: 100, max: 160, says: 'returns only 110 to 150 s after it ends', quote: [110, 150] },
    { kind: 'window', measure: 'amplification', from: 300, min: 0.99, max: 1.05, says: 'then amplification falls back to 1', quote: [1] },
  ],
  scenario: retryStormScenario('Retry storm at half the load', 140, 1),
};
