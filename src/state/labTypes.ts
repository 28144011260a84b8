/** The lab's state and actions, by slice: the run, its playback, and the page's view of it. */
import type { ViewTab } from '../links/index';
import type { AssertionSpec, RunResult, Scenario, Summary, ViolationSpan } from '../sim/format';
import type { LiveState, PresetCard, TriggerSpec } from '../worker/index';
import type { FrameScheduler } from './playbackClock';
import type { SeriesBuffer } from './seriesBuffer';
import type { ServiceBuffer } from './serviceBuffer';
import type { ShardBuffer } from './shardBuffer';

export interface Notice {
  tone: 'info' | 'warning' | 'error';
  text: string;
}

/** Simulated seconds per real second; `Infinity` = unthrottled (as fast as the worker goes). */
export type Speed = number;
export const SPEEDS: readonly Speed[] = [1, 2, 5, 10, 20, 50, Infinity];
export const DEFAULT_SPEED: Speed = 10;
export const DEFAULT_PRESET = 'retry-storm';

/** A scenario to open at start instead of the default preset (a link's, or the autosaved one). */
export interface Opening {
  scenario: unknown;
  presetId: string | null;
  play: boolean;
  /** Open at this simulated time (the run replayed to it at once). */
  atS?: number;
}

/** The run: which scenario, how far it has got, and what it produced. */
export interface RunState {
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
  nowS: number;
  /** While a new run replays to a later time (a link's playhead, a trigger scheduled mid-run): that time. */
  replayToS: number | null;
  done: boolean;
  stopped: string | null;
  summary: Summary | null;
  live: LiveState | null;
  /** Where the scenario's assertions failed so far: stretches of consecutive bins, in order of their start. */
  violations: ViolationSpan[];
  /** The series; mutated in place, `version` changes when it does. */
  series: SeriesBuffer;
  /** Each backend's or shard's utilisation per bin (fan-out, partitions); mutated in place with `series`. */
  shardSeries: ShardBuffer;
  /** A graph run's per-service series (empty with one server); mutated in place with `series`. */
  serviceSeries: ServiceBuffer;
  /** Each priority class's offered, goodput, failed and rejected per bin (4 values a class); empty without classes. */
  classSeries: ShardBuffer;
  version: number;
  /** Frames received since the page opened. */
  frames: number;
  /** SHA-256 of JSON.stringify(series) once the run is done, computed by the worker: compare with the CLI's. */
  fingerprint: string | null;
  /** The worker's hash of the series its frames carry: what `pageFingerprint` should equal. */
  framesFingerprint: string | null;
  /** The same hash of the series this page received (short runs only): shows the frames lost nothing. */
  pageFingerprint: string | null;
}

export interface RunActions {
  /**
   * Load the preset list and start: `opening` when given and valid, else the preset `presetId`.
   * When the opening is refused, its message stays shown over the fallback run.
   */
  init: (presetId?: string, opening?: Opening) => Promise<void>;
  /** Start a preset; resolves to whether it started (an unknown id is refused with a notice). */
  loadPreset: (id: string) => Promise<boolean>;
  /**
   * Start any scenario (a link's, an imported file's, a phase-map cell's): validated by the worker,
   * which answers with a message naming the field when it is not valid (shown as a notice; the
   * current run is kept). Resolves to whether it started. `presetId` names the preset it came from;
   * `atS` replays it to that time at once (a link's playhead).
   */
  openScenario: (input: unknown, options?: { presetId?: string | null; play?: boolean; atS?: number }) => Promise<boolean>;
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
  /**
   * Replace the scenario's assertions (docs/scenario.md, "Assertions"): the run is replayed to now with them, and
   * reset keeps them. Resolves to whether the worker took them (an invalid one is refused with a notice).
   */
  setAssertions: (assertions: AssertionSpec[]) => Promise<boolean>;
  /** The run so far in the CLI's JSON shape (scenario, summary, every series), for the exports. */
  fetchResult: () => Promise<RunResult>;
}

/** Playback: whether and how fast the run advances. */
export interface PlaybackState {
  playing: boolean;
  speed: Speed;
}

export interface PlaybackActions {
  play: () => void;
  pause: () => void;
  /** Advance one bin while paused. */
  stepOnce: () => Promise<void>;
  setSpeed: (speed: Speed) => void;
  /** Stop the playback loop (tests, unmount). */
  dispose: () => void;
}

/** How the page shows the run: the view, the pointer, the theme, the message on show. */
export interface ViewState {
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
  /** In a graph run: the service whose charts are shown beside the user-level ones (by name), or null. */
  selectedService: string | null;
}

export interface ViewActions {
  setTab: (tab: ViewTab) => void;
  setCursor: (timeS: number | null) => void;
  setScrub: (timeS: number | null) => void;
  setTheme: (theme: 'light' | 'dark') => void;
  setShowFlow: (show: boolean) => void;
  /** Show a service's charts (null: none). */
  selectService: (name: string | null) => void;
  dismissNotice: () => void;
  /** Show a message (a link's notices, an import's error). */
  showNotice: (notice: Notice) => void;
}

export type LabState = RunState & PlaybackState & ViewState;
export type LabActions = RunActions & PlaybackActions & ViewActions;
export type Lab = LabState & LabActions;

export interface LabOptions {
  scheduler?: FrameScheduler;
  /** Wall-clock budget of one unthrottled step in the worker. */
  unthrottledBudgetMs?: number;
}
