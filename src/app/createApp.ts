/**
 * The composition root: the one place that creates the page's workers (through their clients) and its stores, and
 * holds the commands that span several stores, so components call a command instead of reaching into two stores.
 * Every worker starts lazily: creating the app starts none.
 */
import {
  createCompareStore,
  createFanoutStudyStore,
  createLabStore,
  createPhaseStore,
  createTradeoffsStore,
  type CompareStore,
  type CureId,
  type FanoutStudyStore,
  type LabOptions,
  type LabStore,
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
  tradeoffs: TradeoffsStore;
}

/** What a user does that touches more than one store. */
export interface AppCommands {
  /** Run the phase map over the lab's scenario; the lab pauses meanwhile. False when the axes do not fit (problems shown). */
  runPhaseMap(): boolean;
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
  let pool: SweepPool | null = injected.pool ?? null;
  const sharedPool = (): SweepPool => (pool ??= own.pool = createSweepPool({ size: defaultPoolSize(cores) }));
  const phase = given.phase ?? createPhaseStore(sharedPool(), options.phase);
  const tradeoffs = given.tradeoffs ?? createTradeoffsStore(sharedPool());
  const study = given.study ?? createFanoutStudyStore(injected.study ?? (own.study = createStudyClient()));

  // A compare side whose worker was restarted goes on from its last good scenario (the store replays it to the
  // shared time); the view says what happened.
  const unsubscribe = (compareRunners ?? []).map((runner) =>
    runner.onRestart((event) => compare.setState({ message: event.message })),
  );

  const commands: AppCommands = {
    runPhaseMap() {
      const scenario = lab.getState().recorded;
      if (scenario === null) return false;
      // Two cores are shared by the lab and the pool: the lab waits while the map runs.
      if (!phase.getState().start(scenario)) return false;
      lab.getState().pause();
      return true;
    },
    async openCellInLab(index) {
      const raw = phase.getState().cellRaw(index);
      if (raw === null) return false;
      const ok = await lab.getState().openScenario(raw, { presetId: null, play: true });
      if (ok) lab.getState().setTab('lab');
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
    tradeoffs,
    commands,
    own,
    dispose() {
      for (const stop of unsubscribe) stop();
      lab.getState().dispose();
      compare.getState().dispose();
      phase.getState().dispose();
      tradeoffs.getState().dispose();
      study.getState().dispose();
      own.lab?.terminate();
      for (const bridge of own.compare ?? []) bridge.terminate();
    },
  };
}
