/** The one owner of the simulation worker on the UI side: starts it lazily, cancels, restarts and tears it down. */
import { wrap, type Endpoint, type Remote } from 'comlink';
import type { RunResult, Scenario } from '../sim/index';
import type { SimApi } from './sim.worker';

/** What the UI needs from the simulation, wherever it runs (worker in the page, in-process fake in tests). */
export interface SimRunner {
  defaultScenario(): Promise<Scenario>;
  /** Validate and run a scenario; rejects with the scenario error's message when it is invalid. */
  run(input: unknown, options?: CallOptions): Promise<RunResult>;
}

export interface CallOptions {
  /** Aborting stops the worker (a run cannot be interrupted otherwise); the next call starts a fresh one. */
  signal?: AbortSignal;
}

export interface SimBridge extends SimRunner {
  /** Stop the worker and fail every pending call. A later call starts a new worker. */
  terminate(): void;
}

/** A started worker, as far as the bridge cares. */
export type WorkerLike = Endpoint & { terminate(): void };

export interface SimBridgeOptions {
  /** A call with no answer after this long means the worker is stuck or dead: it is restarted. */
  timeoutMs?: number;
  /** Injected by tests; by default a module worker running `sim.worker.ts`. */
  startWorker?: () => WorkerLike;
}

/** The worker failed, stopped answering or was terminated while a call was pending. */
export class SimWorkerError extends Error {
  override name = 'SimWorkerError';
}

const DEFAULT_TIMEOUT_MS = 120_000;

function startSimWorker(): WorkerLike {
  // Kept literal so Vite bundles the worker and its engine as a separate chunk.
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The run was cancelled.', 'AbortError');
}

/** Create the bridge. Nothing starts until the first call. */
export function createSimBridge(options: SimBridgeOptions = {}): SimBridge {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const startWorker = options.startWorker ?? startSimWorker;
  let live: { worker: WorkerLike; api: Remote<SimApi> } | null = null;
  const pending = new Set<(error: Error) => void>();

  function stop(reason: Error): void {
    live?.worker.terminate();
    live = null;
    const failures = [...pending];
    pending.clear();
    for (const fail of failures) fail(reason);
  }

  function ensureStarted(): Remote<SimApi> {
    if (live) return live.api;
    const worker = startWorker();
    const onError = (event: Event): void => {
      event.preventDefault();
      const message = (event as Partial<ErrorEvent>).message;
      const detail = typeof message === 'string' && message !== '' ? `: ${message}` : '';
      if (live?.worker === worker) stop(new SimWorkerError(`The simulation worker crashed${detail}.`));
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    live = { worker, api: wrap<SimApi>(worker) };
    return live.api;
  }

  function call<T>(invoke: (api: Remote<SimApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const api = ensureStarted();
    return new Promise<T>((resolve, reject) => {
      const settle = (): void => {
        pending.delete(fail);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: Error): void => {
        settle();
        reject(error);
      };
      const onAbort = (): void => {
        // Reject this call with the abort reason first; the others fail as "restarted".
        fail(abortReason(signal as AbortSignal));
        stop(new SimWorkerError('The simulation worker was restarted because another run was cancelled.'));
      };
      const timer = setTimeout(() => {
        stop(new SimWorkerError(`The simulation worker did not answer within ${timeoutMs / 1000} s and was restarted.`));
      }, timeoutMs);
      pending.add(fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      invoke(api).then(
        (value) => {
          if (!pending.has(fail)) return;
          settle();
          resolve(value);
        },
        (error: unknown) => {
          if (!pending.has(fail)) return;
          fail(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  return {
    defaultScenario: () => call((api) => api.defaultScenario()),
    run: (input, callOptions = {}) => call((api) => api.run(input), callOptions.signal),
    terminate: () => stop(new SimWorkerError('The simulation worker was terminated.')),
  };
}
