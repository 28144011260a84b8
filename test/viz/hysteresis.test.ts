import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario } from '../../src/sim/index';
import { loopLegs, rampDirection, widestGap } from '../../src/viz/index';

describe('hysteresis loop geometry', () => {
  const ramp = [{ at: 0, rate: 100 }, { at: 300, rate: 400 }, { at: 600, rate: 100 }];

  it('rampDirection follows the profile’s slope, steady outside it and on flat stretches', () => {
    expect(rampDirection(ramp, 10)).toBe('up');
    expect(rampDirection(ramp, 299.5)).toBe('up');
    expect(rampDirection(ramp, 300)).toBe('down');
    expect(rampDirection(ramp, 650)).toBe('steady');
    expect(rampDirection([{ at: 0, rate: 5 }, { at: 10, rate: 5 }], 3)).toBe('steady');
  });

  it('loopLegs averages blocks within one direction and splits the legs where the ramp turns', () => {
    const offered = (i: number) => i;
    const goodput = (i: number) => (i === 3 ? NaN : 2 * i);
    const legs = loopLegs(12, 1, [{ at: 0, rate: 0 }, { at: 7, rate: 10 }, { at: 12, rate: 0 }], offered, goodput, 5);
    expect(legs.map((l) => l.direction)).toEqual(['up', 'down']);
    // Up: bins 0–4 (bin 3 has no goodput: skipped) then 5–6; down: bins 7–11.
    expect(legs[0]!.points).toEqual([
      { offered: (0 + 1 + 2 + 4) / 4, goodput: (0 + 2 + 4 + 8) / 4, t: 0 },
      { offered: 5.5, goodput: 11, t: 5 },
    ]);
    expect(legs[1]!.points).toEqual([{ offered: 9, goodput: 18, t: 7 }]);
  });

  it('on the hysteresis preset the widest gap has goodput coming down below half of goodput going up', () => {
    const s = parseScenario(findPreset('hysteresis')!.scenario).scenario;
    const r = runScenario(s);
    const at = (name: 'offered' | 'goodput') => (i: number) => r.series[name][i] ?? NaN;
    const legs = loopLegs(r.series.t.length, s.bin, s.load.profile!, at('offered'), at('goodput'), 5);
    expect(legs.map((l) => l.direction)).toEqual(['up', 'down']);
    const gap = widestGap(legs)!;
    expect(gap.down).toBeLessThan(0.5 * gap.up);
    expect(gap.offered).toBeGreaterThan(100);
    expect(gap.offered).toBeLessThan(300);
  });
});
