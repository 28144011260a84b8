import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario, Simulation } from '../../../src/sim/index';
import { RateProfile } from '../../../src/sim/engine/rateProfile';
import { scenario } from './helpers';

describe('RateProfile', () => {
  const p = new RateProfile([
    { at: 10, rate: 100 },
    { at: 20, rate: 300 },
    { at: 30, rate: 0 },
  ]);
  it('is constant outside its points and linear between them', () => {
    expect(p.rateAt(0)).toBe(100);
    expect(p.rateAt(15)).toBeCloseTo(200, 12);
    expect(p.rateAt(25)).toBeCloseTo(150, 12);
    expect(p.rateAt(99)).toBe(0);
  });
  it('integrates piece by piece, and advance inverts the integral', () => {
    expect(p.integral(0, 30)).toBeCloseTo(1000 + 2000 + 1500, 9);
    for (const [a, work] of [[0, 1], [5, 600], [12, 1234.5], [19.99, 3], [25, 300]] as const) {
      const t = p.advance(a, work);
      expect(p.integral(a, t)).toBeCloseTo(work, 6);
    }
    // After the last point the rate is 0: work beyond what is left never arrives.
    expect(p.advance(25, 2000)).toBe(Infinity);
  });
});

describe('load.profile', () => {
  it('first attempts follow the piecewise-linear rate (counts per stretch within 4σ of Poisson)', () => {
    const s = scenario({ duration: 300, load: { profile: [{ at: 0, rate: 50 }, { at: 100, rate: 250 }, { at: 200, rate: 250 }, { at: 300, rate: 0 }] }, client: { timeout: null } });
    for (const seed of [1, 2, 3]) {
      const r = runScenario({ ...s, seed });
      const count = (from: number, to: number): number => r.series.offered.slice(from, to).reduce<number>((a, b) => a + (b ?? 0), 0);
      for (const [from, to, expected] of [[0, 100, 15000], [100, 200, 25000], [200, 300, 12500], [0, 50, 5000]] as const) {
        expect(Math.abs(count(from, to) - expected)).toBeLessThan(4 * Math.sqrt(expected));
      }
    }
  });

  it('spikes multiply the profile, and slicing does not change the run', () => {
    const s = scenario({
      duration: 120,
      load: { profile: [{ at: 0, rate: 100 }, { at: 120, rate: 300 }] },
      triggers: [{ kind: 'spike', at: 30, duration: 20, factor: 2 }],
      actions: [{ at: 80, set: { 'load.profile': [{ at: 0, rate: 50 }] } }],
    });
    const whole = JSON.stringify(runScenario(s));
    const sim = new Simulation(s);
    for (const t of [3.3, 30, 31.7, 50, 79.9, 80, 100.01]) sim.advance(t);
    sim.runToEnd();
    expect(JSON.stringify({ scenario: sim.scenario(), summary: sim.summary(), series: sim.series() })).toBe(whole);
    const r = JSON.parse(whole) as { series: { offered: number[] } };
    const mean = (a: number, b: number): number => r.series.offered.slice(a, b).reduce((x, y) => x + y, 0) / (b - a);
    // 30–50 s: the profile's 150–183/s doubled, mean 333/s (Poisson σ of a 20-s mean ≈ 4/s);
    // 85–120 s: the action's constant 50/s (σ ≈ 1.2/s).
    expect(Math.abs(mean(30, 50) - 333.3)).toBeLessThan(16);
    expect(mean(85, 120)).toBeGreaterThan(40);
    expect(mean(85, 120)).toBeLessThan(60);
  });
});

describe('hysteresis preset (goodput on the way down below half of that on the way up)', () => {
  const preset = findPreset('hysteresis');
  it('at some offered load, goodput coming down is below half of goodput going up', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = parseScenario({ ...preset?.scenario, seed }).scenario;
      const r = runScenario(s);
      const profile = new RateProfile(s.load.profile ?? []);
      // Goodput averaged over 10-s stretches centred where the nominal load is L, on each side of the peak.
      const around = (t: number): number => r.series.goodput.slice(t - 5, t + 5).reduce<number>((a, b) => a + (b ?? 0), 0) / 10;
      let found = false;
      for (let up = 20; up < 290; up += 10) {
        const load = profile.rateAt(up);
        const down = 600 - up; // the ramp is symmetric
        expect(profile.rateAt(down)).toBeCloseTo(load, 9);
        if (around(down) < 0.5 * around(up)) found = true;
      }
      expect(found, `seed ${seed}`).toBe(true);
    }
  });
});
