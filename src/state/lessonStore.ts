/**
 * Lesson mode: which lesson and step the page shows beside the lab, the learner's prediction, the
 * run's figures once it has ended, and whether a step's task is reached. Each step opens its own
 * scenario in the lab; a step with a prediction opens paused and plays once the learner has chosen.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { findLesson, rightAnswers, ruleHolds, stepFigures, stepRawScenario, type Figures, type Lesson, type LessonStep } from '../sim/format';
import type { LabStore } from './labStore';
import { readProgress, saveProgress, type Progress, type ProgressStorage } from './lessonProgress';

/** What the step's run came to, read from the lab's result once it ended. */
export interface StepResult {
  verdict: string;
  figures: Figures;
  /** The answers whose rule the run satisfies (one, for a sound lesson). */
  right: number[];
  /** Whether the step's task is reached by this run; null without a task. */
  reached: boolean | null;
}

export interface LessonState {
  lessonId: string | null;
  /** 0-based. */
  step: number;
  choice: number | null;
  result: StepResult | null;
  /** The task's hint shows (after the step's `hintAfter` seconds without reaching it). */
  hint: boolean;
  /** Presenter mode: answers stay hidden until the trainer reveals them. */
  holdAnswers: boolean;
  revealed: boolean;
  progress: Progress;
  /** The learner's values for the step's unlocked controls, by path: the step's run starts over with them. */
  settings: Record<string, unknown>;
}

export interface LessonActions {
  /** Open a lesson at a step (0-based), running that step's scenario. False for an unknown lesson or step. */
  open: (id: string, step?: number) => Promise<boolean>;
  /** Show a step whose scenario the lab already runs (a link opened it). */
  attach: (id: string, step: number) => void;
  next: () => Promise<boolean>;
  back: () => Promise<boolean>;
  close: () => void;
  /** The learner's prediction: recorded, then the run plays to reveal the answer. */
  choose: (answer: number) => void;
  /** Set an unlocked control and run the step again from t = 0 with it. False for a control the step keeps locked. */
  setControl: (path: string, value: unknown) => Promise<boolean>;
  setHoldAnswers: (hold: boolean) => void;
  reveal: () => void;
  dispose: () => void;
}

export type LessonMode = LessonState & LessonActions;
export type LessonStore = StoreApi<LessonMode>;

export interface LessonOptions {
  storage?: ProgressStorage;
  /** Timers for the task hint (tests use fakes). */
  setTimer?: (fn: () => void, ms: number) => () => void;
  /** Told of every prediction a learner makes (the embed reports it to an allowed parent). */
  onChoice?: (event: { lesson: string; step: number; answer: number; text: string }) => void;
}

/** The lesson and step a state shows, or null. */
export function currentStep(s: Pick<LessonState, 'lessonId' | 'step'>): { lesson: Lesson; step: LessonStep } | null {
  const lesson = s.lessonId === null ? undefined : findLesson(s.lessonId);
  const step = lesson?.steps[s.step];
  return lesson === undefined || step === undefined ? null : { lesson, step };
}

function plainPreset(step: LessonStep): string | null {
  const s = step.scenario;
  return s.set === undefined && s.triggers === undefined && s.actions === undefined && s.duration === undefined ? s.preset : null;
}

export function createLessonStore(lab: LabStore, options: LessonOptions = {}): LessonStore {
  const storage: ProgressStorage = options.storage ?? (() => null);
  const setTimer = options.setTimer ?? ((fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  });
  let cancelHint: (() => void) | null = null;
  /** Bumped when the step changes: a result fetched for an older step is dropped. */
  let generation = 0;

  const store = createStore<LessonMode>()((set, get) => {
    function armHint(step: LessonStep): void {
      cancelHint?.();
      cancelHint = null;
      if (step.task === undefined) return;
      cancelHint = setTimer(() => {
        if (get().result?.reached !== true) set({ hint: true });
      }, step.task.hintAfter * 1000);
    }

    function show(id: string, step: number): { lesson: Lesson; step: LessonStep } | null {
      const found = currentStep({ lessonId: id, step });
      if (found === null) return null;
      generation++;
      set({ lessonId: id, step, choice: null, result: null, hint: false, revealed: false, settings: {} });
      saveProgress(storage, id, step);
      set({ progress: readProgress(storage) });
      armHint(found.step);
      return found;
    }

    async function open(id: string, step = 0): Promise<boolean> {
      const found = show(id, step);
      if (found === null) return false;
      const s = found.step;
      const ok = await lab.getState().openScenario(stepRawScenario(s.scenario), { presetId: plainPreset(s), play: s.prediction === undefined });
      if (ok && lab.getState().tab !== 'lab') lab.getState().setTab('lab');
      return ok;
    }

    return {
      lessonId: null,
      step: 0,
      choice: null,
      result: null,
      hint: false,
      holdAnswers: false,
      revealed: false,
      progress: readProgress(storage),
      settings: {},
      open,
      attach(id, step) {
        show(id, step);
      },
      async setControl(path, value) {
        const found = currentStep(get());
        if (found === null || !found.step.show.controls.includes(path)) return false;
        generation++;
        const settings = { ...get().settings, [path]: value };
        set({ settings, result: null });
        return lab.getState().openScenario(stepRawScenario(found.step.scenario, undefined, settings), { presetId: null, play: true });
      },
      next: () => {
        const s = get();
        const found = currentStep(s);
        if (found === null || s.step + 1 >= found.lesson.steps.length) return Promise.resolve(false);
        return open(found.lesson.id, s.step + 1);
      },
      back: () => {
        const s = get();
        if (s.lessonId === null || s.step === 0) return Promise.resolve(false);
        return open(s.lessonId, s.step - 1);
      },
      close() {
        generation++;
        cancelHint?.();
        cancelHint = null;
        set({ lessonId: null, step: 0, choice: null, result: null, hint: false, revealed: false, settings: {} });
      },
      choose(answer) {
        const s = get();
        const found = currentStep(s);
        const text = found?.step.prediction?.answers[answer]?.text;
        if (found === null || text === undefined || s.choice !== null) return;
        set({ choice: answer, revealed: !s.holdAnswers && s.result !== null });
        options.onChoice?.({ lesson: found.lesson.id, step: s.step + 1, answer, text });
        if (s.result === null) lab.getState().play();
      },
      setHoldAnswers: (holdAnswers) => set({ holdAnswers }),
      reveal: () => set({ revealed: true }),
      dispose() {
        cancelHint?.();
        unsubscribe();
      },
    };
  });

  /** When the lab's run ends, read its result and judge the step's figures, answers and task. */
  async function judge(): Promise<void> {
    const found = currentStep(store.getState());
    if (found === null) return;
    const mine = generation;
    const r = await lab.getState().fetchResult();
    if (mine !== generation) return;
    const figures = stepFigures(found.step, { summary: r.summary, series: r.series, durationS: r.scenario.duration });
    const verdict = r.summary.verdict;
    const task = found.step.task;
    const reached = task === undefined ? null : ruleHolds(task.rule, verdict, figures);
    const s = store.getState();
    store.setState({
      result: { verdict, figures, right: rightAnswers(found.step, verdict, figures), reached },
      revealed: s.revealed || (s.choice !== null && !s.holdAnswers),
      hint: s.hint && reached !== true,
    });
  }

  const unsubscribe = lab.subscribe((state, prev) => {
    const found = currentStep(store.getState());
    if (found === null) return;
    // The learner opened another preset (the scenario menu, a shortcut): the lesson step no longer describes the run.
    if (state.presetId !== prev.presetId && state.presetId !== null && state.presetId !== found.step.scenario.preset) {
      store.getState().close();
      return;
    }
    if (state.recorded !== prev.recorded && store.getState().result !== null) store.setState({ result: null });
    if (state.done && !prev.done) void judge().catch(() => undefined);
  });

  return store;
}
