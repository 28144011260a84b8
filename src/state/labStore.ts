/** The lab: the run (scenario, progress, results), its playback, and the page's view of it — one store of three slices. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SimRunner } from '../worker/index';
import { messageOf } from '../sim/format';
import { createLabRun, type LabRun } from './labRun';
import { DEFAULT_PRESET, DEFAULT_SPEED, type Lab, type LabOptions, type PlaybackActions, type PlaybackState, type RunActions, type RunState, type ViewActions, type ViewState } from './labTypes';
import { createPlaybackClock, type PlaybackClock } from './playbackClock';
import { SeriesBuffer } from './seriesBuffer';
import { ServiceBuffer } from './serviceBuffer';
import { ShardBuffer } from './shardBuffer';

export { DEFAULT_PRESET, DEFAULT_SPEED, SPEEDS } from './labTypes';
export type { Lab, LabActions, LabOptions, LabState, Notice, Opening, Speed } from './labTypes';
export type LabStore = StoreApi<Lab>;

type Set = (patch: Partial<Lab>) => void;
type Get = () => Lab;

function runSlice(set: Set, get: Get, runner: SimRunner, run: LabRun): RunState & RunActions {
  /** Start `input` from t = 0 as the new base; play afterwards when `play` (keeps playing by default). */
  async function restart(input: unknown, play: boolean): Promise<boolean> {
    const started = await run.begin(input);
    if (started && play) get().play();
    return started;
  }

  /** Replay the recorded scenario with `triggers` to now, keeping the base. */
  async function replayWith(triggers: readonly unknown[]): Promise<boolean> {
    const { recorded, nowS, playing } = get();
    if (recorded === null) return false;
    const started = await run.begin({ ...recorded, triggers }, nowS, false);
    if (started && playing) get().play();
    return started;
  }

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
    nowS: 0,
    replayToS: null,
    done: false,
    stopped: null,
    summary: null,
    live: null,
    violations: [],
    series: new SeriesBuffer(),
    shardSeries: new ShardBuffer(),
    serviceSeries: new ServiceBuffer(),
    classSeries: new ShardBuffer(),
    version: 0,
    frames: 0,
    fingerprint: null,
    framesFingerprint: null,
    pageFingerprint: null,

    async init(presetId = DEFAULT_PRESET, opening) {
      try {
        set({ presets: await runner.presets() });
      } catch (error) {
        set({ notice: { tone: 'error', text: messageOf(error) } });
      }
      if (opening !== undefined) {
        const options = { presetId: opening.presetId, play: opening.play, ...(opening.atS !== undefined ? { atS: opening.atS } : {}) };
        if (await get().openScenario(opening.scenario, options)) return;
        const refused = get().notice;
        await get().loadPreset(presetId);
        if (opening.play) get().play();
        if (refused !== null) set({ notice: refused });
        return;
      }
      if (await get().loadPreset(presetId)) get().play();
    },
    async loadPreset(id) {
      const raw = await runner.preset(id).catch(() => null);
      if (raw === null) {
        set({ notice: { tone: 'error', text: `There is no preset "${id}".` } });
        return false;
      }
      set({ presetId: id, cursorS: null, scrubS: null });
      return run.begin(raw);
    },
    async openScenario(input, options = {}) {
      const wasPlaying = get().playing;
      const started = await run.begin(input, options.atS ?? 0, true);
      if (started) {
        set({ presetId: options.presetId ?? null, cursorS: null, scrubS: null });
        if (options.play ?? wasPlaying) get().play();
        else get().pause();
      }
      return started;
    },
    async reset() {
      const { base, playing } = get();
      if (base === null) return;
      set({ cursorS: null, scrubS: null });
      await restart({ ...base }, playing);
    },
    async setSeed(seed) {
      const { base, playing } = get();
      if (base === null) return;
      if (await restart({ ...base, seed }, playing)) set({ base: { ...base, seed } });
    },
    async setDuration(durationS) {
      const { base, playing } = get();
      if (base === null) return;
      if (await restart({ ...base, duration: durationS }, playing)) set({ base: get().recorded });
    },
    change(patch) {
      set({ draft: { ...get().draft, ...patch } });
      run.change(patch, !get().playing || get().done);
    },
    injectNow(trigger) {
      return run.inject(trigger);
    },
    async schedule(trigger) {
      const { recorded, nowS } = get();
      if (recorded === null) return;
      if (trigger.at < nowS) {
        set({ notice: { tone: 'error', text: `The trigger's start (${trigger.at} s) has passed; use “Inject now” or a later time (from ${nowS} s).` } });
        return;
      }
      await replayWith([...recorded.triggers, trigger]);
    },
    async unschedule(index) {
      const { recorded, nowS } = get();
      const trigger = recorded?.triggers[index];
      if (recorded === null || trigger === undefined) return;
      if (trigger.at < nowS) {
        set({ notice: { tone: 'error', text: `That trigger started at ${trigger.at} s and is part of the run; reset to run without it.` } });
        return;
      }
      const base = get().base;
      if (await replayWith(recorded.triggers.filter((_, i) => i !== index))) {
        // Reset keeps the removal when the trigger came with the scenario.
        const same = JSON.stringify(trigger);
        set({ base: base === null ? null : { ...base, triggers: base.triggers.filter((t) => JSON.stringify(t) !== same) } });
      }
    },
    async setAssertions(assertions) {
      const { recorded, nowS, playing, base } = get();
      if (recorded === null) return false;
      const started = await run.begin({ ...recorded, assertions }, nowS, false);
      if (started) {
        set({ base: base === null ? null : { ...base, assertions } });
        if (playing) get().play();
      }
      return started;
    },
    fetchResult() {
      return run.result();
    },
  };
}

function playbackSlice(set: Set, get: Get, run: LabRun, clock: () => PlaybackClock): PlaybackState & PlaybackActions {
  return {
    playing: false,
    speed: DEFAULT_SPEED,
    play() {
      if (get().done || get().recorded === null) return;
      set({ playing: true });
      clock().start();
    },
    pause() {
      set({ playing: false });
      clock().stop();
    },
    async stepOnce() {
      if (get().done || get().recorded === null) return;
      get().pause();
      await run.advance({ bins: 1 });
    },
    setSpeed(speed) {
      set({ speed });
      clock().resetCarry();
    },
    dispose() {
      get().pause();
    },
  };
}

function viewSlice(set: Set): ViewState & ViewActions {
  return {
    notice: null,
    cursorS: null,
    scrubS: null,
    theme: 'light',
    showFlow: true,
    tab: 'lab',
    selectedService: null,
    setTab: (tab) => set({ tab }),
    setCursor: (timeS) => set({ cursorS: timeS }),
    setScrub: (timeS) => set({ scrubS: timeS }),
    setTheme: (theme) => set({ theme }),
    setShowFlow: (show) => set({ showFlow: show }),
    selectService: (name) => set({ selectedService: name }),
    dismissNotice: () => set({ notice: null }),
    showNotice: (notice) => set({ notice }),
  };
}

/** Create the lab store over a runner (the worker bridge, or an in-process session in tests). */
export function createLabStore(runner: SimRunner, options: LabOptions = {}): LabStore {
  return createStore<Lab>()((set, get) => {
    let clock: PlaybackClock | null = null;
    const run = createLabRun(runner, set, get, {
      budgetMs: options.unthrottledBudgetMs ?? 12,
      onNewRun: () => clock?.resetCarry(),
      // The run the worker failed on twice is closed: the default preset replaces it (in the autosave too).
      onAbandoned: (message) => {
        const notice = { tone: 'error' as const, text: `${message} The default preset was opened instead.` };
        set({ notice, presetId: null });
        void get()
          .loadPreset(DEFAULT_PRESET)
          .then(() => set({ notice }));
      },
    });
    clock = createPlaybackClock({
      ...(options.scheduler !== undefined ? { scheduler: options.scheduler } : {}),
      running: () => get().playing && !get().done && get().recorded !== null,
      speed: () => get().speed,
      binS: () => get().binS,
      wantsFrame: () => run.hasPendingChange(),
      advance: (advance) => run.advance(advance),
    });
    const theClock = clock;
    return {
      ...runSlice(set, get, runner, run),
      ...playbackSlice(set, get, run, () => theClock),
      ...viewSlice(set),
    };
  });
}
