import { checkJsonLimits, ScenarioError, parseScenario, SCENARIO_JSON_LIMITS, type Scenario, type ScenarioIssue } from '../sim/format';
import { findJsonError } from './jsonSyntax';

/**
 * Longest scenario text import reads: the scenario text limit, 4 MiB. The largest scenario the format allows in
 * practice (10000 actions with whole sections) is about 3 MB of JSON; beyond that it is not a scenario.
 */
export const MAX_IMPORT_LENGTH = SCENARIO_JSON_LIMITS.maxLength;

/** An imported scenario, or every reason it was refused. */
export type ImportResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; reason: 'empty' | 'too-long' | 'too-large' | 'not-json' | 'invalid-scenario'; error: string; issues: ScenarioIssue[] };

/**
 * A scenario pasted or read from a file (the CLI's format), validated like the CLI: unknown keys
 * are refused (a file is meant to be exact; links are lenient), every problem named by field path.
 * A JSON syntax error gives its line and column. A leading byte-order mark is ignored.
 */
export function importScenario(text: string): ImportResult {
  if (typeof text !== 'string') return { ok: false, reason: 'not-json', error: 'The scenario is not text.', issues: [] };
  if (text.length > MAX_IMPORT_LENGTH) {
    return {
      ok: false,
      reason: 'too-long',
      error: `This scenario has ${text.length} characters; the limit is ${MAX_IMPORT_LENGTH}. It is not a scenario file.`,
      issues: [],
    };
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, reason: 'empty', error: 'Paste a scenario (JSON) or choose a file.', issues: [] };
  // Depth, keys and items are checked before anything is parsed: a crafted file costs one pass over its text.
  const breach = checkJsonLimits(body);
  if (breach !== null) {
    return { ok: false, reason: 'too-large', error: `This is not a scenario: ${breach.path}: ${breach.message}.`, issues: [{ path: breach.path, message: breach.message }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body) as unknown;
  } catch {
    const at = findJsonError(body);
    const where = at === null ? '' : ` at line ${at.line}, column ${at.column}: ${at.message}`;
    return { ok: false, reason: 'not-json', error: `This is not valid JSON${where}.`, issues: [] };
  }
  try {
    return { ok: true, scenario: parseScenario(raw, { unknownKeys: 'reject' }).scenario };
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return { ok: false, reason: 'invalid-scenario', error: `This scenario cannot be used:\n${e.message}`, issues: e.issues };
  }
}
