import { describe, expect, it } from 'vitest';
import { AdaptiveSampler, contourCrossings, type AdaptiveOptions } from '../../../src/sim/ensemble/adaptive';
import { ensembleSeed } from '../../../src/sim/ensemble/seeds';

const NX = 24;
const NY = 24;
/** A map whose true stuck probability rises across the diagonal xi + yi = 23 over a few cells. */
const trueP = (cell: number): number => {
  const xi = Math.floor(cell / NY);
  const yi = cell % NY;
  return 1 / (1 + Math.exp(-(xi + yi - 23) / 1.2));
};
/** A Bernoulli draw per (cell, seed index), from a hash: the same seed of a cell always gives the same outcome. */
const outcome = (cell: number, seedIndex: number): boolean => ensembleSeed(cell * 7919 + 1, seedIndex + 1) / 2 ** 32 < trueP(cell);

function sample(options: AdaptiveOptions, reverse = false): AdaptiveSampler {
  const s = new AdaptiveSampler(NX, NY, options);
  for (let jobs = s.nextRound(); jobs.length > 0; jobs = s.nextRound()) {
    // The order results arrive in within a round must not matter.
    for (const j of reverse ? [...jobs].reverse() : jobs) s.record(j.cell, outcome(j.cell, j.seedIndex));
  }
  return s;
}

const OPTIONS: AdaptiveOptions = { initialSeeds: 2, step: 2, maxSeeds: 32, budget: 4 * NX * NY, targetWidth: 0.3 };

describe('AdaptiveSampler', () => {
  it('spends more seeds on boundary cells than on interior cells, within its budget', () => {
    const s = sample(OPTIONS);
    expect(s.spent).toBeLessThanOrEqual(OPTIONS.budget);
    const mean = (cells: number[]) => cells.reduce((a, c) => a + s.n[c]!, 0) / cells.length;
    const all = Array.from({ length: NX * NY }, (_, c) => c);
    const boundary = all.filter((c) => Math.abs(trueP(c) - 0.5) < 0.3);
    const interior = all.filter((c) => trueP(c) < 0.001 || trueP(c) > 0.999);
    expect(mean(boundary)).toBeGreaterThan(4 * mean(interior));
    // Every interior cell far from the edge gets only its first seeds.
    expect(Math.max(...interior.filter((c) => Math.abs(trueP(c) - 0.5) > 0.4999).map((c) => s.n[c]!))).toBe(OPTIONS.initialSeeds);
    for (let c = 0; c < NX * NY; c++) expect(s.n[c]).toBeGreaterThanOrEqual(OPTIONS.initialSeeds);
  });

  it('stops at the target width when the budget is large', () => {
    const s = sample({ ...OPTIONS, budget: 1e9, maxSeeds: 1000 });
    expect(s.uncertainCells()).toEqual([]);
    expect(s.spent).toBeLessThan(1e9);
  });

  it('runs the same seeds in the same rounds whatever order results arrive in', () => {
    const a = sample(OPTIONS);
    const b = sample(OPTIONS, true);
    expect(Array.from(b.n)).toEqual(Array.from(a.n));
    expect(Array.from(b.stuck)).toEqual(Array.from(a.stuck));
    expect(b.rounds).toBe(a.rounds);
  });

  it('asks each cell for consecutive seed indices, never one twice', () => {
    const s = new AdaptiveSampler(3, 3, { ...OPTIONS, budget: 200 });
    const seen = new Set<string>();
    const next = new Int32Array(9);
    for (let jobs = s.nextRound(); jobs.length > 0; jobs = s.nextRound()) {
      for (const j of jobs) {
        expect(j.seedIndex).toBe(next[j.cell]);
        next[j.cell]!++;
        expect(seen.has(`${j.cell}:${j.seedIndex}`)).toBe(false);
        seen.add(`${j.cell}:${j.seedIndex}`);
        s.record(j.cell, j.cell % 3 === 1 ? j.seedIndex % 2 === 0 : j.cell % 3 === 2);
      }
    }
    expect(s.spent).toBe(seen.size);
  });

  it('refuses a round before the last is recorded, and bad options', () => {
    const s = new AdaptiveSampler(2, 2, OPTIONS);
    s.nextRound();
    expect(() => s.nextRound()).toThrow(/not recorded/);
    expect(() => new AdaptiveSampler(2, 2, { ...OPTIONS, budget: 0 })).toThrow(/budget/);
    expect(() => new AdaptiveSampler(2, 2, { ...OPTIONS, targetWidth: 0 })).toThrow(/targetWidth/);
  });
});

describe('contourCrossings', () => {
  it('interpolates the 50 % crossing of each column between cell centres', () => {
    // Column 0: 0, 0.25, 0.75, 1 → crosses halfway between cells 1 and 2; column 1 never crosses; column 2 sits at 0.5 in cell 1.
    const shares = [0, 0.25, 0.75, 1, 0, 0, 0, 0.2, 0.1, 0.5, 0.9, 1];
    expect(contourCrossings(shares, 3, 4)).toEqual([1.5, null, 1]);
  });
});
