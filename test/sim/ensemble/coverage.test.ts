import { beforeAll, describe, expect, it } from 'vitest';
import { runEnsembleSeeds, summariseEnsemble, wilson, type EnsembleSummary } from '../../../src/sim/index';

/**
 * A scenario whose outcome is one Bernoulli draw. One server, plenty of capacity (100/s against 4 slots of
 * 20 ms, 50 % busy), and one `random-outages` trigger: the server goes down for 5 s once, at a time drawn uniformly
 * from [10, 10 + 600 − 5] = [10, 605], from its own random stream. The run ends at 300 s. If the outage starts
 * before the end the last bins lose their goodput and the run has bad bins (verdict recovered or unresolved);
 * if it starts after the end nothing happens (stable). A bin is bad once its 5-s window (500 first attempts)
 * lacks more than 10 % of its goodput, i.e. 50 requests = 0.5 s of arrivals without an answer, so an outage
 * starting at S shows when S < 300 − 0.5. Hence P(not stable) = (299.5 − 10) / 595 = 0.48655, known to about
 * ±0.0005 (the 0.5 s is itself ±0.07 s of Poisson noise in 50 arrivals, ±0.3 s for the bin edge).
 */
const BERNOULLI = {
  version: 1,
  name: 'one random outage',
  seed: 1,
  duration: 300,
  bin: 1,
  load: { rate: 100 },
  client: { timeout: 1 },
  server: { concurrency: 4, service: { dist: 'exponential', mean: 0.02 } },
  triggers: [{ kind: 'random-outages', at: 10, duration: 5, stations: 1, window: 600 }],
};
const P = (299.5 - 10) / 595;

/** Binomial probability mass, by logs (n small here). */
function binom(k: number, n: number, p: number): number {
  let logC = 0;
  for (let i = 1; i <= k; i++) logC += Math.log(n - k + i) - Math.log(i);
  return Math.exp(logC + k * Math.log(p) + (n - k) * Math.log(1 - p));
}

/** Exact coverage of the Wilson interval at n trials and true p: Σ_k P(k) · [p ∈ interval(k, n)]. */
function wilsonCoverage(n: number, p: number, z?: number): number {
  let c = 0;
  for (let k = 0; k <= n; k++) {
    const w = wilson(k, n, z);
    if (w.low <= p && p <= w.high) c += binom(k, n, p);
  }
  return c;
}

describe('ensemble shares of a one-Bernoulli-draw scenario', () => {
  // 40 ensembles of 20 seeds (800 runs of ~10 ms each) from base seeds 1000 … 1039.
  const ENSEMBLES = 40;
  const SEEDS = 20;
  let summaries: EnsembleSummary[] = [];
  let notStable: number[] = [];
  beforeAll(() => {
    summaries = Array.from({ length: ENSEMBLES }, (_, r) => summariseEnsemble(runEnsembleSeeds({ ...BERNOULLI, seed: 1000 + r }, SEEDS)));
    notStable = summaries.map((s) => s.n - s.shares.stable.k);
  });

  it('decides each run by the one draw: stable, or bad bins at the end (recovered or unresolved)', () => {
    for (const s of summaries) {
      expect(s.n).toBe(SEEDS);
      expect(s.shares.metastable.k + s.shares.overloaded.k).toBe(0);
    }
  });

  it('gives a share whose mean over all 800 seeds is the closed form within 3 standard errors', () => {
    const total = notStable.reduce((a, b) => a + b, 0);
    const n = ENSEMBLES * SEEDS;
    const se = Math.sqrt((P * (1 - P)) / n);
    expect(Math.abs(total / n - P)).toBeLessThan(3 * se + 0.0005);
  });

  /** How many of the ensembles' intervals (at this z) hold P, and how many they are expected to: Binomial(40, coverage). */
  function covers(z?: number): { covered: number; expected: number; sd: number } {
    const coverage = wilsonCoverage(SEEDS, P, z);
    const covered = notStable.filter((k) => {
      const w = wilson(k, SEEDS, z);
      return w.low <= P && P <= w.high;
    }).length;
    return { covered, expected: ENSEMBLES * coverage, sd: Math.sqrt(ENSEMBLES * coverage * (1 - coverage)) };
  }

  it('puts the true probability inside the 95 % interval as often as the interval promises', () => {
    // Wilson's coverage at n = 20 is not exactly 95 % (it oscillates with p); its exact value at P is the
    // expectation, and the count of covering ensembles is within 3 standard deviations of it.
    const c = covers();
    expect(c.expected / ENSEMBLES).toBeGreaterThan(0.9);
    expect(c.covered).toBeGreaterThanOrEqual(Math.floor(c.expected - 3 * c.sd));
  });

  it('is not simply too wide: a 50 % interval (z = 0.674) covers as rarely as it should', () => {
    const c = covers(0.6744897501960817);
    expect(c.expected / ENSEMBLES).toBeLessThan(0.7);
    expect(Math.abs(c.covered - c.expected)).toBeLessThanOrEqual(3 * c.sd);
  });
});
