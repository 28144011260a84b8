import { describe, expect, it } from 'vitest';
import { createLabStore, createLessonStore } from '../../../src/state/index';
import { readCommand, runCommand, startPredictionReports } from '../../../src/ui/embed/messageApi';
import { inProcessRunner } from '../../worker/inProcessRunner';
import { manualScheduler } from '../../support/waiting';

async function setup() {
  const lab = createLabStore(inProcessRunner(), { scheduler: manualScheduler().scheduler });
  await lab.getState().init('mm1');
  lab.getState().pause();
  return { lab, lessons: createLessonStore(lab) };
}

describe('the message API in lesson mode', () => {
  it('reads lesson-step of the exact shape only', () => {
    expect(readCommand({ type: 'metastability-lab:lesson-step', lesson: 'retry-storm', step: 2 }).ok).toBe(true);
    for (const bad of [
      { type: 'metastability-lab:lesson-step', lesson: 'retry-storm' },
      { type: 'metastability-lab:lesson-step', lesson: 'retry-storm', step: 0 },
      { type: 'metastability-lab:lesson-step', lesson: 'retry-storm', step: 1.5 },
      { type: 'metastability-lab:lesson-step', lesson: '<b>x</b>', step: 1 },
      { type: 'metastability-lab:lesson-step', lesson: 'retry-storm', step: 1, extra: true },
    ]) {
      expect(readCommand(bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('lesson-step opens the step; an unknown lesson or a step past the end is refused naming the field', async () => {
    const { lab, lessons } = await setup();
    await runCommand(lab, { type: 'metastability-lab:lesson-step', lesson: 'retry-storm', step: 3 }, lessons);
    expect(lessons.getState()).toMatchObject({ lessonId: 'retry-storm', step: 2 });
    expect(lab.getState().presetId).toBe('retry-storm-no-retries');
    await expect(runCommand(lab, { type: 'metastability-lab:lesson-step', lesson: 'nope', step: 1 }, lessons)).rejects.toThrow(/^lesson: got "nope", expected one of "retry-storm"/);
    await expect(runCommand(lab, { type: 'metastability-lab:lesson-step', lesson: 'goodput', step: 4 }, lessons)).rejects.toThrow('step: got 4, expected a whole number from 1 to 3');
    await expect(runCommand(lab, { type: 'metastability-lab:lesson-step', lesson: 'goodput', step: 1 })).rejects.toThrow(/^lesson:/);
  });

  it('reports a learner\'s prediction to each allowed origin, as the target, once per choice', async () => {
    const { lessons } = await setup();
    const sent: [unknown, string][] = [];
    const stop = startPredictionReports(lessons, (m, origin) => sent.push([m, origin]), ['https://lab.test', 'https://course.example.org']);
    await lessons.getState().open('retry-storm', 1);
    expect(sent).toEqual([]);
    lessons.getState().choose(2);
    lessons.getState().choose(0); // a second choice on the same step is ignored
    const message = { type: 'metastability-lab:prediction', lesson: 'retry-storm', step: 2, answer: 3, text: 'It stays broken for the rest of the run' };
    expect(sent).toEqual([
      [message, 'https://lab.test'],
      [message, 'https://course.example.org'],
    ]);
    stop();
  });
});
