import {
  ADAPTIVE_DEFAULT_SEEDS_PER_CELL,
  ADAPTIVE_DEFAULTS,
  AdaptiveSampler,
  ensembleReport,
  ensembleSeed,
  isStuck,
  MAX_ENSEMBLE_SEEDS,
  withSeed,
  type EnsembleReport,
  type SeedOutcome,
  type SweepCell,
} from '../sim/index';
import { runCellsInPool } from './sweepPool';
import { UsageError } from './usageError';

/** `--seeds N`: a whole number from 1 to MAX_ENSEMBLE_SEEDS. */
export function parseSeeds(value: string, command: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_ENSEMBLE_SEEDS) {
    throw new UsageError(`--seeds must be an integer from 1 to ${MAX_ENSEMBLE_SEEDS}, got ${JSON.stringify(value)}`, command);
  }
  return n;
}

/** One seed of one cell, for the pool. */
interface SeedJob {
  cell: number;
  seedIndex: number;
}

/** Run seed jobs of the cells (each cell with its base seed) on the pool; outcomes in job order. */
async function runJobs(cells: readonly SweepCell[], baseSeeds: readonly number[], jobs: readonly SeedJob[], threads: number): Promise<SeedOutcome[]> {
  const seeded = jobs.map((j) => {
    const cell = cells[j.cell]!;
    const seed = ensembleSeed(baseSeeds[j.cell]!, j.seedIndex);
    return { seed, cell: { x: cell.x, y: cell.y, raw: withSeed(cell.raw, seed) } };
  });
  const results = await runCellsInPool(
    seeded.map((s) => s.cell),
    threads,
  );
  return results.map((r, i) => ({ seed: seeded[i]!.seed, verdict: r.verdict, recoveryTime: r.recoveryTime }));
}

/** Seeds 0 … n − 1 of one scenario's ensemble. */
export async function runEnsemble(raw: unknown, baseSeed: number, n: number, threads: number): Promise<EnsembleReport> {
  const jobs = Array.from({ length: n }, (_, i) => ({ cell: 0, seedIndex: i }));
  return ensembleReport(baseSeed, await runJobs([{ x: 0, y: 0, raw }], [baseSeed], jobs, threads));
}

/** Seeds 0 … n − 1 of every cell. */
export async function runFixedMap(cells: readonly SweepCell[], baseSeeds: readonly number[], n: number, threads: number): Promise<EnsembleReport[]> {
  const jobs: SeedJob[] = [];
  for (let c = 0; c < cells.length; c++) for (let i = 0; i < n; i++) jobs.push({ cell: c, seedIndex: i });
  const outcomes = await runJobs(cells, baseSeeds, jobs, threads);
  return cells.map((_, c) => ensembleReport(baseSeeds[c]!, outcomes.slice(c * n, (c + 1) * n)));
}

export interface AdaptiveSettings {
  budget: number | null;
  targetWidth: number;
  maxSeeds: number;
}

/** The adaptive map: rounds of the sampler, each run on the pool; a cell's runs in seed order. */
export async function runAdaptiveMap(
  cells: readonly SweepCell[],
  baseSeeds: readonly number[],
  nx: number,
  ny: number,
  settings: AdaptiveSettings,
  threads: number,
): Promise<EnsembleReport[]> {
  const sampler = new AdaptiveSampler(nx, ny, {
    initialSeeds: Math.min(ADAPTIVE_DEFAULTS.initialSeeds, settings.maxSeeds),
    step: ADAPTIVE_DEFAULTS.step,
    maxSeeds: settings.maxSeeds,
    budget: settings.budget ?? ADAPTIVE_DEFAULT_SEEDS_PER_CELL * cells.length,
    targetWidth: settings.targetWidth,
  });
  const runs: SeedOutcome[][] = cells.map(() => []);
  for (let jobs = sampler.nextRound(); jobs.length > 0; jobs = sampler.nextRound()) {
    const outcomes = await runJobs(cells, baseSeeds, jobs, threads);
    jobs.forEach((j, i) => {
      const o = outcomes[i]!;
      runs[j.cell]![j.seedIndex] = o;
      sampler.record(j.cell, isStuck(o.verdict));
    });
  }
  return cells.map((_, c) => ensembleReport(baseSeeds[c]!, runs[c]!));
}
