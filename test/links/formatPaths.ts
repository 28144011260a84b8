import { SETTABLE_PATHS, defaultScenario, parseScenario } from '../../src/sim/index';

// Does an issue's path (`triggers[2].duration`, `actions[0].set["load.rate"]`) name a field of format v1?

function collect(x: unknown, prefix: string, out: Set<string>): void {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return;
  for (const [key, value] of Object.entries(x)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    out.add(path);
    collect(value, path, out);
  }
}

/** Every field path of the format, array items written `[]`. */
const KNOWN: ReadonlySet<string> = (() => {
  const allOn = parseScenario({
    cache: {},
    client: { retry: { budget: {} }, breaker: {}, throttle: {} },
    server: { queue: { codel: {} }, contention: {}, autoscale: {} },
  }).scenario;
  const out = new Set<string>();
  collect(allOn, '', out);
  collect(defaultScenario(), '', out);
  for (const f of ['', '.kind', '.at', '.duration', '.factor', '.slots']) out.add(`triggers[]${f}`);
  for (const f of ['', '.at', '.set']) out.add(`actions[]${f}`);
  for (const f of ['', '.at', '.rate']) out.add(`load.profile[]${f}`);
  return out;
})();

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
