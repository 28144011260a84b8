import { describe, expect, it } from 'vitest';
import { formatFigure } from '../../src/sim/format';
import { createLabStore, createLessonStore, LESSON_PROGRESS_KEY, readProgress, type LabStore, type LessonStore } from '../../src/state/index';
import { inProcessRunner } from '../worker/inProcessRunner';
import { manualScheduler, until } from '../support/waiting';

async function playToEnd(store: LabStore, clock: ReturnType<typeof manualScheduler>) {
  let t = 0;
  while (!store.getState().done) {
    await until(() => clock.pending || store.getState().done);
    clock.tick((t += 16));
  }
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

async function setup(storage = memoryStorage()) {
  const clock = manualScheduler();
  const lab = createLabStore(inProcessRunner(), { scheduler: clock.scheduler });
  await lab.getState().init('mm1');
  lab.getState().pause();
  lab.getState().setSpeed(Infinity);
  const timers: (() => void)[] = [];
  const lesson: LessonStore = createLessonStore(lab, {
    storage: () => storage,
    setTimer: (fn) => {
      timers.push(fn);
      return () => undefined;
    },
  });
  return { clock, lab, lesson, storage, timers };
}

describe('lesson mode', () => {
  it('a prediction step opens paused; choosing plays the run, and its end reveals the answer from the run\'s figures', async () => {
    const { clock, lab, lesson } = await setup();
    expect(await lesson.getState().open('retry-storm', 1)).toBe(true);
    expect(lab.getState().presetId).toBe('retry-storm');
    expect(lab.getState().playing).toBe(false);
    lesson.getState().choose(0);
    expect(lab.getState().playing).toBe(true);
    await playToEnd(lab, clock);
    await until(() => lesson.getState().result !== null);
    const { result, revealed, choice } = lesson.getState();
    expect(choice).toBe(0);
    expect(revealed).toBe(true);
    expect(result!.verdict).toBe('metastable');
    expect(result!.right).toEqual([2]);
    expect(formatFigure(result!.figures['ampAfter']!, 'times')).toMatch(/^2\.0\d×$/);
  });

  it('a task is not reached as the step opens and is reached once the unlocked control is set; a locked control is refused', async () => {
    const { clock, lab, lesson, timers } = await setup();
    await lesson.getState().open('retry-storm', 3);
    await playToEnd(lab, clock);
    await until(() => lesson.getState().result !== null);
    expect(lesson.getState().result!.reached).toBe(false);
    timers.forEach((fire) => fire());
    expect(lesson.getState().hint).toBe(true);
    expect(await lesson.getState().setControl('server.concurrency', 60)).toBe(false);
    expect(await lesson.getState().setControl('load.rate', 140)).toBe(true);
    expect(lab.getState().recorded!.load.rate).toBe(140);
    await playToEnd(lab, clock);
    await until(() => lesson.getState().result !== null);
    expect(lesson.getState().result!.reached).toBe(true);
  });

  it('Back and Next move through the steps and progress is saved; unreadable storage costs nothing', async () => {
    const { lesson, storage } = await setup();
    await lesson.getState().open('goodput', 0);
    expect(await lesson.getState().next()).toBe(true);
    expect(lesson.getState().step).toBe(1);
    expect(JSON.parse(storage.data.get(LESSON_PROGRESS_KEY)!)).toEqual({ goodput: 1 });
    expect(await lesson.getState().next()).toBe(true);
    expect(await lesson.getState().next()).toBe(false);
    expect(await lesson.getState().back()).toBe(true);
    expect(lesson.getState().step).toBe(1);
    expect(await lesson.getState().open('no-such-lesson')).toBe(false);
    const throwing = () => {
      throw new Error('SecurityError');
    };
    expect(readProgress(throwing)).toEqual({});
    expect(readProgress(() => memoryStorage({ [LESSON_PROGRESS_KEY]: '{"goodput": 99, "x": 1, "__proto__": 1, "retry-storm": 2}' }))).toEqual({ 'retry-storm': 2 });
    expect(readProgress(() => memoryStorage({ [LESSON_PROGRESS_KEY]: '['.repeat(100_000) }))).toEqual({});
  });

  it('opening another preset leaves the lesson; the lesson\'s own steps and a changed seed do not', async () => {
    const { lab, lesson } = await setup();
    await lesson.getState().open('retry-storm', 0);
    await lesson.getState().next();
    await lab.getState().setSeed(5);
    expect(lesson.getState()).toMatchObject({ lessonId: 'retry-storm', step: 1 });
    await lab.getState().loadPreset('mm1');
    expect(lesson.getState().lessonId).toBeNull();
  });
});
