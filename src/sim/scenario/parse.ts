import * as v from 'valibot';
import { actionOrder, applyCheckedSet } from './actions';
import { checkAssertions, checkCacheFlushes, checkCore, checkTriggers, stationCount } from './crossChecks';
import { ScenarioError } from './errors';
import { Findings, scenarioError, type Found } from './found';
import { checkTriggerTargets } from './graphChecks';
import { checkWork, type EffectiveState } from './guard';
import { checkPriorityActions } from './prioritySpec';
import { renderPath } from './render';
import { readScenario, type ReadContext, type UnknownKeys } from './read';
import { scenarioSchema } from './schema';
import type { Scenario } from './types';

export interface ParseOptions {
  /** `reject` (files, CLI): an unknown key is an error. `drop` (links): it is dropped, with a notice naming it. */
  unknownKeys?: UnknownKeys;
}

export interface Parsed {
  scenario: Scenario;
  /** One line per thing dropped in `drop` mode: `client.retyr: unknown field dropped (did you mean "retry"?)`. */
  notices: string[];
}

/** Paths found in the cleaned copy point at the input again when drop mode removed actions. */
function inputIndex(found: Found, ctx: ReadContext): Found {
  const map = ctx.actionIndex;
  const [root, index, ...rest] = found.segments;
  if (map === null || root !== 'actions' || typeof index !== 'number') return found;
  return { ...found, segments: [root, map[index] ?? index, ...rest] };
}

/** Whether rendered path `inner` lies strictly inside `outer` (`a.b[2]` inside `a.b`, not inside `a.bc`). */
function isInside(inner: string, outer: string): boolean {
  const next = inner.charAt(outer.length);
  return inner.startsWith(outer) && (next === '.' || next === '[');
}

function parseUnchecked(input: unknown, mode: UnknownKeys): Parsed {
  const findings = new Findings();
  const ctx: ReadContext = { mode, findings, actionIndex: null };
  const clean = readScenario(input, ctx);
  const result = v.safeParse(scenarioSchema, clean);
  const found: Found[] = [];
  if (!result.success) {
    const read = findings.found.map((f) => renderPath(f.segments));
    for (const issue of result.issues) {
      const segments = (issue.path ?? []).map((p) => p.key as string | number);
      // A container the first pass already found fault with inside (an action's set left empty
      // by its unknown paths) gets no second, vaguer message.
      const at = renderPath(segments);
      if (segments.length > 0 && read.some((r) => isInside(r, at))) continue;
      found.push({ segments, message: issue.message });
    }
  } else {
    const stations = stationCount(result.output);
    found.push(
      ...checkCore(result.output),
      ...checkTriggers(result.output.triggers, stations, result.output.graph),
      ...checkTriggerTargets(result.output.triggers, result.output.graph),
      ...checkAssertions(result.output.assertions, stations),
    );
  }
  if (result.success && found.length === 0) {
    // Each action is checked on the scenario as the actions before it (in firing order) left it.
    const scenario = result.output;
    const states: EffectiveState[] = [{ scenario, action: null }];
    let current: Scenario = scenario;
    for (const i of actionOrder(scenario.actions)) {
      const action = scenario.actions[i];
      if (action === undefined) continue;
      const applied = applyCheckedSet(current, action.set);
      if (applied.scenario === null) {
        for (const f of applied.found) found.push({ ...f, segments: ['actions', i, 'set', ...f.segments] });
      } else {
        current = applied.scenario;
        action.set = applied.set;
        states.push({ scenario: current, action: i });
      }
    }
    if (found.length === 0) found.push(...checkCacheFlushes(scenario.triggers, scenario.actions, states), ...checkPriorityActions(states));
    if (found.length === 0 && findings.found.length === 0) {
      const work = checkWork(scenario, states);
      if (work !== null) found.push(work);
    }
  }
  for (const f of found) findings.add(inputIndex(f, ctx));
  if (findings.found.length > 0 || !result.success) throw scenarioError(findings.found, findings.uncounted);
  return { scenario: result.output, notices: findings.finalNotices() };
}

function describeFailure(e: unknown): string {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : 'unexpected value thrown';
  } catch {
    return 'unexpected error';
  }
}

/**
 * A scenario file, link or preset (format v1) as a normalised Scenario: every omitted field
 * filled with its default, every value checked against its range. Throws ScenarioError,
 * and nothing else, listing every problem with its field path. Never mutates `input`.
 */
export function parseScenario(input: unknown, opts?: ParseOptions): Parsed {
  try {
    const mode: UnknownKeys = opts?.unknownKeys === 'drop' ? 'drop' : 'reject';
    return parseUnchecked(input, mode);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    // A stack overflow or a host object misbehaving: still a readable refusal, never a crash.
    throw new ScenarioError([{ path: 'scenario', message: `could not be read (${describeFailure(e)})` }]);
  }
}
