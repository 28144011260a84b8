import { SETTABLE_PATHS } from '../../src/sim/index';
import { KNOWN_PATTERNS } from '../sim/scenario/issuePaths';

// Does an issue's path (`triggers[2].duration`, `actions[0].set["load.rate"]`) name a field of format v1?

/** Every field path of the format, array items written `[]`: the scenario tests' own list. */
const KNOWN = KNOWN_PATTERNS;

const TOKEN = /^(?:\.?([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")(…)?\])/;

/** Whether `path` (as ScenarioError renders it) names a place that format v1 defines. */
export function isFormatPath(path: string): boolean {
  if (path === 'scenario') return true;
  let rest = path;
  let pattern = '';
  let setKey: string | null = null;
  let cut = false;
  while (rest.length > 0) {
    const m = TOKEN.exec(rest);
    if (m === null) return false;
    rest = rest.slice(m[0].length);
    if (m[2] !== undefined) {
      pattern += '[]';
      continue;
    }
    const key = m[1] ?? (JSON.parse(m[3] ?? '""') as string);
    if (pattern === 'actions[].set' && setKey === null) {
      // A set key is a dotted path of its own: a settable field, or a known field that cannot be set.
      setKey = key;
      const known = m[4] === undefined ? SETTABLE_PATHS.includes(key) || KNOWN.has(key) : SETTABLE_PATHS.some((p) => p.startsWith(key));
      if (!known) return false;
      cut = m[4] !== undefined;
      pattern = key;
      continue;
    }
    pattern = pattern === '' ? key : `${pattern}.${key}`;
  }
  return cut || KNOWN.has(pattern);
}
