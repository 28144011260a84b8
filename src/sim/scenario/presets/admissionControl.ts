import type { Preset } from './preset';
import { retryStormScenario } from './retryStorm';
import { variant } from './variant';

// Lesson 2: Envoy's admission control against the retry storm, to set beside the plain circuit breaker.
export const admissionControl: Preset = {
  id: 'admission-control',
  title: "Retry storm with Envoy's admission control",
  lesson: 2,
  story:
    "The retry storm with Envoy's admission control filter at its defaults in front of the client: over a " +
    '30-s window it compares the requests that finished with those that succeeded, and once the success rate ' +
    'falls under 95 % it rejects new requests with a probability that grows as it falls, at most 80 %. It ' +
    'judges a request once, before its retries, so the retries of the requests it lets through still go out.',
  watch:
    'Rejections start during the outage, and the backlog drains while a fifth of new requests keep probing; ' +
    'goodput returns about 64 s after the outage, four times later than with the circuit breaker, which ' +
    'refuses every attempt while open. Without admission control the same storm stays stuck.',
  expected: 'recovered',
  claims: [
    { kind: 'recovery', min: 55, max: 75, says: 'goodput returns about 64 s after the outage', quote: [64] },
    { kind: 'window', measure: 'amplification', from: 150, max: 1.01, says: 'the backlog drains' },
    { kind: 'variant', set: { 'client.admission': null }, verdict: 'metastable', says: 'Without admission control the same storm stays stuck' },
  ],
  scenario: variant(retryStormScenario("Retry storm with Envoy's admission control", 280, 1), { client: { admission: {} } }),
};
