import { beforeAll, describe, expect, it } from 'vitest';
import { AdaptiveSampler, contourCrossings, findPreset, isStuck, runEnsembleSeeds, sweepCells } from '../../../src/sim/index';

/**
 * The retry storm's probability map near its boundary (load against outage length), with a fixed 16 seeds per
 * cell as the reference, and the adaptive sampler run on the same seeds: seed i of a cell is the same run in both,
 * so the adaptive map's outcomes are read from the reference's runs (7 × 7 cells × 16 seeds, ~35 ms each).
 */
const LOADS = [138, 141, 144, 147, 150, 153, 156];
const DURATIONS = [1, 2, 3, 5, 8, 12, 18];
const SEEDS = 16;

describe('adaptive probability map of the retry storm', () => {
  let stuck: boolean[][] = [];
  beforeAll(() => {
    const base = { ...findPreset('retry-storm')!.scenario, duration: 250 };
    const cells = sweepCells(base, { path: 'load.rate', values: LOADS }, { path: 'triggers.0.duration', values: DURATIONS });
    stuck = cells.map((cell) => runEnsembleSeeds(cell.raw, SEEDS).map((o) => isStuck(o.verdict)));
  });

  it('puts its 50 % contour where the fixed 16-seed map puts it, within one cell', () => {
    const nx = LOADS.length;
    const ny = DURATIONS.length;
    const sampler = new AdaptiveSampler(nx, ny, { initialSeeds: 2, step: 2, maxSeeds: SEEDS, budget: 5 * nx * ny, targetWidth: 0.3 });
    for (let jobs = sampler.nextRound(); jobs.length > 0; jobs = sampler.nextRound()) {
      for (const j of jobs) sampler.record(j.cell, stuck[j.cell]![j.seedIndex]!);
    }
    const fixed = stuck.map((seeds) => seeds.filter(Boolean).length / SEEDS);
    const adaptive = Array.from({ length: nx * ny }, (_, c) => sampler.share(c));
    // The map has a boundary to find: some cells mostly stuck, some mostly not.
    expect(fixed.some((p) => p > 0.9) && fixed.some((p) => p < 0.1)).toBe(true);
    const transpose = (s: number[]) => Array.from({ length: nx * ny }, (_, c) => s[(c % nx) * ny + Math.floor(c / nx)]!);
    for (const [a, f] of [
      [contourCrossings(adaptive, nx, ny), contourCrossings(fixed, nx, ny)],
      [contourCrossings(transpose(adaptive), ny, nx), contourCrossings(transpose(fixed), ny, nx)],
    ]) {
      expect(a!.map((x) => x === null)).toEqual(f!.map((x) => x === null));
      a!.forEach((x, i) => {
        if (x !== null) expect(Math.abs(x - f![i]!)).toBeLessThanOrEqual(1);
      });
    }
    // And it spent fewer seeds than the fixed map, more on cells the fixed map finds mixed than on unanimous ones.
    expect(sampler.spent).toBeLessThan(SEEDS * nx * ny);
    const mixed = fixed.map((p, c) => (p > 0.1 && p < 0.9 ? c : -1)).filter((c) => c >= 0);
    const unanimous = fixed.map((p, c) => (p === 0 || p === 1 ? c : -1)).filter((c) => c >= 0);
    const mean = (cells: number[]) => cells.reduce((s, c) => s + sampler.n[c]!, 0) / cells.length;
    expect(mixed.length).toBeGreaterThan(0);
    expect(mean(mixed)).toBeGreaterThan(mean(unanimous));
  });
});
