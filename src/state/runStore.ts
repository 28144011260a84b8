/** What the user chose to run and what the page shows about the last run. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario, Summary } from '../sim/index';
import type { SimRunner } from '../worker/index';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed';
export type Verdict = Summary['verdict'];

/** The headline figures of one run, in SI units. */
export interface RunFigures {
  verdict: Verdict;
  offeredPerS: number;
  goodputPerS: number;
  /** Request latency p99; `null` when no request succeeded. */
  p99S: number | null;
  /** Seconds from the end of the last trigger to recovery; `null` unless `recovered`. */
  recoveryTimeS: number | null;
  /** Why the run stopped before its end (the in-flight cap), or `null`. */
  stopped: string | null;
}

export interface RunState {
  /** The scenario to run; `null` until the default arrives from the worker. */
  scenario: Scenario | null;
  status: RunStatus;
  /** Figures of the last finished run; kept while a new run is in progress. */
  figures: RunFigures | null;
  /** Readable reason of the last failure. */
  error: string | null;
  /** Run the current scenario (the default one if none was chosen yet). */
  run: () => Promise<void>;
}

export type RunStore = StoreApi<RunState>;

/** Pick the figures the page shows from a run's summary. */
export function figuresOf(summary: Summary): RunFigures {
  return {
    verdict: summary.verdict,
    offeredPerS: summary.rates.offered,
    goodputPerS: summary.rates.goodput,
    p99S: summary.latency.p99,
    recoveryTimeS: summary.recoveryTime,
    stopped: summary.stopped,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Create the run store over a runner (the worker bridge, or an in-process fake in tests). Only the latest call to `run` may update the state. */
export function createRunStore(runner: SimRunner): RunStore {
  let latest = 0;
  return createStore<RunState>()((set, get) => ({
    scenario: null,
    status: 'idle',
    figures: null,
    error: null,
    async run() {
      const id = ++latest;
      set({ status: 'running', error: null });
      try {
        const scenario = get().scenario ?? (await runner.defaultScenario());
        const result = await runner.run(scenario);
        if (id !== latest) return;
        set({ scenario: result.scenario, status: 'done', figures: figuresOf(result.summary) });
      } catch (error) {
        if (id !== latest) return;
        set({ status: 'failed', error: messageOf(error) });
      }
    },
  }));
}
