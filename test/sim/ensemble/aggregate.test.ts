import { describe, expect, it } from 'vitest';
import { quantileSorted, seriesBand, summariseEnsemble, type SeedOutcome } from '../../../src/sim/ensemble/aggregate';
import { ensembleSeed, ensembleSeeds } from '../../../src/sim/ensemble/seeds';

describe('ensemble seeds', () => {
  it('seed 0 is the base seed, the others a pure function of (base, i), unsigned 32-bit and distinct', () => {
    expect(ensembleSeed(42, 0)).toBe(42);
    const seeds = ensembleSeeds(42, 1000);
    expect(new Set(seeds).size).toBe(1000);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
    expect(ensembleSeeds(42, 10)).toEqual(seeds.slice(0, 10));
    // Nearby bases give unrelated ensembles, not shifted copies of each other.
    const other = new Set(ensembleSeeds(43, 1000));
    expect(seeds.slice(1).filter((s) => other.has(s)).length).toBe(0);
  });
});

describe('quantileSorted', () => {
  it('interpolates between order statistics (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted([5], 0.9)).toBe(5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('summariseEnsemble', () => {
  it('counts every verdict, with intervals, and the recovery-time quantiles of the recovered seeds', () => {
    const outcomes: SeedOutcome[] = [
      { seed: 1, verdict: 'recovered', recoveryTime: 4 },
      { seed: 2, verdict: 'metastable', recoveryTime: null },
      { seed: 3, verdict: 'recovered', recoveryTime: 1 },
      { seed: 4, verdict: 'recovered', recoveryTime: 3 },
      { seed: 5, verdict: 'stable', recoveryTime: null },
      { seed: 6, verdict: 'recovered', recoveryTime: 2 },
    ];
    const s = summariseEnsemble(outcomes);
    expect(s.n).toBe(6);
    expect(Object.keys(s.shares)).toEqual(['stable', 'recovered', 'metastable', 'overloaded', 'unresolved']);
    expect([s.shares.stable.k, s.shares.recovered.k, s.shares.metastable.k, s.shares.overloaded.k, s.shares.unresolved.k]).toEqual([1, 4, 1, 0, 0]);
    expect(s.shares.recovered.share).toBeCloseTo(4 / 6, 12);
    expect(s.recoveryTime).toEqual({ n: 4, min: 1, p10: 1.3, p50: 2.5, p90: 3.7, max: 4 });
    expect(summariseEnsemble(outcomes.filter((o) => o.verdict !== 'recovered')).recoveryTime).toBeNull();
  });
});

describe('seriesBand', () => {
  it('gives per-bin median and 10–90 % over the seeds that have a value', () => {
    const band = seriesBand([
      [1, 10, null, 5],
      [2, 20, null],
      [3, NaN, null, 7],
      [4, 40, null, 9],
      [5, 50, null, 11],
    ]);
    expect(Array.from(band.p50)).toEqual([3, 30, NaN, 8]);
    expect(band.p10[0]).toBeCloseTo(1.4, 12);
    expect(band.p90[0]).toBeCloseTo(4.6, 12);
    expect(band.p10[1]).toBeCloseTo(13, 12);
    expect(band.p90[3]).toBeCloseTo(10.4, 12);
    expect(band.p10[2]).toBeNaN();
  });
});
