import { findPreset, type RawScenario } from '../scenario/presets/index';
import { setPath } from '../scenario/paths';
import type { StepScenario } from './types';

/**
 * The scenario a step runs, as raw data for parseScenario: its preset, with `set` applied by
 * dotted path, then triggers, actions and duration replaced when the step gives them, then `over`
 * (the learner's changes to the unlocked controls) and the seed.
 */
export function stepRawScenario(s: StepScenario, seed?: number, over: Readonly<Record<string, unknown>> = {}): RawScenario {
  const preset = findPreset(s.preset);
  if (preset === undefined) throw new Error(`No preset "${s.preset}".`);
  let raw: unknown = preset.scenario;
  for (const [path, value] of Object.entries(s.set ?? {})) raw = setPath(raw, path, value);
  for (const [path, value] of Object.entries(over)) raw = setPath(raw, path, value);
  const out: Record<string, unknown> = { ...(raw as RawScenario) };
  if (s.triggers !== undefined) out.triggers = s.triggers;
  if (s.actions !== undefined) out.actions = s.actions;
  if (s.duration !== undefined) out.duration = s.duration;
  if (seed !== undefined) out.seed = seed;
  return out;
}
