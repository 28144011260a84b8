/**
 * The one owner of the simulation worker on the UI side: starts it lazily, runs calls in order, watches
 * each with a watchdog, and when the worker crashes or stops answering fails every pending call and
 * restarts it with the last good scenario.
 */
import { wrap, type Endpoint, type Remote } from 'comlink';
import { messageOf, type RunResult, type Scenario } from '../sim/format';
import type { PresetCard } from './presetCards';
import type { SimApi } from './sim.worker';
import type { Frame, SessionInfo, StepRequest, TriggerSpec } from './session';

/** What the UI needs from the simulation, wherever it runs (worker in the page, in-process fake in tests). */
export interface SimRunner {
  defaultScenario(): Promise<Scenario>;
  presets(): Promise<PresetCard[]>;
  /** The raw scenario of a preset, or null when there is no such preset. */
  preset(id: string): Promise<unknown>;
  /** Validate and start a session (rejects with the scenario error's message); optionally replay to `catchUpToS`. */
  start(input: unknown, catchUpToS?: number, options?: CallOptions): Promise<SessionInfo>;
  step(request: StepRequest): Promise<Frame>;
  set(patch: Record<string, unknown>): Promise<SessionInfo>;
  inject(trigger: TriggerSpec): Promise<SessionInfo>;
  /** The run so far as the CLI's JSON holds it (scenario, summary, every series): what the JSON and CSV exports write. */
  result(): Promise<RunResult>;
  /** Told when the worker was restarted after a crash or a hang, with what happened. */
  onRestart(listener: (event: RestartEvent) => void): () => void;
}

export interface RestartEvent {
  /** What happened, for the page: "The simulation worker crashed: … It was restarted …". */
  message: string;
  /** The new session (the last good scenario from t = 0), or null when it could not be started again. */
  info: SessionInfo | null;
}

export interface CallOptions {
  /** Aborting stops the worker (a step cannot be interrupted otherwise) and restarts it. */
  signal?: AbortSignal;
}

export interface SimBridge extends SimRunner {
  /** Stop the worker and fail every pending call. A later call starts a new worker. */
  terminate(): void;
  /** Calls sent or queued and not yet settled. */
  pendingCount(): number;
  /** Test builds only: make the worker throw or hang. */
  fault(kind: 'throw' | 'hang'): Promise<void>;
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

const DEFAULT_TIMEOUT_MS = 8_000;
const START_REPLAY_TIMEOUT_MS = 120_000;

function startSimWorker(): WorkerLike {
  // Kept literal so Vite bundles the worker and its engine as a separate chunk.
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The call was cancelled.', 'AbortError');
}

interface CallSpec {
  /** A rejection means the worker is broken (not a validation error): restart it. */
  crashOnError?: boolean;
  /** A successful answer is the new last good scenario. */
  good?: boolean;
  signal?: AbortSignal | undefined;
  /** Watchdog for this call, when it may legitimately take longer than a step (a start that replays a long run). */
  timeoutMs?: number;
}

/** Create the bridge. Nothing starts until the first call. */
export function createSimBridge(options: SimBridgeOptions = {}): SimBridge {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const startWorker = options.startWorker ?? startSimWorker;
  let live: { worker: WorkerLike; api: Remote<SimApi> } | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  const pending = new Set<(error: Error) => void>();
  const listeners = new Set<(event: RestartEvent) => void>();
  let lastGood: Scenario | null = null;

  function stop(reason: Error): void {
    live?.worker.terminate();
    live = null;
    tail = Promise.resolve();
    const failures = [...pending];
    pending.clear();
    for (const fail of failures) fail(reason);
  }

  /** Stop, then start again with the last good scenario and tell the listeners. */
  function crash(reason: string): void {
    stop(new SimWorkerError(reason));
    const good = lastGood;
    if (good === null) {
      for (const listener of listeners) listener({ message: `${reason} It will start again on the next action.`, info: null });
      return;
    }
    call((api) => api.start(good), { good: true }).then(
      (info) => {
        for (const listener of listeners) listener({ message: `${reason} It was restarted with the last good scenario.`, info });
      },
      (error: unknown) => {
        for (const listener of listeners) listener({ message: `${reason} Restarting it failed: ${messageOf(error)}`, info: null });
      },
    );
  }

  function ensureStarted(): Remote<SimApi> {
    if (live) return live.api;
    const worker = startWorker();
    const onError = (event: Event): void => {
      event.preventDefault();
      const message = (event as Partial<ErrorEvent>).message;
      const detail = typeof message === 'string' && message !== '' ? `: ${message}` : '';
      if (live?.worker === worker) crash(`The simulation worker crashed${detail}.`);
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    live = { worker, api: wrap<SimApi>(worker) };
    return live.api;
  }

  function call<T>(invoke: (api: Remote<SimApi>) => Promise<T>, spec: CallSpec = {}): Promise<T> {
    const { signal } = spec;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
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
        fail(abortReason(signal as AbortSignal));
        crash('The simulation worker was stopped because a call was cancelled.');
      };
      pending.add(fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      // Calls run one after another: the next is sent when the previous one has settled.
      const run = (): Promise<unknown> => {
        if (!pending.has(fail)) return Promise.resolve();
        const api = ensureStarted();
        const limitMs = spec.timeoutMs ?? timeoutMs;
        timer = setTimeout(() => {
          crash(`The simulation worker did not answer within ${limitMs / 1000} s.`);
        }, limitMs);
        return invoke(api).then(
          (value) => {
            if (!pending.has(fail)) return;
            settle();
            if (spec.good === true) lastGood = (value as SessionInfo).recorded;
            resolve(value);
          },
          (error: unknown) => {
            if (!pending.has(fail)) return;
            const err = error instanceof Error ? error : new Error(String(error));
            fail(err);
            if (spec.crashOnError === true) crash(`The simulation failed: ${err.message}.`);
          },
        );
      };
      tail = tail.then(run, run);
    });
  }

  return {
    defaultScenario: () => call((api) => api.defaultScenario()),
    presets: () => call((api) => api.presets()),
    preset: (id) => call((api) => api.preset(id)),
    start: (input, catchUpToS = 0, callOptions = {}) =>
      call((api) => api.start(input, catchUpToS), {
        good: true,
        signal: callOptions.signal,
        // Replaying a long run to "now" is real work: allow it more time than a frame.
        ...(catchUpToS > 0 ? { timeoutMs: Math.max(timeoutMs, START_REPLAY_TIMEOUT_MS) } : {}),
      }),
    step: (request) => call((api) => api.step(request), { crashOnError: true }),
    set: (patch) => call((api) => api.set(patch), { good: true }),
    inject: (trigger) => call((api) => api.inject(trigger), { good: true }),
    result: () => call((api) => api.result()),
    onRestart(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pendingCount: () => pending.size,
    fault: (kind) => call((api) => api.fault(kind)),
    terminate: () => stop(new SimWorkerError('The simulation worker was terminated.')),
  };
}
