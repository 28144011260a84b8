import { readFileSync, statSync } from 'node:fs';
import { JsonLimitError, PRESETS, SCENARIO_JSON_LIMITS, findPreset, messageOf, parseBoundedJson, suggestion } from '../sim/scenario/index';
import { UsageError } from './usageError';

/** Largest scenario file read, bytes: the scenario text limit (a file's bytes are at least its characters). */
export const MAX_FILE_BYTES = SCENARIO_JSON_LIMITS.maxLength;

/** Raw scenario input and where it came from (for messages). */
export interface Input {
  raw: unknown;
  source: string;
}

/** A JSON file that cannot be parsed: exit code 1, like any other invalid scenario. */
export class InvalidJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJsonError';
  }
}

function looksLikeFile(arg: string): boolean {
  return arg.includes('/') || arg.includes('\\') || arg.toLowerCase().endsWith('.json');
}

/** A preset id, or else a path to a scenario JSON file. */
export function loadInput(arg: string): Input {
  const preset = looksLikeFile(arg) ? undefined : findPreset(arg);
  if (preset !== undefined) return { raw: preset.scenario, source: `preset ${preset.id}` };
  let text: string;
  try {
    const size = statSync(arg).size;
    if (size > MAX_FILE_BYTES) {
      throw new InvalidJsonError(`${arg}: file of ${size} bytes, expected at most ${MAX_FILE_BYTES} (a scenario is far smaller; see "How much work a scenario may ask for" in docs/scenario.md)`);
    }
    text = readFileSync(arg, 'utf8');
  } catch (e) {
    if (e instanceof InvalidJsonError) throw e;
    const code = (e as { code?: unknown }).code;
    const ids = PRESETS.map((p) => p.id);
    const hint = looksLikeFile(arg) ? '' : suggestion(arg, ids) || ` (presets: ${ids.join(', ')})`;
    const why = code === 'ENOENT' ? (looksLikeFile(arg) ? 'no such file' : 'no such file or preset') : code === 'EISDIR' ? 'is a directory' : String(code ?? e);
    throw new UsageError(`cannot read ${JSON.stringify(arg)}: ${why}${hint}`, 'run');
  }
  try {
    return { raw: parseBoundedJson(text), source: arg };
  } catch (e) {
    if (e instanceof JsonLimitError) throw new InvalidJsonError(`${arg}: ${e.message}`);
    throw new InvalidJsonError(`${arg}: not valid JSON: ${messageOf(e)}`);
  }
}
