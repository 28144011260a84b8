/** The lab: what the user chose (preset, seed, speed, live changes) and what the page shows (series, summary, notices). */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ViewTab } from '../links/index';
import type { RunResult, Scenario, Summary } from '../sim/index';
import type { Frame, LiveState, PresetCard, SessionInfo, SimRunner, StepRequest, TriggerSpec } from '../worker/index';
import { SeriesBuffer } from './seriesBuffer';
import { ShardBuffer } from './shardBuffer';

export interface Notice {
  tone: 'info' | 'warning' | 'error';
  text: string;
}

/** Simulated seconds per real second; `Infinity` = unthrottled (as fast as the worker goes). */
export type Speed = number;
export const SPEEDS: readonly Speed[] = [1, 2, 5, 10, 20, 50, Infinity];
export const DEFAULT_SPEED: Speed = 10;
export const DEFAULT_PRESET = 'retry-storm';

export interface LabState {
  phase: 'starting' | 'ready' | 'failed';
  presets: PresetCard[];
  presetId: string | null;
  /** The scenario the run started from (before live changes). */
  base: Scenario | null;
  /** The replayable scenario, live actions and triggers included. */
  recorded: Scenario | null;
  /** The parameters in force now. */
  effective: Scenario | null;
  /** Values changed on the controls and not yet confirmed by the worker, by path. */
  draft: Record<string, unknown>;
  binS: number;
  durationS: number;
  playing: boolean;
  speed: Speed;
  nowS: number;
  done: boolean;
  stopped: string | null;
  summary: Summary | null;
  live: LiveState | null;
  /** The series; mutated in place, `version` changes when it does. */
  series: SeriesBuffer;
  /** Each backend's or shard's utilisation per bin (fan-out, partitions); mutated in place with `series`. */
  shardSeries: ShardBuffer;
  version: number;
  /** Frames received since the page opened. */
  frames: number;
  /** SHA-256 of JSON.stringify(series) once the run is done, computed by the worker: compare with the CLI's. */
  fingerprint: string | null;
  /** The worker's hash of the series its frames carry: what `pageFingerprint` should equal. */
  framesFingerprint: string | null;
  /** The same hash of the series this page received (short runs only): shows the frames lost nothing. */
  pageFingerprint: string | null;
  notice: Notice | null;
  /** The time under the pointer on the charts, or null. */
  cursorS: number | null;
  /** The time scrubbed back to, or null to follow the run. */
  scrubS: number | null;
  theme: 'light' | 'dark';
  /** Whether the request-flow animation is shown. */
  showFlow: boolean;
  /** The view the page shows: the lab, the preset gallery, the phase map or the compare view. */
  tab: ViewTab;
}

/** A scenario to open at start instead of the default preset (a link's, or the autosaved one). */
export interface Opening {
  scenario: unknown;
  presetId: string | null;
  play: boolean;
  /** Open at this simulated time (the run replayed to it at once). */
  atS?: number;
}

export interface LabActions {
  /**
   * Load the preset list and start: `opening` when given and valid, else the preset `presetId`.
   * When the opening is refused, its message stays shown over the fallback run.
   */
  init: (presetId?: string, opening?: Opening) => Promise<void>;
  /** Start the preset `id`; resolves to whether it started (no such preset, or one the worker refused: a notice says why). */
  loadPreset: (id: string) => Promise<boolean>;
  /**
   * Start any scenario (a link's, an imported file's, a phase-map cell's): validated by the worker,
   * which answers with a message naming the field when it is not valid (shown as a notice; the
   * current run is kept). Resolves to whether it started. `presetId` names the preset it came from;
   * `atS` replays it to that time at once (a link's playhead).
   */
  openScenario: (input: unknown, options?: { presetId?: string | null; play?: boolean; atS?: number }) => Promise<boolean>;
  setTab: (tab: ViewTab) => void;
  play: () => void;
  pause: () => void;
  /** Advance one bin while paused. */
  stepOnce: () => Promise<void>;
  setSpeed: (speed: Speed) => void;
  /** Start the current scenario again from t = 0, without the live changes. */
  reset: () => Promise<void>;
  setSeed: (seed: number) => Promise<void>;
  setDuration: (durationS: number) => Promise<void>;
  /** Change parameters now (recorded as an action and marked on the charts). */
  change: (patch: Record<string, unknown>) => void;
  injectNow: (trigger: TriggerSpec) => Promise<void>;
  /** Add a trigger at a future time: the run is replayed to now with it scheduled. */
  schedule: (trigger: TriggerSpec & { at: number }) => Promise<void>;
  /** Remove a trigger that has not started yet: the run is replayed to now without it. */
  unschedule: (index: number) => Promise<void>;
  setCursor: (timeS: number | null) => void;
  setScrub: (timeS: number | null) => void;
  setTheme: (theme: 'light' | 'dark') => void;
  setShowFlow: (show: boolean) => void;
  dismissNotice: () => void;
  /** Show a message (a link's notices, an import's error). */
  showNotice: (notice: Notice) => void;
  /** The run so far in the CLI's JSON shape (scenario, summary, every series), for the exports. */
  fetchResult: () => Promise<RunResult>;
  /** Stop the playback loop (tests, unmount). */
  dispose: () => void;
}

export type Lab = LabState & LabActions;
export type LabStore = StoreApi<Lab>;

/** Schedules the next playback tick; returns a cancel function. Defaults to requestAnimationFrame. */
export type FrameScheduler = (tick: (timeMs: number) => void) => () => void;

export interface LabOptions {
  scheduler?: FrameScheduler;
  /** Wall-clock budget of one unthrottled step in the worker. */
  unthrottledBudgetMs?: number;
}

/** The default frame scheduler: requestAnimationFrame, or a 16-ms timer where there is none. */
export function rafScheduler(tick: (timeMs: number) => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(() => tick(performance.now()), 16);
  return () => clearTimeout(id);
}

const PAGE_HASH_MAX_BINS = 2000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isWorkerError(error: unknown): boolean {
  return error instanceof Error && error.name === 'SimWorkerError';
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Create the lab store over a runner (the worker bridge, or an in-process session in tests). */
export function createLabStore(runner: SimRunner, options: LabOptions = {}): LabStore {
  const scheduler = options.scheduler ?? rafScheduler;
  const budgetMs = options.unthrottledBudgetMs ?? 12;
  let cancelTick: (() => void) | null = null;
  let stepping = false;
  let lastTickMs: number | null = null;
  let carryS = 0;
  let pendingPatch: Record<string, unknown> | null = null;
  /** Bumped by every (re)start; answers for an older session are ignored. */
  let session = 0;

  const store = createStore<Lab>()((set, get) => {
    function applyInfo(info: SessionInfo, fresh: boolean): void {
      const patch: Partial<LabState> = { recorded: info.recorded, effective: info.effective, binS: info.binS, durationS: info.durationS };
      if (fresh) {
        get().series.reset(info.seriesNames);
        get().shardSeries.reset();
        Object.assign(patch, { nowS: 0, done: false, stopped: null, summary: null, live: null, fingerprint: null, framesFingerprint: null, pageFingerprint: null, draft: {} });
        patch.version = get().version + 1;
      }
      set(patch);
    }

    function applyFrame(frame: Frame): void {
      const { series } = get();
      series.write(frame.fromBin, frame.bins, frame.data);
      get().shardSeries.write(frame.fromBin, frame.bins, frame.shards);
      const patch: Partial<LabState> = {
        nowS: frame.nowS,
        done: frame.done,
        stopped: frame.stopped,
        summary: frame.summary,
        live: frame.live,
        version: get().version + 1,
        frames: get().frames + 1,
      };
      if (frame.effective !== null) patch.effective = frame.effective;
      if (frame.done) {
        patch.playing = false;
        patch.fingerprint = frame.fingerprint;
        patch.framesFingerprint = frame.framesFingerprint;
        // Hashing on the UI thread costs ~1 ms per 100 bins: only for runs short enough to stay well under a frame's budget.
        if (series.length <= PAGE_HASH_MAX_BINS && typeof crypto !== 'undefined' && crypto.subtle !== undefined) {
          const id = session;
          void sha256Hex(JSON.stringify(series.toJSON())).then((hash) => {
            if (id === session) set({ pageFingerprint: hash });
          });
        }
      }
      set(patch);
    }

    /** Start `input`, replayed to `catchUpToS`; a replay keeps the current base (a trigger scheduled mid-run) unless `newBase`. */
    async function begin(input: unknown, catchUpToS = 0, newBase = catchUpToS === 0): Promise<boolean> {
      const id = ++session;
      pendingPatch = null;
      try {
        const info = await runner.start(input, catchUpToS);
        if (id !== session) return false;
        applyInfo(info, true);
        set({ phase: 'ready', base: newBase ? { ...info.recorded } : get().base, notice: null });
        // One frame at once, so a paused or replayed run shows where it stands.
        await stepTo({ toS: catchUpToS });
        return true;
      } catch (error) {
        if (id !== session) return false;
        set({ notice: { tone: 'error', text: messageOf(error) }, phase: get().recorded === null ? 'failed' : 'ready' });
        return false;
      }
    }

    async function flushPatch(): Promise<void> {
      if (pendingPatch === null) return;
      const patch = pendingPatch;
      pendingPatch = null;
      const id = session;
      try {
        const info = await runner.set(patch);
        if (id !== session) return;
        applyInfo(info, false);
      } catch (error) {
        if (id !== session || isWorkerError(error)) return;
        set({ notice: { tone: 'error', text: messageOf(error) } });
      } finally {
        if (id === session) {
          const draft = { ...get().draft };
          for (const path of Object.keys(patch)) if (draft[path] === patch[path]) delete draft[path];
          set({ draft });
        }
      }
    }

    async function stepTo(request: StepRequest): Promise<void> {
      const id = session;
      stepping = true;
      try {
        await flushPatch();
        const frame = await runner.step(request);
        if (id === session) applyFrame(frame);
      } catch (error) {
        // A crashed or stuck worker is restarted by the bridge, which tells us through onRestart.
        if (id === session && !isWorkerError(error)) set({ notice: { tone: 'error', text: messageOf(error) } });
      } finally {
        stepping = false;
      }
    }

    function tick(timeMs: number): void {
      cancelTick = null;
      const state = get();
      if (!state.playing || state.done || state.recorded === null) {
        lastTickMs = null;
        return;
      }
      if (stepping) {
        schedule();
        return;
      }
      let request: StepRequest;
      if (state.speed === Infinity) {
        request = { budgetMs };
      } else {
        const dtS = lastTickMs === null ? 1 / 60 : Math.min(0.25, Math.max(0, (timeMs - lastTickMs) / 1000));
        carryS += dtS * state.speed;
        const bins = Math.floor(carryS / state.binS + 1e-9);
        lastTickMs = timeMs;
        if (bins === 0 && pendingPatch === null) {
          schedule();
          return;
        }
        carryS -= bins * state.binS;
        request = { toS: state.nowS + bins * state.binS };
      }
      lastTickMs = timeMs;
      void stepTo(request).then(schedule);
    }

    function schedule(): void {
      if (cancelTick !== null || !get().playing) return;
      cancelTick = scheduler(tick);
    }

    runner.onRestart((event) => {
      session++;
      stepping = false;
      pendingPatch = null;
      if (event.info !== null) applyInfo(event.info, true);
      set({ notice: { tone: 'warning', text: event.message } });
      if (event.info !== null) {
        const id = session;
        void stepTo({ toS: 0 }).then(() => {
          if (id === session) schedule();
        });
      }
    });

    return {
      phase: 'starting',
      presets: [],
      presetId: null,
      base: null,
      recorded: null,
      effective: null,
      draft: {},
      binS: 1,
      durationS: 0,
      playing: false,
      speed: DEFAULT_SPEED,
      nowS: 0,
      done: false,
      stopped: null,
      summary: null,
      live: null,
      series: new SeriesBuffer(),
      shardSeries: new ShardBuffer(),
      version: 0,
      frames: 0,
      fingerprint: null,
      framesFingerprint: null,
      pageFingerprint: null,
      notice: null,
      cursorS: null,
      scrubS: null,
      theme: 'light',
      showFlow: true,
      tab: 'lab',

      async init(presetId = DEFAULT_PRESET, opening) {
        try {
          set({ presets: await runner.presets() });
        } catch (error) {
          set({ notice: { tone: 'error', text: messageOf(error) } });
        }
        if (opening !== undefined) {
          if (await get().openScenario(opening.scenario, { presetId: opening.presetId, play: opening.play, ...(opening.atS !== undefined ? { atS: opening.atS } : {}) })) return;
          const refused = get().notice;
          await get().loadPreset(presetId);
          if (opening.play) get().play();
          if (refused !== null) set({ notice: refused });
          return;
        }
        await get().loadPreset(presetId);
        get().play();
      },
      async loadPreset(id) {
        const raw = await runner.preset(id).catch(() => null);
        if (raw === null) {
          set({ notice: { tone: 'error', text: `There is no preset "${id}".` } });
          return false;
        }
        set({ presetId: id, cursorS: null, scrubS: null });
        return begin(raw);
      },
      async openScenario(input, options = {}) {
        const wasPlaying = get().playing;
        set({ playing: false });
        while (stepping) await new Promise((r) => setTimeout(r, 5));
        const started = await begin(input, options.atS ?? 0, true);
        if (started) {
          set({ presetId: options.presetId ?? null, cursorS: null, scrubS: null });
          if (options.play ?? wasPlaying) get().play();
        } else if (wasPlaying) {
          get().play();
        }
        return started;
      },
      setTab(tab) {
        set({ tab });
      },
      play() {
        if (get().done || get().recorded === null) return;
        set({ playing: true });
        lastTickMs = null;
        schedule();
      },
      pause() {
        set({ playing: false });
      },
      async stepOnce() {
        const state = get();
        if (state.done || state.recorded === null) return;
        set({ playing: false });
        while (stepping) await new Promise((r) => setTimeout(r, 5));
        await stepTo({ toS: get().nowS + get().binS });
      },
      setSpeed(speed) {
        set({ speed });
        carryS = 0;
      },
      async reset() {
        const { base, playing } = get();
        if (base === null) return;
        set({ cursorS: null, scrubS: null });
        if ((await begin({ ...base, actions: base.actions })) && playing) get().play();
      },
      async setSeed(seed) {
        const { base, playing } = get();
        if (base === null) return;
        if (await begin({ ...base, seed })) {
          set({ base: { ...base, seed } });
          if (playing) get().play();
        }
      },
      async setDuration(durationS) {
        const { base, playing } = get();
        if (base === null) return;
        if (await begin({ ...base, duration: durationS })) {
          set({ base: get().recorded });
          if (playing) get().play();
        }
      },
      change(patch) {
        set({ draft: { ...get().draft, ...patch } });
        pendingPatch = { ...(pendingPatch ?? {}), ...patch };
        if (!get().playing || get().done) void flushPatch();
      },
      async injectNow(trigger) {
        const id = session;
        while (stepping) await new Promise((r) => setTimeout(r, 5));
        try {
          await flushPatch();
          const info = await runner.inject(trigger);
          if (id === session) applyInfo(info, false);
        } catch (error) {
          if (id === session && !isWorkerError(error)) set({ notice: { tone: 'error', text: messageOf(error) } });
        }
      },
      async schedule(trigger) {
        const { recorded, nowS, playing } = get();
        if (recorded === null) return;
        if (trigger.at < nowS) {
          set({ notice: { tone: 'error', text: `The trigger's start (${trigger.at} s) has passed; use “Inject now” or a later time (from ${nowS} s).` } });
          return;
        }
        const wasPlaying = playing;
        set({ playing: false });
        while (stepping) await new Promise((r) => setTimeout(r, 5));
        const base = get().base;
        if (await begin({ ...recorded, triggers: [...recorded.triggers, trigger] }, nowS)) {
          set({ base });
          if (wasPlaying) get().play();
        }
      },
      async unschedule(index) {
        const { recorded, nowS, playing } = get();
        const trigger = recorded?.triggers[index];
        if (recorded === null || trigger === undefined) return;
        if (trigger.at < nowS) {
          set({ notice: { tone: 'error', text: `That trigger started at ${trigger.at} s and is part of the run; reset to run without it.` } });
          return;
        }
        set({ playing: false });
        while (stepping) await new Promise((r) => setTimeout(r, 5));
        const base = get().base;
        const triggers = recorded.triggers.filter((_, i) => i !== index);
        if (await begin({ ...recorded, triggers }, nowS)) {
          // Reset keeps the removal when the trigger came with the scenario.
          set({ base: base === null ? null : { ...base, triggers: base.triggers.filter((t) => JSON.stringify(t) !== JSON.stringify(trigger)) } });
          if (playing) get().play();
        }
      },
      setCursor(timeS) {
        set({ cursorS: timeS });
      },
      setScrub(timeS) {
        set({ scrubS: timeS });
      },
      setTheme(theme) {
        set({ theme });
      },
      setShowFlow(show) {
        set({ showFlow: show });
      },
      dismissNotice() {
        set({ notice: null });
      },
      showNotice(notice) {
        set({ notice });
      },
      fetchResult() {
        return runner.result();
      },
      dispose() {
        set({ playing: false });
        cancelTick?.();
        cancelTick = null;
      },
    };
  });
  return store;
}
