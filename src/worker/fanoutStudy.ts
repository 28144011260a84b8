/**
 * The fan-out study on the UI side: asks a worker for the objective, then for each width in
 * turn, and reports the points as they come, so the chart fills in progressively. A newer study
 * (the scenario changed) or `cancel` stops an older one between points.
 */
import { wrap, type Remote } from 'comlink';
import { messageOf } from '../sim/format';
import type { FanoutPoint } from '../sim/index';
import type { StudyApi } from './study.worker';

/** Widths the study runs: a 1-2-5 ladder up to 100 (or the scenario's own width, if larger), and the scenario's own. */
export function fanoutWidths(current: number): number[] {
  const ladder = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter((n) => n <= Math.max(100, current));
  return [...new Set([...ladder, current])].sort((a, b) => a - b);
}

/** What the study needs from a worker (or an in-process fake in tests). */
export interface StudyRunner {
  objective(input: unknown): Promise<number | null>;
  point(input: unknown, n: number, slo: number | null): Promise<FanoutPoint>;
  closedForm(input: unknown, p1: number, widths: number[]): Promise<number[]>;
}

/** The closed form's curve: the share of slow requests at each width. */
export interface ClosedFormCurve {
  /** The one-backend miss rate it starts from. */
  p1: number;
  widths: number[];
  slow: number[];
}

export interface StudyProgress {
  slo: number | null;
  points: FanoutPoint[];
  /** Widths still to run. */
  pending: number[];
  /** Once the one-backend point is in (the study runs widths in increasing order, 1 first). */
  curve: ClosedFormCurve | null;
  error: string | null;
}

export interface StudyHandle {
  cancel(): void;
  /** Settles when the study ended, was cancelled or failed. */
  done: Promise<void>;
}

/**
 * Run the study of `scenario` over `widths` (increasing, starting at 1), calling `onProgress` after
 * each step; `curveWidths` are where the closed form is evaluated once the width-1 point is in.
 */
export function runFanoutStudy(
  runner: StudyRunner,
  scenario: unknown,
  widths: readonly number[],
  curveWidths: readonly number[],
  onProgress: (p: StudyProgress) => void,
): StudyHandle {
  let cancelled = false;
  const done = (async () => {
    const progress: StudyProgress = { slo: null, points: [], pending: [...widths], curve: null, error: null };
    try {
      progress.slo = await runner.objective(scenario);
      if (cancelled) return;
      onProgress({ ...progress, points: [] });
      for (const n of widths) {
        const point = await runner.point(scenario, n, progress.slo);
        if (cancelled) return;
        progress.points = [...progress.points, point];
        progress.pending = progress.pending.filter((w) => w !== n);
        if (n === 1 && point.sloMiss !== null) {
          const slow = await runner.closedForm(scenario, point.sloMiss, [...curveWidths]);
          if (cancelled) return;
          progress.curve = { p1: point.sloMiss, widths: [...curveWidths], slow };
        }
        onProgress({ ...progress });
      }
    } catch (error) {
      if (!cancelled) onProgress({ ...progress, error: messageOf(error) });
    }
  })();
  return {
    cancel() {
      cancelled = true;
    },
    done,
  };
}

/** A study runner on its own module worker; `terminate` stops it (a running point cannot be interrupted otherwise). */
export function createStudyWorker(): StudyRunner & { terminate(): void } {
  const worker = new Worker(new URL('./study.worker.ts', import.meta.url), { type: 'module', name: 'fan-out study' });
  const remote: Remote<StudyApi> = wrap<StudyApi>(worker);
  return {
    objective: (input) => remote.objective(input),
    point: (input, n, slo) => remote.point(input, n, slo),
    closedForm: (input, p1, widths) => remote.closedForm(input, p1, widths),
    terminate: () => worker.terminate(),
  };
}
