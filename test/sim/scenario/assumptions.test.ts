import { describe, expect, it } from 'vitest';
import { parseScenario, PRESETS, runScenario } from '../../../src/sim/index';
import { ASSUMPTIONS, brokenAssumptions, storyPreset, withBreak } from '../../../src/sim/scenario/presets/assumptions';

const SEEDS = [1, 2, 3];

describe('preset assumptions and their Break it', () => {
  const listed = PRESETS.filter((p) => ASSUMPTIONS[p.id] !== undefined);
  it('every listed preset exists and has at least two assumptions', () => {
    for (const id of Object.keys(ASSUMPTIONS)) expect(PRESETS.some((p) => p.id === id), id).toBe(true);
    for (const p of listed) expect(ASSUMPTIONS[p.id]!.length, p.id).toBeGreaterThanOrEqual(2);
  });

  for (const preset of listed) {
    for (const a of ASSUMPTIONS[preset.id]!) {
      it(`${preset.id}: breaking “${a.text}” (${a.breaks}) — ${a.says}`, () => {
        for (const seed of SEEDS) {
          const raw = withBreak({ ...preset.scenario, seed }, a);
          const { scenario } = parseScenario(raw);
          // The break moves the verdict away from the preset's own, to what the text says.
          expect(a.verdicts).not.toContain(preset.expected);
          expect(a.verdicts, `seed ${seed}`).toContain(runScenario(scenario).summary.verdict);
          // And the recorded scenario names the assumption it breaks, and no other.
          expect(brokenAssumptions(preset, scenario).map((b) => b.id)).toEqual([a.id]);
          // A link to the changed preset opens as a scenario of its own: its name still finds the preset.
          expect(brokenAssumptions(storyPreset(PRESETS, null, scenario), scenario).map((b) => b.id)).toEqual([a.id]);
        }
      }, 120_000);
    }
  }
});
