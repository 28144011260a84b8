/**
 * The fan-out study on the UI side: asks a worker for the objective, then for each width in
 * turn, and reports the points as they come, so the chart fills in progressively. A newer study
 * (the scenario changed) or `cancel` stops an older one between points.
 */
import { wrap, type Remote } from 'comlink';
import { messageOf } from '../sim/format';
import type { FanoutPoint } from '../sim/index';
import type { FaultKind } from './fault';
import type { StudyApi } from './study.worker';
import { createWorkerClient, type SimWorkerError, type WorkerLike } from './workerClient';

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

/** A study on its own worker: what the page's study uses, a `StudyRunner` that says when its worker was restarted. */
export interface StudyClient extends StudyRunner {
  /** Told when the worker was stopped under a call (crashed or stuck); the next call starts a new one. */
  onRestart(listener: (error: SimWorkerError) => void): () => void;
  /** Stop the worker (a running point cannot be interrupted otherwise); the next call starts a new one. */
  terminate(): void;
  pendingCount(): number;
  /** Test builds only: make the worker throw or hang, with this call's own watchdog. */
  fault(kind: FaultKind, timeoutMs?: number): Promise<void>;
}

export interface StudyClientOptions {
  /** Longest a point may take; a point is bounded in requests, so one that takes longer is stuck. */
  timeoutMs?: number;
  /** Injected by tests; by default a module worker running `study.worker.ts`. */
  startWorker?: () => WorkerLike;
}

/** Points take seconds at most (each is bounded in requests): a minute without an answer is a stuck worker. */
const STUDY_TIMEOUT_MS = 60_000;

function startStudyWorker(): WorkerLike {
  // Kept literal so Vite bundles the worker and its engine as a separate chunk.
  return new Worker(new URL('./study.worker.ts', import.meta.url), { type: 'module', name: 'fan-out study' });
}

/** A study runner on its own worker client. Nothing starts until the first call. */
export function createStudyClient(options: StudyClientOptions = {}): StudyClient {
  const client = createWorkerClient<Remote<StudyApi>>({
    label: 'fan-out study worker',
    start: options.startWorker ?? startStudyWorker,
    connect: (worker) => wrap<StudyApi>(worker),
    timeoutMs: options.timeoutMs ?? STUDY_TIMEOUT_MS,
  });
  return {
    objective: (input) => client.call((api) => api.objective(input)),
    point: (input, n, slo) => client.call((api) => api.point(input, n, slo)),
    closedForm: (input, p1, widths) => client.call((api) => api.closedForm(input, p1, widths)),
    onRestart: (listener) => client.onRestart(listener),
    terminate: () => client.terminate(),
    pendingCount: () => client.pendingCount(),
    fault: (kind, timeoutMs) => client.call((api) => api.fault(kind), { timeoutMs }),
  };
}
