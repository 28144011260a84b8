import { describe, expect, it } from 'vitest';
import { axisValues as engineAxisValues, findPreset, parseScenario } from '../../src/sim/format';
import { AXIS_PAIRS, axisGrid, axisPath, formatAxisValue, niceStep, pairDefaults, validateAxis, type AxisSetting } from '../../src/state/index';

const storm = parseScenario(findPreset('retry-storm')!.scenario).scenario;
const hysteresis = parseScenario(findPreset('hysteresis')!.scenario).scenario;

describe('phase-map axes', () => {
  it('default to a 24 × 24 load × trigger-duration map around the scenario’s own load', () => {
    // 35% to 105% of 280/s and 1 s to 30 s, on round steps: 10/s from 90/s, 2 s from 2 s.
    expect(pairDefaults('load-duration', storm)).toEqual({
      x: { param: 'load', from: 90, to: 320, steps: 24 },
      y: { param: 'duration', from: 2, to: 48, steps: 24 },
    });
    for (const pair of AXIS_PAIRS) {
      const { x, y } = pairDefaults(pair.id, storm);
      for (const axis of [x, y]) {
        const grid = axisGrid(axis);
        expect(grid.values, `${pair.id} ${axis.param}`).toHaveLength(axis.steps);
        expect([grid.from, grid.to], `${pair.id} ${axis.param}`).toEqual([axis.from, axis.to]);
      }
    }
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
    expect(pairDefaults('size-duration', spiky).x).toEqual({ param: 'size', from: 1, to: 5.6, steps: 24 });
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

  it('give a whole-number field whole values whatever the steps, and refuse a fraction at an end', () => {
    expect(validateAxis({ param: 'retries', from: 0, to: 5, steps: 4 }, storm)).toEqual([]);
    expect(axisGrid({ param: 'retries', from: 0, to: 5, steps: 4 }).values).toEqual([0, 2, 4]);
    expect(axisGrid({ param: 'retries', from: 0, to: 12, steps: 6 }).values).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(axisGrid({ param: 'retries', from: 0, to: 3, steps: 40 }).values).toEqual([0, 1, 2, 3]);
    expect(validateAxis({ param: 'retries', from: 0, to: 1.5, steps: 2 }, storm)[0]).toContain('to: got 1.5, expected an integer from 0 to 100');
  });

  it('step by 1, 2, 2.5 or 5 times a power of ten, about `steps` values inside the range typed', () => {
    expect([0.8, 1, 1.2, 1.6, 2.1, 3.4, 3.6, 7, 8, 0.031, 12_345].map((raw) => niceStep(raw))).toEqual([1, 1, 1, 2, 2, 2.5, 5, 5, 10, 0.025, 10_000]);
    expect([0.8, 1.2, 2.1, 3.6, 0.031, 12_345].map((raw) => niceStep(raw, false, true))).toEqual([1, 2, 2.5, 5, 0.05, 20_000]);
    expect(niceStep(2.1, true)).toBe(2);
    expect(niceStep(2.3, true, true)).toBe(5);
    expect(niceStep(0.3, true)).toBe(1);
    // The grid that showed 231.565217391 before: 98 to 290 in 24 steps is 100 to 290 by 10.
    expect(axisGrid({ param: 'load', from: 98, to: 290, steps: 24 })).toEqual({
      from: 100, to: 290, steps: 20, step: 10, values: Array.from({ length: 20 }, (_, i) => 100 + 10 * i),
    });
    expect(axisGrid({ param: 'timeout', from: 0.25, to: 3, steps: 24 }).values.slice(0, 4)).toEqual([0.3, 0.4, 0.5, 0.6]);
    expect(axisGrid({ param: 'load', from: 10, to: 30, steps: 2 }).values).toEqual([10, 30]);
    expect(axisGrid({ param: 'load', from: 100, to: 300, steps: 3 }).values).toEqual([100, 200, 300]);
    expect(axisGrid({ param: 'load', from: 300, to: 100, steps: 5 }).values).toEqual([300, 250, 200, 150, 100]);
    expect(axisGrid({ param: 'load', from: 42.5, to: 42.5, steps: 10 }).values).toEqual([42.5]);
    expect(axisGrid({ param: 'load', from: 7, to: 9, steps: 1 }).values).toEqual([7]);
    // A range narrower than one round step still gets a value inside it.
    expect(axisGrid({ param: 'timeout', from: 0.31, to: 0.39, steps: 2 }).values).toEqual([0.31, 0.36]);
    const rng = mulberry(7);
    const bad: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const a = Math.round(rng() * 1e5) / 100;
      const b = Math.round(rng() * 1e5) / 100;
      const steps = 1 + Math.floor(rng() * 64);
      const g = axisGrid({ param: 'load', from: a, to: b, steps });
      const first = g.values[0]!;
      const ok =
        g.values.length >= 1 &&
        // The nearest round step is within a factor √2 of the step asked for (plus one value for the rounded ends).
        g.values.length <= Math.min(64, Math.floor((steps - 1) * Math.SQRT2) + 2) &&
        g.values.every((v) => v >= Math.min(a, b) - 1e-9 && v <= Math.max(a, b) + 1e-9) &&
        // Whole steps apart, each printed short.
        g.values.every((v) => g.values.length === 1 || Math.abs((v - first) / g.step - Math.round((v - first) / g.step)) < 1e-6) &&
        g.values.every((v) => String(v).length <= 10) &&
        // The CLI gets the very same values from the grid's ends and count.
        JSON.stringify(engineAxisValues(g.from, g.to, g.steps)) === JSON.stringify(g.values);
      if (!ok) bad.push(JSON.stringify({ a, b, steps, g }));
    }
    expect(bad).toEqual([]);
  });

  it('format values and times with sensible precision', () => {
    expect([247.08695652170002, 231.565217391, 0.30000000000000004, 1e-7, 12, 1234567.891].map(formatAxisValue)).toEqual([
      '247.1', '231.6', '0.3', '1e-7', '12', '1234568',
    ]);
  });

  it('say why a field cannot be swept in this scenario', () => {
    expect(validateAxis({ param: 'load', from: 1, to: 2, steps: 2 }, hysteresis)).toEqual(['Load: the scenario sets load.profile, which replaces load.rate.']);
    expect(validateAxis({ param: 'duration', from: 1, to: 2, steps: 2 }, hysteresis)[0]).toMatch(/^Trigger duration: the scenario has no trigger/);
    expect(validateAxis({ param: 'size', from: 1, to: 2, steps: 2 }, storm)[0]).toMatch(/^Trigger size: the first trigger is an outage, which has no factor/);
  });
});

/** A small seeded generator, so the random grids are the same on every run. */
function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
