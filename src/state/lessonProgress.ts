/** Lesson progress kept in the browser: the step each lesson was left on. Storage is untrusted and may throw. */
import { findLesson, parseBoundedJson } from '../sim/format';

export const LESSON_PROGRESS_KEY = 'metastability-lab:lessons:v1';

/** Where progress lives: `localStorage` in the page; null or a throwing getter when there is none. */
export type ProgressStorage = () => Pick<Storage, 'getItem' | 'setItem'> | null;

/** Step reached (0-based) by lesson id, for lessons this version has, steps within range only. */
export type Progress = Record<string, number>;

const LIMITS = { maxLength: 8 * 1024, maxDepth: 3, maxItems: 64, maxKeys: 64 } as const;

export function readProgress(storage: ProgressStorage): Progress {
  const out: Progress = {};
  try {
    const text = storage()?.getItem(LESSON_PROGRESS_KEY);
    if (typeof text !== 'string') return out;
    const value = parseBoundedJson(text, LIMITS);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
    for (const [id, step] of Object.entries(value)) {
      const lesson = findLesson(id);
      if (lesson !== undefined && Number.isInteger(step) && (step as number) >= 0 && (step as number) < lesson.steps.length) out[id] = step as number;
    }
  } catch {
    // Forbidden, full or damaged storage: no saved progress.
  }
  return out;
}

export function saveProgress(storage: ProgressStorage, id: string, step: number): void {
  try {
    const s = storage();
    if (s === null) return;
    s.setItem(LESSON_PROGRESS_KEY, JSON.stringify({ ...readProgress(storage), [id]: step }));
  } catch {
    // Progress is a convenience: without storage the lesson still works.
  }
}
