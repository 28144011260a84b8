// The adaptive concurrency limiters in the engine: both faces. Figures measured first with
// `npm run -s sim -- run <preset> --seed N --set 'server.limiter={"kind":…}'` over seeds 1–10.
import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario, setPath, Simulation } from '../../../../src/sim/index';
import type { RunResult } from '../../../../src/sim/index';

function stormWith(seed: number, sets: Record<string, unknown>): RunResult {
  let raw: unknown = findPreset('retry-storm')!.scenario;
  for (const [path, value] of Object.entries(sets)) raw = setPath(raw, path, value);
  return runScenario(parseScenario({ ...(raw as object), seed }).scenario);
}

function mean(r: RunResult, name: 'limiterLimit' | 'amplification' | 'goodput' | 'offered', from: number): number {
  let s = 0;
  let n = 0;
  r.series[name].forEach((v, i) => {
    if (i >= from && v !== null) {
      s += v;
      n++;
    }
  });
  return s / n;
}

const SEEDS = [1, 2, 3, 4, 5];

describe('a limiter that protects the service from the retry storm', () => {
  it('AIMD with the library defaults: the storm preset recovers, with no amplification left', () => {
    // Measured over seeds 1–10: recovered on all 10, 5 s after the outage, goodput 279–282/s for 280/s
    // offered after t = 100 s, amplification 1.00. Without the limiter every seed is metastable (the
    // preset's claims). "Recovers on most seeds": at least 4 of 5 here.
    const runs = SEEDS.map((seed) => stormWith(seed, { 'server.limiter': { kind: 'aimd' } }));
    expect(runs.filter((r) => r.summary.verdict === 'recovered').length).toBeGreaterThanOrEqual(4);
    for (const r of runs) {
      expect(mean(r, 'amplification', 100)).toBeLessThan(1.05);
      expect(mean(r, 'goodput', 100) / mean(r, 'offered', 100)).toBeGreaterThan(0.95);
    }
  });

  it('Gradient2 with the library defaults protects it too once service times vary little (lognormal, cv 0.3)', () => {
    // Measured over seeds 1–3: recovered, 5 s after the outage.
    const sets = { 'server.limiter': { kind: 'gradient2' }, 'server.service.dist': 'lognormal', 'server.service.cv': 0.3 };
    const runs = [1, 2, 3].map((seed) => stormWith(seed, sets));
    expect(runs.filter((r) => r.summary.verdict === 'recovered').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps its books: every call holding a place is one the limiter counts', () => {
    const raw = setPath(findPreset('gradient2-spike')!.scenario, 'server.cancelOnTimeout', true);
    const sim = new Simulation(parseScenario(raw).scenario);
    for (let t = 50; t <= 400; t += 50) {
      sim.advance(t);
      expect(sim.selfCheck()).toEqual([]);
    }
  });
});

describe('a limiter that itself stays stuck low or climbs', () => {
  it('Gradient2 and Vegas with the library defaults stay low under exponential service times, and the run is overloaded', () => {
    // Gradient2: a sample under half the long-term RTT cuts that RTT by 5 %; with exponential service
    // 39 % of samples are under half the mean (1 − e^−0.5), so the long-term RTT sinks below the typical
    // RTT, the gradient stays under 1 and the limit sits at minLimit 20, below the 30 slots
    // (measured: 20–24 on seeds 1–10, goodput 183/s for 280/s offered). Vegas: the no-load RTT is the
    // least RTT seen, near 0 for exponential service, so the estimated queue is nearly the whole limit,
    // above beta: the limit sits at 6–11 (goodput 57/s).
    for (const seed of [1, 2, 3]) {
      const g2 = stormWith(seed, { 'server.limiter': { kind: 'gradient2' } });
      expect(g2.summary.verdict).toBe('overloaded');
      expect(mean(g2, 'limiterLimit', 0)).toBeLessThan(25);
      const vegas = stormWith(seed, { 'server.limiter': { kind: 'vegas' } });
      expect(vegas.summary.verdict).toBe('overloaded');
      expect(mean(vegas, 'limiterLimit', 0)).toBeLessThan(12);
    }
  });

  it('Gradient2 climbs to its maximum under a sustained spike and stays there: the storm wins; AIMD, same spike, recovers', () => {
    // Measured over seeds 1–8: Gradient2 metastable on all, limit 1000 from t ≈ 75 s to the end; AIMD
    // recovered on all within 6 s. Its long-term RTT (600 samples ≈ 2 s) follows the queue up, so the
    // gradient stays 1 and the limit grows by 0.8 a sample until maxLimit.
    for (const seed of [1, 2, 3]) {
      const g2 = runScenario(parseScenario({ ...findPreset('gradient2-spike')!.scenario, seed }).scenario);
      expect(g2.summary.verdict).toBe('metastable');
      expect(Math.min(...g2.series.limiterLimit.slice(130).map((v) => v ?? 0))).toBe(1000);
      const aimd = runScenario(parseScenario({ ...findPreset('aimd-spike')!.scenario, seed }).scenario);
      expect(aimd.summary.verdict).toBe('recovered');
    }
  });
});
