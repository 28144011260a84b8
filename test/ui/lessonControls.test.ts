import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/sim/format';
import { LESSON_CONTROLS } from '../../src/ui/lesson/lessonControls';

describe('the lesson panel', () => {
  it('can draw every control a lesson unlocks, and each task\'s example value is within its range', () => {
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        for (const path of step.show.controls) expect(LESSON_CONTROLS[path], `${lesson.id}: ${path}`).toBeDefined();
        for (const [path, value] of Object.entries(step.task?.example ?? {})) {
          const spec = LESSON_CONTROLS[path]!;
          if (spec.kind === 'number') {
            expect(value as number).toBeGreaterThanOrEqual(spec.min);
            expect(value as number).toBeLessThanOrEqual(spec.max);
          } else if (spec.kind === 'choice') expect(spec.options).toContain(value);
          else expect(typeof value).toBe('boolean');
        }
      }
    }
  });
});
