/**
 * The phase map: the axes the user chose, the grid being run in the worker pool and its results as they arrive.
 * Results land in place and the page is told at most ten times a second, so a fast pool cannot flood React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { getPath, type Scenario } from '../sim/format';
import type { CellFigures, CellOutcome, SweepEnd, SweepPool, SweepRun } from '../worker/index';
import { cellScenario } from '../worker/index';
import { AXIS_PARAMS, axisGrid, axisPath, pairDefaults, validateAxis, type AxisPairId, type AxisParam, type AxisSetting } from './phaseAxes';
import { DEFAULT_SEED_SETTINGS, emptyProbability, PHASE_MAX_SEEDS_PER_CELL, runSeededMap, seedScenario, type ProbabilityCells, type SeedSettings } from './phaseSeeds';

/** One axis of a map that ran (or runs): its field and values. */
export interface MapAxis {
  param: AxisParam;
  path: string;
  values: number[];
}

/** A map: the grid, the scenario it sweeps and each cell's figures (null until it ends). Cell = xi × ny + yi. */
export interface PhaseMap {
  base: Scenario;
  x: MapAxis;
  y: MapAxis;
  cells: (CellFigures | null)[];
  /** The swept scenario's own values, to mark its point; null when a value is not a number. */
  own: { x: number; y: number } | null;
  /** With several seeds per cell: each cell's seeds and its share of stuck ones (`cells` then holds seed 0's figures). */
  probability: ProbabilityCells | null;
}

export type PhaseStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface PhaseState {
  pair: AxisPairId;
  /** Null until defaults are taken from a scenario. */
  x: AxisSetting | null;
  y: AxisSetting | null;
  /** Run length of every cell, seconds; null = the scenario's own. */
  runLengthS: number | null;
  /** One seed per cell (a verdict), or several (a probability): fixed or adaptive. */
  seedSettings: SeedSettings;
  /** Problems with the axes as set (field and allowed range), from the last start attempt. */
  problems: string[];
  status: PhaseStatus;
  message: string | null;
  /** What happened to the pool's workers during the map (restarted, cells lost), in words; null when nothing did. */
  notice: string | null;
  /** Cells no worker could run (lost twice to a crash or a hang): they stay empty on the map. */
  failedCells: number;
  map: PhaseMap | null;
  completed: number;
  total: number;
  /** Bumped whenever cells arrive (the cells change in place). */
  version: number;
  elapsedMs: number | null;
  /** The cells' own run times in the workers, summed: elapsed × workers can be no less, however well the pool shares. */
  computeMs: number;
  workers: number;
}

export interface PhaseActions {
  /** Take a pair's axes with the default ranges for `scenario`. */
  choosePair: (pair: AxisPairId, scenario: Scenario) => void;
  /** Defaults for `scenario` if no axes were chosen yet. */
  ensureAxes: (scenario: Scenario) => void;
  setAxis: (which: 'x' | 'y', patch: Partial<Omit<AxisSetting, 'param'>>) => void;
  setRunLength: (seconds: number | null) => void;
  setSeedSettings: (patch: Partial<SeedSettings>) => void;
  /** The raw scenario of seed `seedIndex` of a cell of the current probability map, or null. */
  seedRaw: (index: number, seedIndex: number) => unknown;
  /** Validate the axes against `scenario` and run the map; returns false (with `problems` set) when they do not fit. */
  start: (scenario: Scenario) => boolean;
  cancel: () => void;
  /** The raw scenario of a cell of the current map, or null. */
  cellRaw: (index: number) => unknown;
  dispose: () => void;
}

export type Phase = PhaseState & PhaseActions;
export type PhaseStore = StoreApi<Phase>;

export interface PhaseOptions {
  /** Schedules one flush of arrived cells; defaults to the first animation frame after 100 ms. */
  scheduler?: (flush: () => void) => void;
  clockMs?: () => number;
}

/** Ten repaints a second at most: the map stays live while the main thread leaves the cores to the workers. */
const FLUSH_INTERVAL_MS = 100;

function rafOnce(flush: () => void): void {
  setTimeout(() => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => flush());
    else flush();
  }, FLUSH_INTERVAL_MS);
}

/** What is wrong with the seeds asked for, by field and allowed range. */
function seedProblems(s: SeedSettings): string[] {
  if (s.mode === 'one') return [];
  const out: string[] = [];
  const least = s.mode === 'adaptive' ? 2 : 1;
  const value = s.mode === 'adaptive' ? s.maxPerCell : s.perCell;
  if (!Number.isInteger(value) || value < least || value > PHASE_MAX_SEEDS_PER_CELL) {
    out.push(`${s.mode === 'adaptive' ? 'Most seeds per cell' : 'Seeds per cell'}: got ${Number.isNaN(value) ? 'nothing' : value}, expected an integer from ${least} to ${PHASE_MAX_SEEDS_PER_CELL}.`);
  }
  if (s.mode === 'adaptive') {
    if (!(s.budgetPerCell >= 2 && s.budgetPerCell <= PHASE_MAX_SEEDS_PER_CELL)) out.push(`Seed budget per cell: got ${Number.isNaN(s.budgetPerCell) ? 'nothing' : s.budgetPerCell}, expected a number from 2 to ${PHASE_MAX_SEEDS_PER_CELL}.`);
    if (!(s.targetWidth > 0 && s.targetWidth <= 1)) out.push(`Target width: got ${Number.isNaN(s.targetWidth) ? 'nothing' : s.targetWidth}, expected a number in (0, 1].`);
  }
  return out;
}

/** Create the phase-map store over a worker pool (or an in-process fake in tests). */
export function createPhaseStore(pool: SweepPool, options: PhaseOptions = {}): PhaseStore {
  const scheduler = options.scheduler ?? rafOnce;
  const clockMs = options.clockMs ?? (() => performance.now());
  let run: SweepRun | null = null;
  let flushPending = false;
  let arrived = 0;
  let computeMs = 0;
  let startedMs = 0;

  return createStore<Phase>()((set, get) => {
    function flush(): void {
      flushPending = false;
      set({ completed: arrived, computeMs, version: get().version + 1 });
    }

    function onCell(map: PhaseMap, index: number, outcome: CellOutcome): void {
      if (get().map !== map) return;
      if ('failed' in outcome) {
        const failedCells = get().failedCells + 1;
        arrived++;
        set({ failedCells, notice: `${failedCells} ${failedCells === 1 ? 'cell' : 'cells'} could not be run and ${failedCells === 1 ? 'stays' : 'stay'} empty: ${outcome.failed}` });
      } else if ('error' in outcome) {
        const xi = Math.floor(index / map.y.values.length);
        const yi = index % map.y.values.length;
        run?.cancel();
        run = null;
        set({ status: 'failed', message: `The cell at ${map.x.path} = ${map.x.values[xi]}, ${map.y.path} = ${map.y.values[yi]} is not a valid scenario: ${outcome.error}` });
        return;
      } else {
        map.cells[index] = outcome.figures;
        arrived++;
        computeMs += outcome.ms;
      }
      if (!flushPending) {
        flushPending = true;
        scheduler(flush);
      }
    }

    function onEnd(map: PhaseMap, end: SweepEnd): void {
      if (get().map !== map) return;
      run = null;
      const patch: Partial<PhaseState> = { completed: arrived, computeMs, version: get().version + 1, elapsedMs: clockMs() - startedMs };
      if (end.status === 'done') patch.status = 'done';
      else if (end.status === 'failed') Object.assign(patch, { status: 'failed', message: end.message });
      else if (get().status === 'running') patch.status = 'cancelled';
      set(patch);
    }

    return {
      pair: 'load-duration',
      x: null,
      y: null,
      runLengthS: null,
      seedSettings: DEFAULT_SEED_SETTINGS,
      problems: [],
      status: 'idle',
      message: null,
      notice: null,
      failedCells: 0,
      map: null,
      completed: 0,
      total: 0,
      version: 0,
      elapsedMs: null,
      computeMs: 0,
      workers: pool.size,

      choosePair(pair, scenario) {
        set({ pair, ...pairDefaults(pair, scenario), problems: [] });
      },
      ensureAxes(scenario) {
        if (get().x === null || get().y === null) set(pairDefaults(get().pair, scenario));
      },
      setAxis(which, patch) {
        const axis = get()[which];
        if (axis !== null) set({ [which]: { ...axis, ...patch }, problems: [] });
      },
      setRunLength(seconds) {
        set({ runLengthS: seconds, problems: [] });
      },
      setSeedSettings(patch) {
        set({ seedSettings: { ...get().seedSettings, ...patch }, problems: [] });
      },
      seedRaw(index, seedIndex) {
        const map = get().map;
        if (map === null || index < 0 || index >= map.cells.length) return null;
        return seedScenario({ base: map.base, xPath: map.x.path, yPath: map.y.path, xValues: map.x.values, yValues: map.y.values }, index, seedIndex);
      },
      start(scenario) {
        const { x, y, runLengthS, seedSettings } = get();
        if (x === null || y === null) return false;
        const problems = [...validateAxis(x, scenario), ...validateAxis(y, scenario)];
        if (runLengthS !== null && !(Number.isFinite(runLengthS) && runLengthS > 0 && runLengthS <= 1e7)) {
          problems.push(`Run length (duration): got ${Number.isNaN(runLengthS) ? 'nothing' : runLengthS}, expected a number from 0 (exclusive) to 10000000.`);
        }
        const xPath = axisPath(x, scenario);
        const yPath = axisPath(y, scenario);
        if (xPath !== null && xPath === yPath) problems.push(`Both axes sweep ${xPath}: pick two different fields.`);
        problems.push(...seedProblems(seedSettings));
        if (problems.length > 0 || xPath === null || yPath === null) {
          set({ problems });
          return false;
        }
        run?.cancel();
        const base: Scenario = { ...scenario, actions: [], ...(runLengthS !== null ? { duration: runLengthS } : {}) };
        const ownX = getPath(base, xPath);
        const ownY = getPath(base, yPath);
        const map: PhaseMap = {
          base,
          x: { param: AXIS_PARAMS[x.param], path: xPath, values: axisGrid(x).values },
          y: { param: AXIS_PARAMS[y.param], path: yPath, values: axisGrid(y).values },
          cells: [],
          own: typeof ownX === 'number' && typeof ownY === 'number' ? { x: ownX, y: ownY } : null,
          probability: null,
        };
        const count = map.x.values.length * map.y.values.length;
        map.cells = new Array<CellFigures | null>(count).fill(null);
        arrived = 0;
        computeMs = 0;
        startedMs = clockMs();
        if (seedSettings.mode !== 'one') {
          const budget = seedSettings.mode === 'fixed' ? seedSettings.perCell * count : Math.round(seedSettings.budgetPerCell * count);
          map.probability = emptyProbability(seedSettings.mode, count, base.seed, budget);
          set({ problems: [], status: 'running', message: null, notice: null, failedCells: 0, map, completed: 0, total: budget, version: get().version + 1, elapsedMs: null, computeMs: 0 });
          const grid = { base, xPath, yPath, xValues: map.x.values, yValues: map.y.values };
          run = runSeededMap(pool, grid, seedSettings, map.probability, {
            onSeed(cell, seedIndex, figures, ms) {
              if (get().map !== map) return;
              if (seedIndex === 0) map.cells[cell] = figures;
              arrived++;
              computeMs += ms;
              if (!flushPending) {
                flushPending = true;
                scheduler(flush);
              }
            },
            onEnd: (end) => onEnd(map, end),
            onRestart: (message) => {
              if (get().map === map) set({ notice: message });
            },
          });
          return true;
        }
        set({ problems: [], status: 'running', message: null, notice: null, failedCells: 0, map, completed: 0, total: map.cells.length, version: get().version + 1, elapsedMs: null, computeMs: 0 });
        run = pool.run(
          { base, xPath, yPath, xValues: map.x.values, yValues: map.y.values },
          {
            onCell: (index, outcome) => onCell(map, index, outcome),
            onEnd: (end) => onEnd(map, end),
            onRestart: (message) => {
              if (get().map === map && get().failedCells === 0) set({ notice: message });
            },
          },
        );
        return true;
      },
      cancel() {
        if (get().status !== 'running') return;
        set({ status: 'cancelled', completed: arrived, elapsedMs: clockMs() - startedMs });
        run?.cancel();
        run = null;
      },
      cellRaw(index) {
        const map = get().map;
        if (map === null || index < 0 || index >= map.cells.length) return null;
        const ny = map.y.values.length;
        return cellScenario(map.base, map.x.path, map.x.values[Math.floor(index / ny)] ?? NaN, map.y.path, map.y.values[index % ny] ?? NaN);
      },
      dispose() {
        run?.cancel();
        run = null;
        pool.dispose();
      },
    };
  });
}
