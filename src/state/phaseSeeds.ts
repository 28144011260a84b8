/**
 * A probability phase map: every cell runs several seeds in the worker pool — a fixed number each, or as the adaptive
 * sampler hands them out, round by round (docs/scenario.md, "Ensembles") — and holds its share of stuck seeds.
 */
import {
  ADAPTIVE_DEFAULT_SEEDS_PER_CELL,
  ADAPTIVE_DEFAULTS,
  AdaptiveSampler,
  ensembleSeed,
  isStuck,
  type SeedJob,
  type SeedOutcome,
  type Scenario,
} from '../sim/format';
import type { CellFigures, SweepEnd, SweepPool, SweepRun } from '../worker/index';
import { cellScenario } from '../worker/index';

export type SeedMode = 'one' | 'fixed' | 'adaptive';

/** How many seeds a map's cells run. */
export interface SeedSettings {
  mode: SeedMode;
  /** Seeds per cell with `fixed`. */
  perCell: number;
  /** The most seeds one cell runs with `adaptive`. */
  maxPerCell: number;
  /** Adaptive: seeds in all, per cell on average (the budget is this × cells). */
  budgetPerCell: number;
  /** Adaptive: a cell whose 95 % interval is this narrow gets no more seeds. */
  targetWidth: number;
}

export const DEFAULT_SEED_SETTINGS: SeedSettings = {
  mode: 'one',
  perCell: 8,
  maxPerCell: ADAPTIVE_DEFAULTS.maxSeeds,
  budgetPerCell: ADAPTIVE_DEFAULT_SEEDS_PER_CELL,
  targetWidth: ADAPTIVE_DEFAULTS.targetWidth,
};
/** The most seeds one cell of the page's map runs. */
export const PHASE_MAX_SEEDS_PER_CELL = 100;

/** The seeds of every cell of a probability map, as they arrive. */
export interface ProbabilityCells {
  mode: 'fixed' | 'adaptive';
  baseSeed: number;
  /** Per cell, its runs by seed index (holes until they arrive). */
  runs: SeedOutcome[][];
  /** Per cell: seeds run and stuck seeds. */
  n: Int32Array;
  stuck: Int32Array;
  /** Seeds run over the map, and the most it may run. */
  spent: number;
  budget: number;
}

/** The grid a probability map runs over. */
export interface SeedGrid {
  base: Scenario;
  xPath: string;
  yPath: string;
  xValues: readonly number[];
  yValues: readonly number[];
}

export interface SeededHandlers {
  /** One seed of a cell ended; `figures` are its run's. */
  onSeed(cell: number, seedIndex: number, figures: CellFigures, ms: number): void;
  onEnd(end: SweepEnd): void;
  onRestart?(message: string): void;
}

/** The raw scenario of seed `seedIndex` of cell `cell`. */
export function seedScenario(grid: SeedGrid, cell: number, seedIndex: number): unknown {
  const ny = grid.yValues.length;
  const raw = cellScenario(grid.base, grid.xPath, grid.xValues[Math.floor(cell / ny)] ?? NaN, grid.yPath, grid.yValues[cell % ny] ?? NaN);
  return { ...(raw as object), seed: ensembleSeed(grid.base.seed, seedIndex) };
}

export function emptyProbability(mode: 'fixed' | 'adaptive', cells: number, baseSeed: number, budget: number): ProbabilityCells {
  return { mode, baseSeed, runs: Array.from({ length: cells }, () => []), n: new Int32Array(cells), stuck: new Int32Array(cells), spent: 0, budget };
}

/**
 * Run the seeds of a map on the pool and record them in `cells`: fixed, every cell's seeds 0 … perCell − 1 (seed 0 of
 * every cell first, so the whole map shows early); adaptive, the sampler's rounds one after another.
 */
export function runSeededMap(pool: SweepPool, grid: SeedGrid, settings: SeedSettings, cells: ProbabilityCells, handlers: SeededHandlers): { cancel(): void } {
  const count = grid.xValues.length * grid.yValues.length;
  let current: SweepRun | null = null;
  let stopped = false;
  const sampler =
    settings.mode === 'adaptive'
      ? new AdaptiveSampler(grid.xValues.length, grid.yValues.length, {
          initialSeeds: Math.min(ADAPTIVE_DEFAULTS.initialSeeds, settings.maxPerCell),
          step: ADAPTIVE_DEFAULTS.step,
          maxSeeds: settings.maxPerCell,
          budget: cells.budget,
          targetWidth: settings.targetWidth,
        })
      : null;

  const runJobs = (jobs: readonly SeedJob[], then: () => void): void => {
    current = pool.run(
      { scenarios: jobs.map((j) => seedScenario(grid, j.cell, j.seedIndex)) },
      {
        onCell(index, outcome) {
          const job = jobs[index]!;
          if ('figures' in outcome) {
            const f = outcome.figures;
            cells.runs[job.cell]![job.seedIndex] = { seed: ensembleSeed(grid.base.seed, job.seedIndex), verdict: f.verdict, recoveryTime: f.recoveryTime };
            cells.n[job.cell]!++;
            if (isStuck(f.verdict)) cells.stuck[job.cell]!++;
            cells.spent++;
            sampler?.record(job.cell, isStuck(f.verdict));
            handlers.onSeed(job.cell, job.seedIndex, f, outcome.ms);
          } else {
            stopped = true;
            current?.cancel();
            const where = `seed ${job.seedIndex} of cell ${job.cell}`;
            handlers.onEnd({ status: 'failed', message: 'error' in outcome ? `${where} is not a valid scenario: ${outcome.error}` : `${where} could not be run: ${outcome.failed}` });
          }
        },
        onEnd(end) {
          current = null;
          if (stopped) return;
          if (end.status === 'done') then();
          else {
            stopped = true;
            handlers.onEnd(end);
          }
        },
        onRestart(message) {
          handlers.onRestart?.(message);
        },
      },
    );
  };

  const finish = () => {
    if (!stopped) {
      stopped = true;
      handlers.onEnd({ status: 'done' });
    }
  };

  if (sampler === null) {
    const jobs: SeedJob[] = [];
    for (let s = 0; s < settings.perCell; s++) for (let c = 0; c < count; c++) jobs.push({ cell: c, seedIndex: s });
    runJobs(jobs, finish);
  } else {
    const round = (): void => {
      if (stopped) return;
      const jobs = sampler.nextRound();
      if (jobs.length === 0) finish();
      else runJobs(jobs, round);
    };
    round();
  }
  return {
    cancel() {
      if (stopped) return;
      stopped = true;
      current?.cancel();
    },
  };
}
