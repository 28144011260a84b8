/**
 * The composition root: the one place that creates the page's workers (through their clients) and its stores, and
 * holds the commands that span several stores, so components call a command instead of reaching into two stores.
 * Every worker starts lazily: creating the app starts none.
 */
import {
  createCompareStore,
  createEnsembleStore,
  createFanoutStudyStore,
  createLabStore,
  createLessonStore,
  createPhaseStore,
  createTradeoffsStore,
  type CompareStore,
  type CureId,
  type EnsembleStore,
  type FanoutStudyStore,
  type LabOptions,
  type LabStore,
  type LessonOptions,
  type LessonStore,
  type PhaseOptions,
  type PhaseStore,
  type StudyWorker,
  type TradeoffsStore,
} from '../state/index';
import { createSimBridge, createStudyClient, createSweepPool, defaultPoolSize, type SimBridge, type SimRunner, type StudyClient, type SweepPool } from '../worker/index';

/** The workers behind the stores, as the stores use them. */
export interface AppWorkers {
  lab: SimRunner;
  /** The compare view's two sides, each on a worker of its own. */
  compare: readonly [SimRunner, SimRunner];
  /** The pool the phase map and the tradeoffs view share (one runs at a time: starting one cancels the other). */
  pool: SweepPool;
  /** The fan-out study beside the lab. */
  study: StudyWorker;
}

export interface AppStores {
  lab: LabStore;
  compare: CompareStore;
  phase: PhaseStore;
  study: FanoutStudyStore;
  /** The lab's seed ensemble, on the phase map's pool (one run at a time: starting one stops the other). */
  ensemble: EnsembleStore;
  /** Lesson mode beside the lab. */
  lesson: LessonStore;
  /** The tradeoffs view: every cure's benefit and costs, on the shared pool. */
  tradeoffs: TradeoffsStore;
}

/** What a user does that touches more than one store. */
export interface AppCommands {
  /** Run the lab's scenario, live actions included, on the ensemble's seeds; the lab pauses meanwhile. */
  runEnsemble(): boolean;
  /** Run the phase map over the lab's scenario; the lab pauses meanwhile. False when the axes do not fit (problems shown). */
  runPhaseMap(): boolean;
  /**
   * A cell of a probability map in the compare view: a seed that stayed stuck beside one that did not (recovered if
   * any did); a cell whose seeds all agree opens its first seed in the lab instead.
   */
  openCellSeeds(index: number): Promise<boolean>;
  /** Open a cell of the phase map as a run of its own in the lab, and switch to the lab. */
  openCellInLab(index: number): Promise<boolean>;
  /** Compare as chosen, the lab's scenario standing for "the lab's"; the lab pauses and both sides play. */
  startComparison(): Promise<boolean>;
  /** Play both sides of the comparison; the lab pauses, so the two views do not share the cores. */
  playComparison(): void;
  /** Run the tradeoffs of the lab's scenario as recorded; the lab pauses meanwhile. False when it cannot be planned. */
  runTradeoffs(): boolean;
  /** Open a configuration of the tradeoffs view (on its first seed) in the lab, and switch to the lab. */
  openConfigInLab(id: string): Promise<boolean>;
  /** The lab's scenario against itself with one cure (or two): what the cure buys and what it costs, in the compare view. */
  openTradeoff(cure: CureId, also?: CureId): Promise<boolean>;
}

/** What the components are given: the stores to read and the commands to call. */
export interface AppServices extends AppStores {
  commands: AppCommands;
}

export interface LabApp extends AppServices {
  own: OwnWorkers;
  /** Stop every store's loop and every worker the app made. */
  dispose(): void;
}

export interface AppOptions {
  /** The workers to use instead of the page's own (in-process fakes in tests). */
  workers?: Partial<AppWorkers>;
  /** Stores made elsewhere (by a test) to use as they are; the workers they would have used are not made. */
  stores?: Partial<AppStores>;
  lab?: LabOptions;
  compare?: Parameters<typeof createCompareStore>[1];
  phase?: PhaseOptions;
  lesson?: LessonOptions;
}

/** The workers the app made itself (null where a test gave its own, or a given store needs none): for the fault hook. */
export interface OwnWorkers {
  lab: SimBridge | null;
  compare: readonly [SimBridge, SimBridge] | null;
  pool: SweepPool | null;
  study: StudyClient | null;
}

/** Create the page: workers (started on first use), stores and the commands over them. */
export function createApp(options: AppOptions = {}): LabApp {
  const given = options.stores ?? {};
  const injected = options.workers ?? {};
  const own: OwnWorkers = { lab: null, compare: null, pool: null, study: null };

  const lab = given.lab ?? createLabStore(injected.lab ?? (own.lab = createSimBridge()), options.lab);
  let compareRunners: readonly [SimRunner, SimRunner] | null = null;
  const compare = given.compare ?? createCompareStore((compareRunners = injected.compare ?? (own.compare = [createSimBridge(), createSimBridge()])), options.compare);
  const cores = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
  // Made only when a store needs it; it starts no worker until its first run.
  let pool: SweepPool | null = injected.pool ?? null;
  const sharedPool = (): SweepPool => (pool ??= own.pool = createSweepPool({ size: defaultPoolSize(cores) }));
  const phase = given.phase ?? createPhaseStore(sharedPool(), options.phase);
  const ensemble = given.ensemble ?? createEnsembleStore(sharedPool());
  const tradeoffs = given.tradeoffs ?? createTradeoffsStore(sharedPool());
  const study = given.study ?? createFanoutStudyStore(injected.study ?? (own.study = createStudyClient()));
  const lessonStorage = typeof window === 'undefined' ? () => null : () => window.localStorage;
  const lesson = given.lesson ?? createLessonStore(lab, { storage: lessonStorage, ...options.lesson });

  // A compare side whose worker was restarted goes on from its last good scenario (the store replays it to the
  // shared time); the view says what happened. One that could not be restarted (or was given up after failing
  // twice) holds no run: the comparison stops there, instead of stepping a worker with nothing to step.
  const unsubscribe = (compareRunners ?? []).map((runner) =>
    runner.onRestart((event) => compare.setState({ message: event.message, ...(event.info === null ? { status: 'failed' as const, playing: false } : {}) })),
  );

  const commands: AppCommands = {
    runEnsemble() {
      const scenario = lab.getState().recorded;
      if (scenario === null) return false;
      ensemble.getState().start(scenario);
      lab.getState().pause();
      return true;
    },
    runPhaseMap() {
      const scenario = lab.getState().recorded;
      if (scenario === null) return false;
      // Two cores are shared by the lab and the pool: the lab waits while the map runs.
      if (!phase.getState().start(scenario)) return false;
      lab.getState().pause();
      return true;
    },
    async openCellInLab(index) {
      const state = phase.getState();
      // A probability map's cell opens its first seed, the run its colour began with.
      const raw = state.map?.probability != null ? state.seedRaw(index, 0) : state.cellRaw(index);
      if (raw === null) return false;
      const ok = await lab.getState().openScenario(raw, { presetId: null, play: true });
      if (ok) lab.getState().setTab('lab');
      return ok;
    },
    async openCellSeeds(index) {
      const state = phase.getState();
      const runs = state.map?.probability?.runs[index] ?? [];
      const stuck = runs.findIndex((r) => r !== undefined && r.verdict === 'metastable');
      const recovered = runs.findIndex((r) => r !== undefined && r.verdict === 'recovered');
      const other = recovered >= 0 ? recovered : runs.findIndex((r) => r !== undefined && r.verdict !== 'metastable');
      if (stuck < 0 || other < 0) return commands.openCellInLab(index);
      lab.getState().pause();
      lab.getState().setTab('compare');
      const s = runs[stuck]!;
      const o = runs[other]!;
      const ok = await compare.getState().startPair(state.seedRaw(index, stuck), state.seedRaw(index, other), [`Seed ${s.seed}: stays stuck`, `Seed ${o.seed}: ${o.verdict}`]);
      if (ok) commands.playComparison();
      return ok;
    },
    async startComparison() {
      lab.getState().pause();
      const ok = await compare.getState().start(lab.getState().recorded);
      if (ok) commands.playComparison();
      return ok;
    },
    playComparison() {
      lab.getState().pause();
      compare.getState().play();
    },
    runTradeoffs() {
      const scenario = lab.getState().recorded;
      if (scenario === null) return false;
      if (!tradeoffs.getState().start(scenario)) return false;
      lab.getState().pause();
      return true;
    },
    async openConfigInLab(id) {
      const raw = tradeoffs.getState().configRaw(id);
      if (raw === null) return false;
      const ok = await lab.getState().openScenario(raw, { presetId: null, play: true });
      if (ok) lab.getState().setTab('lab');
      return ok;
    },
    openTradeoff(cure, also) {
      compare.getState().choose({ leftSource: { kind: 'lab' }, rightSource: { kind: 'lab' }, rightChange: cure, rightAlso: also ?? null });
      lab.getState().setTab('compare');
      return commands.startComparison();
    },
  };

  return {
    lab,
    compare,
    phase,
    study,
    ensemble,
    lesson,
    tradeoffs,
    commands,
    own,
    dispose() {
      for (const stop of unsubscribe) stop();
      lab.getState().dispose();
      compare.getState().dispose();
      phase.getState().dispose();
      ensemble.getState().dispose();
      tradeoffs.getState().dispose();
      study.getState().dispose();
      lesson.getState().dispose();
      own.lab?.terminate();
      for (const bridge of own.compare ?? []) bridge.terminate();
    },
  };
}
