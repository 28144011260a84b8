/** A configuration file's text as a plain value: JSON, or YAML (a superset), within the limits a scenario file has. */
import { parse as parseYaml } from 'yaml';
import { checkJsonLimits, JsonLimitError, parseBoundedJson, SCENARIO_JSON_LIMITS } from '../scenario/index';
import { ConfigImportError } from './collect';

/** Longest configuration read, characters: a retry policy is a few hundred. */
export const MAX_CONFIG_LENGTH = 1024 * 1024;
/** YAML aliases expanded at most (a "billion laughs" document expands them exponentially). */
const MAX_ALIASES = 100;

/** The deepest nesting, most keys in one object and most items in one list of a value, walked without recursion. */
function checkShape(value: unknown): string | null {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (++nodes > 1_000_000) return 'over a million objects and lists';
    if (depth > SCENARIO_JSON_LIMITS.maxDepth) return `nested over ${SCENARIO_JSON_LIMITS.maxDepth} levels`;
    const children = Array.isArray(v) ? v : Object.values(v);
    if (Array.isArray(v) && v.length > SCENARIO_JSON_LIMITS.maxItems) return `a list of ${v.length} items, expected at most ${SCENARIO_JSON_LIMITS.maxItems}`;
    if (!Array.isArray(v) && children.length > SCENARIO_JSON_LIMITS.maxKeys) return `an object of ${children.length} keys, expected at most ${SCENARIO_JSON_LIMITS.maxKeys}`;
    for (const c of children) stack.push({ v: c, depth: depth + 1 });
  }
  return null;
}

export function parseConfigText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length > MAX_CONFIG_LENGTH) throw new ConfigImportError(`${body.length} characters, expected at most ${MAX_CONFIG_LENGTH} (a retry policy is a few hundred)`);
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return parseBoundedJson(body, { ...SCENARIO_JSON_LIMITS, maxLength: MAX_CONFIG_LENGTH });
    } catch (e) {
      if (e instanceof JsonLimitError) throw new ConfigImportError(e.message);
      // Not JSON after all: YAML's flow style also starts with a brace.
    }
  }
  // A cheap bound before the YAML parser: brackets nested deeper than any configuration.
  const jsonish = checkJsonLimits(body.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""'), { ...SCENARIO_JSON_LIMITS, maxLength: MAX_CONFIG_LENGTH, maxItems: Infinity, maxKeys: Infinity });
  if (jsonish !== null && jsonish.limit === 'maxDepth') throw new ConfigImportError(`nested over ${SCENARIO_JSON_LIMITS.maxDepth} levels`);
  let value: unknown;
  try {
    value = parseYaml(body, { maxAliasCount: MAX_ALIASES, uniqueKeys: true, prettyErrors: true });
  } catch (e) {
    const message = e instanceof RangeError ? 'nested too deeply to read' : (e as Error).message.split('\n')[0];
    throw new ConfigImportError(`not valid YAML or JSON: ${message}`);
  }
  const shape = checkShape(value);
  if (shape !== null) throw new ConfigImportError(shape);
  return value;
}
