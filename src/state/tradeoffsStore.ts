/**
 * The tradeoffs view (docs/model.md, "Cost measures"): the baseline, every applicable cure and each pair, run on the
 * same seeds in the worker pool, as given and under the transient variant; the rows are the means `sim tradeoffs`
 * prints for the same plan. Runs arrive in any order; the rows are recomputed as they do.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  aggregateTradeoffs,
  messageOf,
  TRADEOFF_SEEDS,
  tradeoffCells,
  tradeoffConfigs,
  type CostedRun,
  type TradeoffCell,
  type TradeoffConfig,
  type TradeoffRow,
} from '../sim/format';
import type { CellOutcome, SweepEnd, SweepPool, SweepRun } from '../worker/index';

export type TradeoffsStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface TradeoffsState {
  /** Run each pair of cures as well as each cure. */
  pairs: boolean;
  /** The seeds every configuration runs on (seeds 1 to N; an ensemble runner can set its own list). */
  seeds: readonly number[];
  status: TradeoffsStatus;
  message: string | null;
  /** The scenario the plan runs, as recorded in the lab when it started. */
  base: unknown;
  configs: TradeoffConfig[];
  rows: TradeoffRow[];
  completed: number;
  total: number;
}

export interface TradeoffsActions {
  setPairs: (pairs: boolean) => void;
  setSeedCount: (n: number) => void;
  /** Plan and run the tradeoffs of `raw`; false (with `message`) when it cannot be planned. */
  start: (raw: unknown) => boolean;
  cancel: () => void;
  /** The scenario of configuration `id` on the first seed, to open in the lab; null when there is none. */
  configRaw: (id: string) => unknown;
  dispose: () => void;
}

export type Tradeoffs = TradeoffsState & TradeoffsActions;
export type TradeoffsStore = StoreApi<Tradeoffs>;

export const MAX_VIEW_SEEDS = 16;

/** Create the tradeoffs store over a worker pool (the phase map's, or an in-process fake in tests). */
export function createTradeoffsStore(pool: SweepPool): TradeoffsStore {
  let run: SweepRun | null = null;
  let plan: { cells: TradeoffCell[]; runs: CostedRun[] } | null = null;

  return createStore<Tradeoffs>()((set, get) => {
    function onCell(own: typeof plan, index: number, outcome: CellOutcome): void {
      if (plan !== own || own === null) return;
      if ('figures' in outcome) {
        const cell = own.cells[index]!;
        own.runs.push({ config: cell.config, transient: cell.transient, costs: outcome.figures.costs });
        set({ completed: own.runs.length, rows: aggregateTradeoffs(get().configs, own.runs) });
        return;
      }
      run?.cancel();
      run = null;
      set({ status: 'failed', message: 'error' in outcome ? `A configuration is not a valid scenario: ${outcome.error}` : `A run could not be finished: ${outcome.failed}` });
    }

    function onEnd(own: typeof plan, end: SweepEnd): void {
      if (plan !== own) return;
      run = null;
      if (end.status === 'done') set({ status: 'done' });
      else if (end.status === 'failed') set({ status: 'failed', message: end.message });
      else if (get().status === 'running') set({ status: 'cancelled' });
    }

    return {
      pairs: true,
      seeds: TRADEOFF_SEEDS,
      status: 'idle',
      message: null,
      base: null,
      configs: [],
      rows: [],
      completed: 0,
      total: 0,
      setPairs(pairs) {
        set({ pairs });
      },
      setSeedCount(n) {
        const count = Math.max(1, Math.min(MAX_VIEW_SEEDS, Math.round(n)));
        set({ seeds: Array.from({ length: count }, (_, i) => i + 1) });
      },
      start(raw) {
        get().cancel();
        let configs: TradeoffConfig[];
        let cells: TradeoffCell[];
        try {
          configs = tradeoffConfigs(raw, get().pairs);
          cells = tradeoffCells(raw, configs, get().seeds);
        } catch (error) {
          set({ status: 'failed', message: messageOf(error) });
          return false;
        }
        const own = { cells, runs: [] as CostedRun[] };
        plan = own;
        set({ status: 'running', message: null, base: raw, configs, rows: aggregateTradeoffs(configs, []), completed: 0, total: cells.length });
        run = pool.run(
          { scenarios: cells.map((c) => c.raw) },
          { onCell: (index, outcome) => onCell(own, index, outcome), onEnd: (end) => onEnd(own, end) },
        );
        return true;
      },
      cancel() {
        run?.cancel();
        run = null;
      },
      configRaw(id) {
        const i = get().configs.findIndex((c) => c.id === id);
        const cell = plan?.cells.find((c) => c.config === i && !c.transient);
        return cell?.raw ?? null;
      },
      dispose() {
        get().cancel();
        plan = null;
      },
    };
  });
}
