import { breakingTheLoop, backoffOpenLoop, metastableFailure } from './catalogue/loop';
import { cacheLie, hotShard, invariants } from './catalogue/shared';
import { goodput, queuesDeferPain, tailLatency } from './catalogue/work';
import { parseLesson } from './schema';
import type { Lesson } from './types';

export { LESSON_CHARTS, type Highlight, type Lesson, type LessonChart, type LessonStep, type LessonTask, type Prediction, type Rule } from './types';
export { fillText, formatFigure, ruleHolds, rightAnswers, stepFigures, type Figures, type LessonRun } from './figures';
export { LessonError, parseLesson } from './schema';
export { stepRawScenario } from './stepScenario';
export { PRESET_PAIRS, type PresetPair } from './pairs';

/** Every lesson, in the product's order 1 → 9, each checked by the schema when this module loads. */
export const LESSONS: readonly Lesson[] = [
  metastableFailure,
  breakingTheLoop,
  backoffOpenLoop,
  tailLatency,
  goodput,
  queuesDeferPain,
  cacheLie,
  hotShard,
  invariants,
].map(parseLesson);

/** The lesson with this id, if any. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
