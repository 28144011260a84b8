/**
 * The fan-out study beside the lab: the study of the scenario in force, its points as they arrive, and what happened
 * to its worker. A study whose worker was restarted under it (crashed or stuck) is run again once, in a new worker.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../sim/index';
import { runFanoutStudy, type SimWorkerError, type StudyHandle, type StudyProgress, type StudyRunner } from '../worker/index';

/** Widths the study runs: a 1-2-5 ladder up to 100 (or the scenario's own width, if larger), and the scenario's own. */
export function fanoutWidths(current: number): number[] {
  const ladder = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter((n) => n <= Math.max(100, current));
  return [...new Set([...ladder, current])].sort((a, b) => a - b);
}

/** A study runner that says when its worker was restarted under it. */
export interface StudyWorker extends StudyRunner {
  onRestart(listener: (error: SimWorkerError) => void): () => void;
  terminate(): void;
}

export interface FanoutStudyState {
  /** The study input (the scenario without what happens over time), as JSON; null when no study runs. */
  key: string | null;
  progress: StudyProgress | null;
  /** What happened to the worker during this study, in words; null when nothing did. */
  notice: string | null;
}

export interface FanoutStudyActions {
  /** Study `input` over `widths` (increasing, from 1), the closed form at `curveWidths`; a study already going stops. */
  run: (input: Scenario, widths: readonly number[], curveWidths: readonly number[]) => void;
  /** Stop the study going, if any, and its worker. */
  stop: () => void;
  dispose: () => void;
}

export type FanoutStudy = FanoutStudyState & FanoutStudyActions;
export type FanoutStudyStore = StoreApi<FanoutStudy>;

/** Create the study store over a study worker (or an in-process fake in tests). Nothing starts until a study runs. */
export function createFanoutStudyStore(worker: StudyWorker): FanoutStudyStore {
  let handle: StudyHandle | null = null;
  let request: { input: Scenario; widths: readonly number[]; curveWidths: readonly number[]; retried: boolean } | null = null;

  return createStore<FanoutStudy>()((set, get) => {
    function begin(): void {
      const current = request;
      if (current === null) return;
      handle?.cancel();
      const started: StudyHandle = runFanoutStudy(worker, current.input, current.widths, current.curveWidths, (progress) => {
        if (handle === started) set({ progress });
      });
      handle = started;
    }

    const running = (): boolean => {
      const p = get().progress;
      return handle !== null && (p === null || (p.pending.length > 0 && p.error === null));
    };

    worker.onRestart((error) => {
      if (request === null || !running()) return;
      if (request.retried) {
        // Let the failure through: the study shows it and stops.
        set({ notice: null });
        return;
      }
      request.retried = true;
      set({ notice: `${error.message} It was restarted and the study is run again.` });
      begin();
    });

    return {
      key: null,
      progress: null,
      notice: null,
      run(input, widths, curveWidths) {
        // A point of the older study may still be running: stop it rather than wait for it.
        if (running()) worker.terminate();
        request = { input, widths: [...widths], curveWidths: [...curveWidths], retried: false };
        set({ key: JSON.stringify(input), progress: null, notice: null });
        begin();
      },
      stop() {
        handle?.cancel();
        handle = null;
        request = null;
        worker.terminate();
      },
      dispose() {
        get().stop();
      },
    };
  });
}
