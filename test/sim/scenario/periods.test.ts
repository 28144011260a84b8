import { describe, expect, it } from 'vitest';
import { messageOf } from './messageOf';

/** Each window or period of a control, as a scenario section that sets it. */
const PERIODS: [string, (x: number) => Record<string, unknown>][] = [
  ['client.breaker.window', (x) => ({ client: { breaker: { window: x } } })],
  ['client.breaker.cooldown', (x) => ({ client: { breaker: { cooldown: x } } })],
  ['client.throttle.window', (x) => ({ client: { throttle: { window: x } } })],
  ['server.autoscale.window', (x) => ({ server: { autoscale: { window: x } } })],
];

describe('windows and periods of controls have a minimum of 1 ms', () => {
  it.each(PERIODS)('%s: 1e-300 and 0.0009 are refused with the field and range; 0.001 is taken', (path, section) => {
    for (const tiny of [1e-300, 0.0009]) {
      expect(messageOf({ version: 1, ...section(tiny) })).toBe(`${path}: got ${tiny}, expected a number from 0.001 to 3600`);
    }
    expect(messageOf({ version: 1, duration: 100, ...section(0.001) })).toBe('');
  });

  it.each(PERIODS)('%s: an action that sets 1e-300 is refused, naming the action', (path) => {
    const input = { version: 1, client: { breaker: {}, throttle: {} }, server: { autoscale: {} }, actions: [{ at: 5, set: { [path]: 1e-300 } }] };
    expect(messageOf(input)).toBe(`actions[0].set["${path}"]: got 1e-300, expected a number from 0.001 to 3600`);
  });

  it('the autoscaler makes at most 1e7 checks in a run (one a window)', () => {
    expect(messageOf({ version: 1, duration: 1e7, bin: 1000, load: { rate: 1 }, server: { autoscale: { window: 0.5 } } })).toBe(
      'server.autoscale.window: got 0.5, expected a number from 1 to 3600 (the autoscaler checks once a window: at most 10000000 checks in duration 10000000)',
    );
    expect(messageOf({ version: 1, duration: 1e7, bin: 1000, load: { rate: 1 }, server: { autoscale: { window: 1 } } })).toBe('');
    expect(messageOf({ version: 1, duration: 400, server: { autoscale: { window: 0.001 } } })).toBe('');
  });
});
