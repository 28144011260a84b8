/**
 * What a preset's story rests on, and the change that breaks each assumption (README, "Assumptions"): every preset
 * lists at least two. A break is an operator action (fields set now) or a trigger started now, so it is recorded in
 * the scenario and a link replays it. The lists live by preset group (assumptionsRetry.ts, assumptionsOther.ts), the
 * general breaks in assumptionBuilders.ts; the tests hold every assumption to its verdicts over several seeds.
 */
import type { Action, Scenario, Trigger } from '../types';
import type { Assumption, AssumptionBreak } from './assumptionBuilders';
import { OTHER_ASSUMPTIONS } from './assumptionsOther';
import { RETRY_ASSUMPTIONS } from './assumptionsRetry';
import type { Preset } from './preset';
import { GRAPH_ASSUMPTIONS } from './graphAssumptions';
import { LIMITER_ASSUMPTIONS } from './limiterAssumptions';

export type { Assumption, AssumptionBreak } from './assumptionBuilders';

/** Every preset's assumptions, by preset id. */
export const ASSUMPTIONS: Readonly<Record<string, readonly Assumption[]>> = { ...RETRY_ASSUMPTIONS, ...OTHER_ASSUMPTIONS, ...LIMITER_ASSUMPTIONS, ...GRAPH_ASSUMPTIONS };

type Recorded = Pick<Scenario, 'name' | 'actions' | 'triggers'>;

/**
 * The preset a run tells the story of: the one it was opened as, else the one whose name it carries (a link to a
 * changed preset opens as a scenario of its own, under the preset's name).
 */
export function storyPreset(presets: readonly Preset[], presetId: string | null, scenario: Pick<Scenario, 'name'> | null): Preset | null {
  if (presetId !== null) return presets.find((p) => p.id === presetId) ?? null;
  if (scenario === null) return null;
  return presets.find((p) => p.scenario['name'] === scenario.name) ?? null;
}

export function assumptionsOf(preset: Preset | null): readonly Assumption[] {
  return preset === null ? [] : (ASSUMPTIONS[preset.id] ?? []);
}

/**
 * Whether `actual` is `expected`: the same JSON, or for an object every field `expected` names (the scenario fills the
 * others in with defaults, so a recorded `{ "hitRate": 0.9 }` reads back with `fill`, `ttl`…).
 */
function covers(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(expected).every(([key, value]) => Object.hasOwn(a, key) && covers(value, a[key]));
  }
  return JSON.stringify(expected) === JSON.stringify(actual);
}

function actionBreaks(action: Action, change: Extract<AssumptionBreak, { kind: 'set' }>): boolean {
  return Object.entries(change.set).every(([path, value]) => Object.hasOwn(action.set, path) && covers(value, action.set[path]));
}

/** The scenario's triggers beyond the preset's own: each of the preset's triggers accounts for one it matches. */
function addedTriggers(preset: Preset | null, triggers: readonly Trigger[]): Trigger[] {
  const own = preset?.scenario['triggers'];
  const left = [...triggers];
  for (const t of Array.isArray(own) ? own : []) {
    const i = left.findIndex((tr) => covers(t, tr));
    if (i >= 0) left.splice(i, 1);
  }
  return left;
}

/**
 * The assumptions of the preset that the recorded scenario breaks: a recorded action that sets what the break sets,
 * or a trigger beyond the preset's own like the one it starts (a lesson's step may replace the preset's triggers, so
 * "own" is each preset trigger the scenario still has). In the order the preset lists them.
 */
export function brokenAssumptions(preset: Preset | null, scenario: Recorded): Assumption[] {
  const added = addedTriggers(preset, scenario.triggers);
  return assumptionsOf(preset).filter((a) => {
    const change = a.change;
    return change.kind === 'set' ? scenario.actions.some((action) => actionBreaks(action, change)) : added.some((tr) => covers(change.trigger, tr));
  });
}

/** The preset's scenario with the break applied at `at` s (as an action or a trigger), for checking its verdict. */
export function withBreak(raw: Readonly<Record<string, unknown>>, a: Assumption, at = a.at): Record<string, unknown> {
  if (a.change.kind === 'set') {
    const actions = Array.isArray(raw['actions']) ? (raw['actions'] as unknown[]) : [];
    return { ...raw, actions: [...actions, { at, set: { ...a.change.set } }] };
  }
  const triggers = Array.isArray(raw['triggers']) ? (raw['triggers'] as unknown[]) : [];
  return { ...raw, triggers: [...triggers, { ...a.change.trigger, at }] };
}
