import * as v from 'valibot';
import { checkCore } from './crossChecks';
import { Findings, scenarioError, type Found } from './found';
import { getPath, setPath } from './paths';
import { readSetInput } from './read';
import { isOpaque, type PathSegments } from './render';
import { problem } from './fields';
import { assemble, coreSchema } from './schema';
import type { Scenario } from './types';

/** The result of applying one action's `set`: the new scenario and the set with each value normalised. */
export interface Applied {
  scenario: Scenario | null;
  set: Record<string, unknown>;
  found: Found[];
}

function startsWith(path: readonly (string | number)[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/** Re-roots a problem found in the whole scenario under the `set` key that caused it: `["client.retry"].maxRetries`. */
function blame(found: Found, keys: readonly string[]): PathSegments {
  for (let k = keys.length - 1; k >= 0; k--) {
    const key = keys[k] ?? '';
    const prefix = key.split('.');
    if (startsWith(found.segments, prefix)) return [key, ...found.segments.slice(prefix.length)];
    for (const related of found.related ?? []) {
      const r = related.split('.');
      if (startsWith(r, prefix)) return [key, ...r.slice(prefix.length)];
      if (startsWith(prefix, r)) return [key];
    }
  }
  return found.segments;
}

/** A graph path must name a service (and an edge) the graph has: an action changes parameters, not the structure. */
function missingGraphItem(base: Scenario, key: string): Found | null {
  const segments = key.split('.');
  if (segments[0] !== 'graph') return null;
  if (base.graph === null) return { segments: [key], message: 'the scenario has no graph (graph is null): an action cannot add one' };
  for (let i = 2; i < segments.length; i += 2) {
    if (segments[i - 1] !== 'services' && segments[i - 1] !== 'calls') break;
    const at = segments.slice(0, i + 1).join('.');
    if (getPath(base, at) === undefined) {
      const list = getPath(base, segments.slice(0, i).join('.'));
      const n = Array.isArray(list) ? list.length : 0;
      return { segments: [key], message: `names ${at}, which does not exist: expected an index from 0 to ${n - 1}` };
    }
  }
  return null;
}

/**
 * Applies a set whose keys are settable paths and whose values are plain data (read.ts
 * has seen them) to a valid scenario, and validates the result. Problems come back with
 * paths relative to the set: `[key, ...inside the value]`.
 */
export function applyCheckedSet(base: Scenario, set: Record<string, unknown>): Applied {
  const keys = Object.keys(set);
  const missing = keys.map((key) => missingGraphItem(base, key)).filter((f): f is Found => f !== null);
  if (missing.length > 0) return { scenario: null, set, found: missing };
  let raw: unknown = base;
  for (const key of keys) raw = setPath(raw, key, set[key]);
  const result = v.safeParse(coreSchema, raw);
  const found: Found[] = result.success
    ? checkCore(result.output)
    : result.issues.map((issue) => ({
        segments: (issue.path ?? []).map((p) => p.key as string | number),
        message: issue.message,
      }));
  if (!result.success || found.length > 0) {
    return { scenario: null, set, found: found.map((f) => ({ segments: blame(f, keys), message: f.message })) };
  }
  const scenario = assemble(result.output, base);
  const normalised: Record<string, unknown> = {};
  for (const key of keys) normalised[key] = getPath(scenario, key);
  return { scenario, set: normalised, found: [] };
}

/**
 * The scenario after an operator action's `set` (`{ "client.retry.maxRetries": 0 }`), validated
 * and normalised, as a new object. Setting a field inside a section that is `null` turns the
 * section on with defaults for its other fields. Throws ScenarioError naming `set["path"]`.
 */
export function applySet(scenario: Scenario, set: Record<string, unknown>): Scenario {
  const findings = new Findings();
  const clean = readSetInput(set, ['set'], { mode: 'reject', findings, actionIndex: null });
  if (findings.found.length > 0) throw scenarioError(findings.found, findings.uncounted);
  if (typeof clean !== 'object' || clean === null || isOpaque(clean)) {
    throw scenarioError([{ segments: ['set'], message: problem(clean, 'a JSON object of "path.to.field": value') }]);
  }
  const applied = applyCheckedSet(scenario, clean as Record<string, unknown>);
  if (applied.scenario === null) {
    throw scenarioError(applied.found.map((f) => ({ ...f, segments: ['set', ...f.segments] })));
  }
  return applied.scenario;
}

/** The scenario as each action leaves it, in the order they fire: by time, ties in array order. */
export function actionOrder(actions: readonly { at: number }[]): number[] {
  return actions.map((_, i) => i).sort((a, b) => (actions[a]?.at ?? 0) - (actions[b]?.at ?? 0) || a - b);
}
