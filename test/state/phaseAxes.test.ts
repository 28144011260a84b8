import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario } from '../../src/sim/format';
import { AXIS_PAIRS, axisPath, pairDefaults, validateAxis, type AxisSetting } from '../../src/state/index';

const storm = parseScenario(findPreset('retry-storm')!.scenario).scenario;
const hysteresis = parseScenario(findPreset('hysteresis')!.scenario).scenario;

describe('phase-map axes', () => {
  it('default to a 24 × 24 load × trigger-duration map around the scenario’s own load', () => {
    expect(pairDefaults('load-duration', storm)).toEqual({
      x: { param: 'load', from: 98, to: 290, steps: 24 },
      y: { param: 'duration', from: 1, to: 30, steps: 24 },
    });
    for (const pair of AXIS_PAIRS) {
      const { x, y } = pairDefaults(pair.id, storm);
      const expectedProblems = pair.id === 'size-duration' ? 1 : 0; // an outage has no size
      expect([...validateAxis(x, storm), ...validateAxis(y, storm)], pair.id).toHaveLength(expectedProblems);
    }
  });

  it('sweep the scenario’s fields by their format paths', () => {
    expect(axisPath({ param: 'load', from: 1, to: 2, steps: 2 }, storm)).toBe('load.rate');
    expect(axisPath({ param: 'duration', from: 1, to: 2, steps: 2 }, storm)).toBe('triggers.0.duration');
    expect(axisPath({ param: 'retries', from: 0, to: 2, steps: 3 }, storm)).toBe('client.retry.maxRetries');
    expect(axisPath({ param: 'timeout', from: 1, to: 2, steps: 2 }, storm)).toBe('client.timeout');
    const spiky = parseScenario({ ...findPreset('retry-storm')!.scenario, triggers: [{ kind: 'spike', at: 60, duration: 10, factor: 2 }] }).scenario;
    expect(axisPath({ param: 'size', from: 1, to: 5, steps: 5 }, spiky)).toBe('triggers.0.factor');
    expect(pairDefaults('size-duration', spiky).x).toEqual({ param: 'size', from: 1, to: 5, steps: 24 });
  });

  it('name the field and the allowed range of a value out of range', () => {
    const axis: AxisSetting = { param: 'load', from: -5, to: 2e6, steps: 0 };
    expect(validateAxis(axis, storm)).toEqual([
      'Load (load.rate) from: got -5, expected a number from 0 to 1000000.',
      'Load (load.rate) to: got 2000000, expected a number from 0 to 1000000.',
      'Load (load.rate) steps: got 0, expected an integer from 1 to 64.',
    ]);
    expect(validateAxis({ param: 'timeout', from: 0, to: 1, steps: 3 }, storm)).toEqual(['Timeout (client.timeout) from: got 0, expected a number from 0 (exclusive) to 3600.']);
    expect(validateAxis({ param: 'duration', from: NaN, to: 1, steps: 3 }, storm)).toEqual([
      'Trigger duration (triggers.0.duration) from: got nothing, expected a number from 0 (exclusive) to 10000000.',
    ]);
  });

  it('refuse steps that would give a whole-number field a fraction, saying which steps fit', () => {
    expect(validateAxis({ param: 'retries', from: 0, to: 5, steps: 4 }, storm)).toEqual([
      'Max retries (client.retry.maxRetries) steps: got 4, but max retries takes whole values: from 0 to 5 allows 1, 2, 6 steps.',
    ]);
    expect(validateAxis({ param: 'retries', from: 0, to: 1.5, steps: 2 }, storm)[0]).toContain('to: got 1.5, expected an integer from 0 to 100');
    expect(validateAxis({ param: 'retries', from: 0, to: 10, steps: 6 }, storm)).toEqual([]);
  });

  it('say why a field cannot be swept in this scenario', () => {
    expect(validateAxis({ param: 'load', from: 1, to: 2, steps: 2 }, hysteresis)).toEqual(['Load: the scenario sets load.profile, which replaces load.rate.']);
    expect(validateAxis({ param: 'duration', from: 1, to: 2, steps: 2 }, hysteresis)[0]).toMatch(/^Trigger duration: the scenario has no trigger/);
    expect(validateAxis({ param: 'size', from: 1, to: 2, steps: 2 }, storm)[0]).toMatch(/^Trigger size: the first trigger is an outage, which has no factor/);
  });
});
