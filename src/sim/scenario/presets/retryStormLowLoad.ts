import type { Preset } from './preset';
import { retryStormScenario } from './retryStorm';

export const retryStormLowLoad: Preset = {
  id: 'retry-storm-low-load',
  title: 'Retry storm at half the load',
  lesson: 1,
  story:
    'The same service, the same outage and the same retry policy, at 140 requests per second. ' +
    'Even doubled by retries, the load stays below capacity, so the backlog drains.',
  watch:
    'Amplification rises during the outage and falls back to 1; goodput returns to the offered load ' +
    'soon after t = 70 s. The trigger was the same: the sustaining effect needs headroom to be gone.',
  expected: 'recovered',
  scenario: retryStormScenario('Retry storm at half the load', 140, 1),
};
