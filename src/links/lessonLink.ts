import { findLesson, parseScenario, stepRawScenario, type Scenario } from '../sim/format';
import { jsonEqual } from './minimal';
import { shown } from './view';

/** A lesson and its step, 1-based as links write it (`#lesson=retry-storm&step=2`). */
export interface LessonRef {
  id: string;
  step: number;
}

/** What a lesson link opens: the step's scenario (under the link's seed, when it gives one) and the step, with notices. */
export type LessonLinkRead =
  | { ok: true; lesson: LessonRef; raw: Record<string, unknown>; notices: string[] }
  | { ok: false; error: string };

const STEP = /^[1-9]\d{0,2}$/;

/**
 * Read `lesson=` and `step=`: an unknown lesson is refused (the lab keeps its run); a missing or
 * bad step opens the lesson's first step with a notice naming the range. `seed` is the link's seed
 * value as read, or undefined.
 */
export function readLessonLink(id: string, stepText: string | undefined, seed: unknown): LessonLinkRead {
  const lesson = findLesson(id);
  if (lesson === undefined) {
    return { ok: false, error: `This link names a lesson this version does not have: ${shown(id)}. Pick one from the gallery.` };
  }
  const notices: string[] = [];
  const n = lesson.steps.length;
  let step = 1;
  if (stepText !== undefined) {
    const k = STEP.test(stepText) ? Number(stepText) : NaN;
    if (k >= 1 && k <= n) step = k;
    else notices.push(`step: got ${shown(stepText)}, expected a whole number from 1 to ${n}; step 1 opened`);
  }
  const raw = stepRawScenario(lesson.steps[step - 1]!.scenario, undefined);
  return { ok: true, lesson: { id, step }, raw: seed === undefined ? { ...raw } : { ...raw, seed }, notices };
}

const stepScenarios = new Map<string, Scenario>();

/** The scenario a lesson step opens with its own seed (parsed once). */
function stepScenario(ref: LessonRef): Scenario | null {
  const key = `${ref.id}#${ref.step}`;
  const known = stepScenarios.get(key);
  if (known !== undefined) return known;
  const step = findLesson(ref.id)?.steps[ref.step - 1];
  if (step === undefined) return null;
  const scenario = parseScenario(stepRawScenario(step.scenario)).scenario;
  stepScenarios.set(key, scenario);
  return scenario;
}

/**
 * The `lesson=…&step=…[&seed=…]` parameters that reopen `scenario` at that step, or null when the
 * scenario is not the step's own (the learner changed it: the link then carries the scenario).
 */
export function lessonParams(ref: LessonRef, scenario: Scenario): string[] | null {
  const own = stepScenario(ref);
  if (own === null || !jsonEqual({ ...scenario, seed: own.seed }, own)) return null;
  const parts = [`lesson=${ref.id}`, `step=${ref.step}`];
  if (scenario.seed !== own.seed) parts.push(`seed=${scenario.seed}`);
  return parts;
}
