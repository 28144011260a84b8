/**
 * The simulation worker on the UI side: a worker client (lazy start, calls in order, a watchdog, pending calls
 * failed when the worker crashes or stops answering) that restarts the worker with the last good scenario — once:
 * a scenario the worker fails on again is not started a third time.
 */
import { wrap, type Remote } from 'comlink';
import type { RunResult, Scenario } from '../sim/format';
import type { FaultKind } from './fault';
import type { PresetCard } from './presetCards';
import type { SimApi } from './sim.worker';
import type { Frame, SessionInfo, StepRequest, TriggerSpec } from './session';
import { createWorkerClient, type WorkerLike } from './workerClient';

/** What the UI needs from the simulation, wherever it runs (worker in the page, in-process fake in tests). */
export interface SimRunner {
  defaultScenario(): Promise<Scenario>;
  presets(): Promise<PresetCard[]>;
  /** The raw scenario of a preset, or null when there is no such preset. */
  preset(id: string): Promise<unknown>;
  /** Validate and start a session at t = 0 (rejects with the scenario error's message); steps replay it further. */
  start(input: unknown, options?: CallOptions): Promise<SessionInfo>;
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
  /**
   * The scenario the worker failed on a second time since the page started it: it was not started again (the
   * page opens another, and keeps it out of the autosave). Null otherwise.
   */
  abandoned: Scenario | null;
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
  /** Test builds only: make the worker throw or hang, with this call's own watchdog if given. */
  fault(kind: FaultKind, timeoutMs?: number): Promise<void>;
}

export interface SimBridgeOptions {
  /** A call with no answer after this long means the worker is stuck or dead: it is restarted. */
  timeoutMs?: number;
  /** Injected by tests; by default a module worker running `sim.worker.ts`. */
  startWorker?: () => WorkerLike;
}

const DEFAULT_TIMEOUT_MS = 8_000;

function startSimWorker(): WorkerLike {
  // Kept literal so Vite bundles the worker and its engine as a separate chunk.
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
}

/** Create the bridge. Nothing starts until the first call. */
export function createSimBridge(options: SimBridgeOptions = {}): SimBridge {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = createWorkerClient<Remote<SimApi>>({
    label: 'simulation worker',
    failureSubject: 'simulation',
    start: options.startWorker ?? startSimWorker,
    connect: (worker) => wrap<SimApi>(worker),
    timeoutMs,
  });
  const listeners = new Set<(event: RestartEvent) => void>();
  let lastGood: Scenario | null = null;
  /** The worker crashed or hung once since the page last started a scenario: the next failure abandons it. */
  let failedSinceStart = false;

  /** A successful answer is the new last good scenario. */
  const good = (info: SessionInfo): SessionInfo => {
    lastGood = info.recorded;
    return info;
  };
  const tell = (event: RestartEvent): void => {
    for (const listener of [...listeners]) listener(event);
  };

  // The worker was stopped under its calls: start a new one with the last good scenario, then say what happened.
  client.onRestart((error) => {
    const reason = error.message;
    const restore = lastGood;
    if (restore === null) {
      tell({ message: `${reason} It will start again on the next action.`, info: null, abandoned: null });
      return;
    }
    // A cancelled call is the page's own doing; a crash or a hang may be the scenario's.
    if (error.failure !== 'cancelled') {
      if (failedSinceStart) {
        failedSinceStart = false;
        lastGood = null;
        const name = JSON.stringify(restore.name);
        tell({ message: `${reason} That happened twice running the scenario ${name}, so it was not started again.`, info: null, abandoned: restore });
        return;
      }
      failedSinceStart = true;
    }
    client.call((api) => api.start(restore)).then(
      (info) => tell({ message: `${reason} It was restarted with the last good scenario.`, info: good(info), abandoned: null }),
      (failure: unknown) => {
        const detail = failure instanceof Error ? failure.message : String(failure);
        tell({ message: `${reason} Restarting it failed: ${detail}`, info: null, abandoned: null });
      },
    );
  });

  return {
    defaultScenario: () => client.call((api) => api.defaultScenario()),
    presets: () => client.call((api) => api.presets()),
    preset: (id) => client.call((api) => api.preset(id)),
    start: (input, callOptions = {}) =>
      client.call((api) => api.start(input), { signal: callOptions.signal }).then((info) => {
        failedSinceStart = false;
        return good(info);
      }),
    step: (request) => client.call((api) => api.step(request), { crashOnError: true }),
    set: (patch) => client.call((api) => api.set(patch)).then(good),
    inject: (trigger) => client.call((api) => api.inject(trigger)).then(good),
    result: () => client.call((api) => api.result()),
    onRestart(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pendingCount: () => client.pendingCount(),
    fault: (kind, faultTimeoutMs) => client.call((api) => api.fault(kind), { timeoutMs: faultTimeoutMs }),
    terminate: () => client.terminate(),
  };
}
