/**
 * The lab's conversation with its runner. Every call that reads or replaces the run goes through one operation queue;
 * every operation belongs to the run that was current when it was asked for, and is dropped when another run has
 * replaced it since — so no frame of an old run, nor a step computed from an old run's time, reaches a new one.
 */
import type { Frame, SessionInfo, SimRunner, StepRequest, TriggerSpec } from '../worker/index';
import { sha256Hex } from '../links/index';
import { messageOf, type RunResult } from '../sim/format';
import type { Lab, RunState } from './labTypes';
import { AssertionWatch } from './assertionWatch';
import { createOpQueue } from './opQueue';
import type { Advance } from './playbackClock';

type Set = (patch: Partial<Lab>) => void;
type Get = () => Lab;

/** The page hashes the series it received only for runs this short: the hash runs on the UI thread. */
const PAGE_HASH_MAX_BINS = 2000;

/** The bridge failed the call because the worker crashed or hung; it restarts the worker and says so itself. */
function isWorkerError(error: unknown): boolean {
  return error instanceof Error && error.name === 'SimWorkerError';
}

export interface LabRun {
  /**
   * Replace the run with `input`, replayed to `catchUpToS`; a replay keeps the current base (a trigger scheduled
   * mid-run) unless `newBase`. Resolves to whether this run started (false when refused or replaced meanwhile).
   */
  begin(input: unknown, catchUpToS?: number, newBase?: boolean): Promise<boolean>;
  /** Advance the current run (a playback frame, a step): the target time is read when the step runs. */
  advance(advance: Advance): Promise<void>;
  /** Queue a parameter change; it is sent with the next step, or at once when `now`. */
  change(patch: Record<string, unknown>, now: boolean): void;
  /** Whether a change waits to be sent. */
  hasPendingChange(): boolean;
  inject(trigger: TriggerSpec): Promise<void>;
  result(): Promise<RunResult>;
}

export interface LabRunOptions {
  /** Wall-clock budget of one unthrottled step in the worker. */
  budgetMs: number;
  onNewRun: () => void;
  /** The worker failed twice on the current run and the bridge gave it up: open another (`message` says what happened). */
  onAbandoned: (message: string) => void;
}

export function createLabRun(runner: SimRunner, set: Set, get: Get, options: LabRunOptions): LabRun {
  const queue = createOpQueue();
  /** Bumped when a run is asked to replace the current one; operations of an older run are dropped. */
  let session = 0;
  let pendingPatch: Record<string, unknown> | null = null;
  const watch = new AssertionWatch();
  /**
   * Whether the worker holds the current run. Not after a restart that could not start it again: a step sent then
   * would reach a worker with no session (and fail it, with the start that is about to replace the run).
   */
  let held = false;

  function applyInfo(info: SessionInfo, fresh: boolean): void {
    const patch: Partial<RunState> = { recorded: info.recorded, effective: info.effective, binS: info.binS, durationS: info.durationS };
    if (fresh) {
      get().series.reset(info.seriesNames);
      get().shardSeries.reset();
      get().serviceSeries.reset();
      get().classSeries.reset();
      Object.assign(patch, {
        nowS: 0,
        done: false,
        stopped: null,
        summary: null,
        live: null,
        fingerprint: null,
        framesFingerprint: null,
        pageFingerprint: null,
        draft: {},
      });
      patch.version = get().version + 1;
    }
    const violations = watch.update(info.recorded, get().series, get().shardSeries);
    if (violations !== null) patch.violations = violations;
    set(patch);
  }

  function applyFrame(frame: Frame, id: number): void {
    const { series } = get();
    series.write(frame.fromBin, frame.bins, frame.data);
    get().shardSeries.write(frame.fromBin, frame.bins, frame.shards);
    get().serviceSeries.write(frame.fromBin, frame.bins, frame.services);
    get().classSeries.write(frame.fromBin, frame.bins, frame.classes);
    const patch: Partial<Lab> = {
      nowS: frame.nowS,
      done: frame.done,
      stopped: frame.stopped,
      summary: frame.summary,
      live: frame.live,
      version: get().version + 1,
      frames: get().frames + 1,
    };
    if (frame.effective !== null) patch.effective = frame.effective;
    const violations = watch.update(get().recorded, series, get().shardSeries);
    if (violations !== null) patch.violations = violations;
    if (frame.done) {
      patch.playing = false;
      patch.fingerprint = frame.fingerprint;
      patch.framesFingerprint = frame.framesFingerprint;
      if (series.length <= PAGE_HASH_MAX_BINS) {
        // After this frame is on screen: the hash of a short run's series costs a few milliseconds.
        void Promise.resolve().then(() => {
          if (id === session) set({ pageFingerprint: sha256Hex(JSON.stringify(series.toJSON())) });
        });
      }
    }
    set(patch);
  }

  function report(error: unknown, id: number): void {
    // A crashed or stuck worker is restarted by the bridge, which tells us through onRestart.
    if (id === session && !isWorkerError(error)) set({ notice: { tone: 'error', text: messageOf(error) } });
  }

  /** Send the pending change (inside an operation). */
  async function flush(id: number): Promise<void> {
    if (pendingPatch === null) return;
    const patch = pendingPatch;
    pendingPatch = null;
    try {
      const info = await runner.set(patch);
      if (id === session) applyInfo(info, false);
    } catch (error) {
      report(error, id);
    } finally {
      if (id === session) {
        const draft = { ...get().draft };
        for (const path of Object.keys(patch)) if (draft[path] === patch[path]) delete draft[path];
        set({ draft });
      }
    }
  }

  /** One step of the current run (inside an operation); whether its frame was applied. */
  async function step(id: number, request: StepRequest): Promise<boolean> {
    try {
      const frame = await runner.step(request);
      if (id !== session) return false;
      applyFrame(frame, id);
      return true;
    } catch (error) {
      report(error, id);
      return false;
    }
  }

  /**
   * Replay the new run to `toS` in steps (each answers within a fraction of a second, the worker's watchdog never
   * fires on a long replay), showing how far it has got in `replayToS`. At least one step: a paused run shows where it stands.
   */
  async function replay(id: number, toS: number): Promise<void> {
    const { binS, durationS } = get();
    const target = Math.min(durationS, Math.floor(toS / binS + 1e-9) * binS);
    if (target > 0) set({ replayToS: target });
    try {
      for (;;) {
        const before = get().nowS;
        if (!(await step(id, { toS }))) return;
        if (id !== session || get().done || get().nowS >= target || get().nowS <= before) return;
      }
    } finally {
      if (id === session) set({ replayToS: null });
    }
  }

  /** Queue `op` for the run current now; it is skipped when that run has been replaced before its turn. */
  function enqueue<T>(op: (id: number) => Promise<T>, skipped: T): Promise<T> {
    const id = session;
    return queue.run(() => (id === session ? op(id) : Promise.resolve(skipped)));
  }

  /** A new run replaces the current one from now on: queued operations of the old one are dropped. */
  function replace(): number {
    const id = ++session;
    pendingPatch = null;
    options.onNewRun();
    return id;
  }

  runner.onRestart((event) => {
    replace();
    held = event.info !== null;
    if (event.abandoned !== null) {
      options.onAbandoned(event.message);
      return;
    }
    if (event.info !== null) applyInfo(event.info, true);
    set({ notice: { tone: 'warning', text: event.message } });
    if (event.info !== null) void enqueue((id) => step(id, { toS: 0 }), undefined);
  });

  return {
    begin(input, catchUpToS = 0, newBase = catchUpToS === 0) {
      replace();
      return enqueue(async (id) => {
        try {
          const info = await runner.start(input);
          if (id !== session) return false;
          held = true;
          applyInfo(info, true);
          set({ phase: 'ready', base: newBase ? { ...info.recorded } : get().base, notice: null });
          await replay(id, catchUpToS);
          return id === session;
        } catch (error) {
          if (id !== session) return false;
          set({ notice: { tone: 'error', text: messageOf(error) }, phase: get().recorded === null ? 'failed' : 'ready' });
          return false;
        }
      }, false);
    },
    advance(advance) {
      return enqueue(async (id) => {
        if (!held) return;
        await flush(id);
        if (id !== session) return;
        const { nowS, binS, done } = get();
        if (done) return;
        await step(id, 'bins' in advance ? { toS: nowS + advance.bins * binS } : { budgetMs: options.budgetMs });
      }, undefined);
    },
    change(patch, now) {
      pendingPatch = { ...(pendingPatch ?? {}), ...patch };
      if (now) void enqueue(flush, undefined);
    },
    hasPendingChange: () => pendingPatch !== null,
    inject(trigger) {
      return enqueue(async (id) => {
        await flush(id);
        try {
          const info = await runner.inject(trigger);
          if (id === session) applyInfo(info, false);
        } catch (error) {
          report(error, id);
        }
      }, undefined);
    },
    result() {
      return queue.run(() => runner.result());
    },
  };
}
