/**
 * The lab's seed ensemble: the current scenario (live actions included) run on N seeds in the worker pool, its share
 * of seeds per verdict with Wilson intervals, the recovery-time quantiles, and each seed's series for the charts' band.
 * The page is told at most ten times a second while seeds arrive.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ensembleReport, ensembleSeeds, type EnsembleReport, type RunSeries, type Scenario, type SeedOutcome } from '../sim/format';
import type { CellOutcome, SweepPool, SweepRun } from '../worker/index';

/** The fewest and most seeds the lab's ensemble runs. */
export const ENSEMBLE_MIN_SEEDS = 2;
export const ENSEMBLE_MAX_SEEDS = 100;
export const ENSEMBLE_DEFAULT_SEEDS = 20;
/**
 * Most bins × seeds whose series the page keeps for the band (every seed's series are held until the band is drawn):
 * a 400-bin run on 100 seeds, a 4000-bin run on 10. Past it the ensemble runs without the band, and says so.
 */
export const ENSEMBLE_MAX_BAND_VALUES = 400_000;

export type EnsembleStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface EnsembleState {
  /** Seeds the next ensemble runs (ENSEMBLE_MIN_SEEDS … ENSEMBLE_MAX_SEEDS). */
  seeds: number;
  status: EnsembleStatus;
  message: string | null;
  /** The scenario the ensemble ran (or runs), and its text: an ensemble belongs to this scenario only. */
  scenario: Scenario | null;
  key: string | null;
  completed: number;
  total: number;
  /** Shares, intervals and quantiles, once every seed has ended. */
  report: EnsembleReport | null;
  /** Each seed's series (seed 0 first) once done, for the band; null when not kept (see ENSEMBLE_MAX_BAND_VALUES). */
  series: RunSeries[] | null;
  /** Why there is no band, when the ensemble ran without one. */
  bandNote: string | null;
  version: number;
}

export interface EnsembleActions {
  setSeeds: (n: number) => void;
  /** Run the scenario on seeds 0 … N − 1 of its ensemble; a run already going (here or on the phase map's pool) stops. */
  start: (scenario: Scenario) => void;
  cancel: () => void;
  dispose: () => void;
}

export type Ensemble = EnsembleState & EnsembleActions;
export type EnsembleStore = StoreApi<Ensemble>;

/** What identifies the scenario an ensemble ran: its JSON text. */
export function ensembleKey(scenario: Scenario): string {
  return JSON.stringify(scenario);
}

export interface EnsembleOptions {
  scheduler?: (flush: () => void) => void;
}

function later(flush: () => void): void {
  setTimeout(flush, 100);
}

export function createEnsembleStore(pool: SweepPool, options: EnsembleOptions = {}): EnsembleStore {
  const scheduler = options.scheduler ?? later;
  let run: SweepRun | null = null;
  let flushPending = false;
  let arrived = 0;

  return createStore<Ensemble>()((set, get) => ({
    seeds: ENSEMBLE_DEFAULT_SEEDS,
    status: 'idle',
    message: null,
    scenario: null,
    key: null,
    completed: 0,
    total: 0,
    report: null,
    series: null,
    bandNote: null,
    version: 0,

    setSeeds(n) {
      if (!Number.isFinite(n)) return;
      set({ seeds: Math.max(ENSEMBLE_MIN_SEEDS, Math.min(ENSEMBLE_MAX_SEEDS, Math.round(n))) });
    },
    start(scenario) {
      run?.cancel();
      const n = get().seeds;
      const seeds = ensembleSeeds(scenario.seed, n);
      const bins = Math.ceil(scenario.duration / scenario.bin - 1e-9);
      const withSeries = bins * n <= ENSEMBLE_MAX_BAND_VALUES;
      const outcomes: (SeedOutcome | undefined)[] = new Array<SeedOutcome | undefined>(n);
      const series: (RunSeries | undefined)[] = new Array<RunSeries | undefined>(n);
      const key = ensembleKey(scenario);
      arrived = 0;
      set({
        status: 'running',
        message: null,
        scenario,
        key,
        completed: 0,
        total: n,
        report: null,
        series: null,
        bandNote: withSeries ? null : `No band: ${bins} bins on ${n} seeds is more than the page keeps (${ENSEMBLE_MAX_BAND_VALUES} values a series); fewer seeds or a longer bin would show it.`,
        version: get().version + 1,
      });
      const mine = (): boolean => get().key === key && get().status === 'running';
      const onCell = (index: number, outcome: CellOutcome): void => {
        if (!mine()) return;
        if ('figures' in outcome) {
          outcomes[index] = { seed: seeds[index]!, verdict: outcome.figures.verdict, recoveryTime: outcome.figures.recoveryTime };
          if (outcome.figures.series !== undefined) series[index] = outcome.figures.series;
          arrived++;
        } else {
          run?.cancel();
          run = null;
          set({ status: 'failed', message: 'error' in outcome ? `Seed ${seeds[index]} is not a valid scenario: ${outcome.error}` : `Seed ${seeds[index]} could not be run: ${outcome.failed}` });
          return;
        }
        if (!flushPending) {
          flushPending = true;
          scheduler(() => {
            flushPending = false;
            if (get().key === key && get().status === 'running') set({ completed: arrived, version: get().version + 1 });
          });
        }
      };
      run = pool.run(
        { scenarios: seeds.map((seed) => ({ ...scenario, seed })), withSeries },
        {
          onCell,
          onEnd(end) {
            if (get().key !== key || get().status !== 'running') return;
            run = null;
            if (end.status === 'done') {
              const all = outcomes.filter((o): o is SeedOutcome => o !== undefined);
              const kept = series.filter((s): s is RunSeries => s !== undefined);
              set({
                status: 'done',
                completed: all.length,
                report: ensembleReport(scenario.seed, all),
                series: withSeries && kept.length === n ? kept : null,
                version: get().version + 1,
              });
            } else if (end.status === 'failed') set({ status: 'failed', message: end.message, version: get().version + 1 });
            else set({ status: 'cancelled', completed: arrived, version: get().version + 1 });
          },
        },
      );
    },
    cancel() {
      if (get().status !== 'running') return;
      set({ status: 'cancelled', completed: arrived, version: get().version + 1 });
      run?.cancel();
      run = null;
    },
    dispose() {
      run?.cancel();
      run = null;
    },
  }));
}
