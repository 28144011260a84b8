import { describe, expect, it } from 'vitest';
import { findPreset, LESSONS, parseScenario, PRESETS, stepRawScenario } from '../../../src/sim/format';
import { assumptionsOf, brokenAssumptions, storyPreset, withBreak } from '../../../src/sim/scenario/presets/assumptions';

// A lesson lists the assumptions it rests on through its steps: each step runs a preset, and the lab shows that
// preset's assumptions under the lesson, each with Break it.
describe('the assumptions a lesson rests on', () => {
  for (const lesson of LESSONS) {
    it(`${lesson.id}: every step runs a preset with at least two assumptions, found from the run it opens`, () => {
      for (const [i, step] of lesson.steps.entries()) {
        const preset = findPreset(step.scenario.preset);
        expect(preset, `step ${i + 1}`).toBeDefined();
        expect(assumptionsOf(preset!).length, `step ${i + 1}`).toBeGreaterThanOrEqual(2);
        // A step that changes its preset opens without the preset's id; the run's name still finds the preset.
        const { scenario } = parseScenario(stepRawScenario(step.scenario));
        expect(storyPreset(PRESETS, null, scenario)?.id, `step ${i + 1}`).toBe(preset!.id);
        // Nothing in the step itself reads as a broken assumption before the learner breaks one.
        expect(brokenAssumptions(preset!, scenario), `step ${i + 1}`).toEqual([]);
        // Every break applied to the step's run is recorded and named, and only that one.
        for (const a of assumptionsOf(preset!)) {
          const broken = parseScenario(withBreak(stepRawScenario(step.scenario), a, Math.min(a.at, scenario.duration / 2))).scenario;
          expect(brokenAssumptions(preset!, broken).map((b) => b.id), `step ${i + 1}: ${a.id}`).toEqual([a.id]);
        }
      }
    });
  }
});
