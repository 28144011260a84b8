/**
 * The compare view: two configurations on one seed (the same traffic), each in its own simulation session, stepped to
 * the same simulated time on every tick so they stay in lock step.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { messageOf, setPath, type Scenario, type Summary } from '../sim/format';
import type { Frame, SessionInfo, SimRunner } from '../worker/index';
import { findCure, type CureId } from './compareCures';
import { createOpQueue } from './opQueue';
import { createPlaybackClock, type FrameScheduler } from './playbackClock';
import { SeriesBuffer } from './seriesBuffer';

/** Where a side's scenario comes from: the lab's current scenario, or a preset by id. */
export type CompareSource = { kind: 'lab' } | { kind: 'preset'; id: string };

export interface CompareSideState {
  /** What the side runs, in words: "Retry storm + retry budget". */
  title: string;
  recorded: Scenario | null;
  series: SeriesBuffer;
  summary: Summary | null;
  nowS: number;
  done: boolean;
  binS: number;
  durationS: number;
}

/** Simulated seconds per real second. */
export const COMPARE_SPEEDS: readonly number[] = [1, 2, 5, 10, 20, 50, 100];

export interface CompareState {
  leftSource: CompareSource;
  rightSource: CompareSource;
  rightChange: CureId;
  /** A second cure applied with the first (a pair from the tradeoffs view); null for one change. */
  rightAlso: CureId | null;
  /** The seed both sides run with; null = the left scenario's own. */
  seed: number | null;
  status: 'idle' | 'starting' | 'ready' | 'failed';
  message: string | null;
  left: CompareSideState;
  right: CompareSideState;
  playing: boolean;
  speed: number;
  /** The common simulated time both sides were stepped to. */
  nowS: number;
  version: number;
}

export interface CompareActions {
  choose: (patch: Partial<Pick<CompareState, 'leftSource' | 'rightSource' | 'rightChange' | 'rightAlso' | 'seed'>>) => void;
  /** Start both sides from t = 0 with the current choices; `labScenario` stands for the lab's source. */
  start: (labScenario: Scenario | null) => Promise<boolean>;
  /** Start two given scenarios side by side, as they are (two seeds of a phase-map cell), with their titles. */
  startPair: (left: unknown, right: unknown, titles: [string, string]) => Promise<boolean>;
  /** Both sides from t = 0 again. */
  reset: () => Promise<void>;
  play: () => void;
  pause: () => void;
  setSpeed: (speed: number) => void;
  dispose: () => void;
}

export type Compare = CompareState & CompareActions;
export type CompareStore = StoreApi<Compare>;

function emptySide(title = ''): CompareSideState {
  return { title, recorded: null, series: new SeriesBuffer(), summary: null, nowS: 0, done: false, binS: 1, durationS: 0 };
}

const isWorkerError = (error: unknown) => error instanceof Error && error.name === 'SimWorkerError';

/** Create the compare store over two runners (two workers in the page, in-process sessions in tests). */
export function createCompareStore(runners: readonly [SimRunner, SimRunner], options: { scheduler?: FrameScheduler } = {}): CompareStore {
  const queue = createOpQueue();
  /** Bumped by every (re)start; operations asked for before it are dropped, answers for an older start ignored. */
  let generation = 0;
  let inputs: [unknown, unknown] | null = null;

  return createStore<Compare>()((set, get) => {
    function applyFrame(side: CompareSideState, frame: Frame): CompareSideState {
      side.series.write(frame.fromBin, frame.bins, frame.data);
      return { ...side, summary: frame.summary, nowS: frame.nowS, done: frame.done };
    }

    /**
     * Step one side to `toS` (rounded down to its whole bins): a step answers within a fraction of a second, however
     * long the bins, so a side may need several to get there. Every frame is kept, in order.
     */
    async function stepSide(runner: SimRunner, side: CompareSideState, toS: number): Promise<Frame[]> {
      const target = Math.min(side.durationS, Math.floor(toS / side.binS + 1e-9) * side.binS);
      const frames: Frame[] = [];
      for (let nowS = -1; ; ) {
        const frame = await runner.step({ toS });
        frames.push(frame);
        if (frame.done || frame.nowS >= target || frame.nowS <= nowS) return frames;
        nowS = frame.nowS;
      }
    }

    /** Step both sides to `toS` (inside an operation of generation `id`). */
    async function stepBoth(id: number, toS: number): Promise<void> {
      try {
        const sides = [get().left, get().right] as const;
        const [a, b] = await Promise.allSettled(runners.map((r, i) => stepSide(r, sides[i]!, toS)));
        if (id !== generation || a === undefined || b === undefined) return;
        const failed = [a, b].find((r) => r.status === 'rejected');
        // A side whose worker crashed or hung is restarted from t = 0 with its scenario, and the next step replays it
        // to the shared time; the other side keeps the frames it got, so neither loses bins.
        if (failed !== undefined && !isWorkerError(failed.reason)) throw failed.reason;
        const left = a.status === 'fulfilled' ? a.value.reduce(applyFrame, get().left) : get().left;
        const right = b.status === 'fulfilled' ? b.value.reduce(applyFrame, get().right) : get().right;
        const done = left.done && right.done;
        set({ left, right, nowS: toS, version: get().version + 1, ...(done ? { playing: false } : {}) });
      } catch (error) {
        if (id === generation) set({ status: 'failed', playing: false, message: messageOf(error) });
      }
    }

    /** Queue `op` for the current start; skipped when another start has replaced it before its turn. */
    function enqueue(op: (id: number) => Promise<boolean | void>): Promise<boolean | void> {
      const id = generation;
      return queue.run(() => (id === generation ? op(id) : Promise.resolve(false)));
    }

    const clock = createPlaybackClock({
      ...(options.scheduler !== undefined ? { scheduler: options.scheduler } : {}),
      running: () => get().playing && get().status === 'ready',
      speed: () => get().speed,
      binS: () => Math.max(get().left.binS, get().right.binS),
      advance: (advance) =>
        enqueue(async (id) => {
          const { left, right, nowS } = get();
          const bins = 'bins' in advance ? advance.bins : 1;
          const end = Math.max(left.durationS, right.durationS);
          await stepBoth(id, Math.min(end, nowS + bins * Math.max(left.binS, right.binS)));
        }),
    });

    async function resolve(source: CompareSource, labScenario: Scenario | null): Promise<{ raw: unknown; title: string }> {
      if (source.kind === 'lab') {
        if (labScenario === null) throw new Error('The lab has no scenario yet.');
        return { raw: { ...labScenario, actions: [] }, title: `${labScenario.name} (the lab’s scenario)` };
      }
      const raw = await runners[0].preset(source.id);
      if (raw === null) throw new Error(`There is no preset "${source.id}".`);
      const name = (raw as { name?: unknown }).name;
      return { raw, title: typeof name === 'string' ? name : source.id };
    }

    async function begin(pair: [unknown, unknown], titles: [string, string] | null): Promise<boolean> {
      generation++;
      clock.resetCarry();
      set({ status: 'starting', message: null, playing: false });
      const started = await enqueue(async (id) => {
        try {
          const infos: SessionInfo[] = await Promise.all(runners.map((r, i) => r.start(pair[i])));
          if (id !== generation) return false;
          const sides = infos.map((info, i) => {
            const prev = i === 0 ? get().left : get().right;
            prev.series.reset(info.seriesNames);
            return { ...emptySide(titles?.[i] ?? prev.title), series: prev.series, recorded: info.recorded, binS: info.binS, durationS: info.durationS };
          });
          inputs = pair;
          set({ left: sides[0]!, right: sides[1]!, nowS: 0, status: 'ready', version: get().version + 1 });
          await stepBoth(id, 0);
          return id === generation;
        } catch (error) {
          if (id === generation) set({ status: 'failed', message: messageOf(error) });
          return false;
        }
      });
      return started === true;
    }

    return {
      leftSource: { kind: 'lab' },
      rightSource: { kind: 'lab' },
      rightChange: 'retry-budget',
      rightAlso: null,
      seed: null,
      status: 'idle',
      message: null,
      left: emptySide(),
      right: emptySide(),
      playing: false,
      speed: 10,
      nowS: 0,
      version: 0,

      choose(patch) {
        set(patch);
      },
      async start(labScenario) {
        const { leftSource, rightSource, rightChange, rightAlso, seed } = get();
        let left: { raw: unknown; title: string };
        let right: { raw: unknown; title: string };
        try {
          [left, right] = await Promise.all([resolve(leftSource, labScenario), resolve(rightSource, labScenario)]);
        } catch (error) {
          set({ status: 'failed', message: messageOf(error) });
          return false;
        }
        const cures = [findCure(rightChange), ...(rightAlso !== null && rightAlso !== rightChange ? [findCure(rightAlso)] : [])];
        // The cure's values depend on the right side's scenario as it stands (a bounded queue sized from its timeout).
        const rightParsed = rightSource.kind === 'lab' && labScenario !== null ? labScenario : await runners[1].start(right.raw).then((i) => i.recorded);
        let rightRaw = right.raw;
        for (const cure of cures) for (const [path, value] of Object.entries(cure.patch(rightParsed))) rightRaw = setPath(rightRaw, path, value);
        // One seed for both: the same arrivals, service times and jitter draws on each side.
        const leftSeed = seed ?? (left.raw as { seed?: unknown }).seed ?? 1;
        const pair: [unknown, unknown] = [setPath(left.raw, 'seed', leftSeed), setPath(rightRaw, 'seed', leftSeed)];
        const changed = cures.filter((c) => c.id !== 'none');
        const rightTitle = changed.length === 0 ? right.title : `${right.title} + ${changed.map((c) => c.label).join(' + ')}`;
        return begin(pair, [left.title, rightTitle]);
      },
      startPair(left, right, titles) {
        return begin([left, right], titles);
      },
      async reset() {
        if (inputs === null) return;
        const wasPlaying = get().playing;
        if (await begin(inputs, null)) if (wasPlaying) get().play();
      },
      play() {
        const { status, left, right } = get();
        if (status !== 'ready' || (left.done && right.done)) return;
        set({ playing: true });
        clock.start();
      },
      pause() {
        set({ playing: false });
        clock.stop();
      },
      setSpeed(speed) {
        set({ speed });
        clock.resetCarry();
      },
      dispose() {
        generation++;
        get().pause();
      },
    };
  });
}
