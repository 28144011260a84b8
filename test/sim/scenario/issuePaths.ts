import { ScenarioError, defaultScenario, parseScenario } from '../../../src/sim/scenario/index';
import { ACTION_AT, NUMERIC_FIELDS, TRIGGER_FIELDS, type NumericSpec } from './spec';

// Test helpers that read an issue's path back: does it name something real, and which field?

type Segment = string | number | { prefix: string };
const TOKEN = /^(?:\.?([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")(…)?\])/;

/** `actions[0].set["load.rate"]` → ['actions', 0, 'set', 'load.rate']; a cut key becomes { prefix }. */
export function parsePath(path: string): Segment[] | null {
  if (path === 'scenario') return [];
  if (path === '') return null;
  const out: Segment[] = [];
  let rest = path;
  while (rest.length > 0) {
    const m = TOKEN.exec(rest);
    if (m === null) return null;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else {
      const key = JSON.parse(m[3] ?? '""') as string;
      out.push(m[4] === undefined ? key : { prefix: key });
    }
    rest = rest.slice(m[0].length);
  }
  return out;
}

function collect(x: unknown, prefix: string, out: Set<string>): void {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return;
  for (const [key, value] of Object.entries(x)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    out.add(path);
    collect(value, path, out);
  }
}

/** Every field path of the format, arrays written `triggers[]`. */
export const KNOWN_PATTERNS: ReadonlySet<string> = (() => {
  const full = parseScenario({
    cache: {},
    client: { retry: { budget: {} }, breaker: {}, throttle: {}, bulkhead: {} },
    server: { queue: { codel: {} }, contention: {}, autoscale: {} },
  }).scenario;
  const out = new Set<string>();
  collect(full, '', out);
  collect(defaultScenario(), '', out);
  // fanout and partitions exclude each other, so their fields come from a second scenario.
  collect(parseScenario({ fanout: { hedge: {} } }).scenario, '', out);
  collect(parseScenario({ partitions: {} }).scenario, '', out);
  // Each limiter kind has its own fields.
  for (const kind of ['aimd', 'vegas', 'gradient2']) collect(parseScenario({ server: { limiter: { kind } }, client: { limiter: { kind } } }).scenario, '', out);
  for (const field of ['at', 'rate']) out.add(`load.profile[].${field}`);
  out.add('load.profile[]');
  // A graph: its own fields, a service's and an edge's (with every section switched on).
  const graph = parseScenario({
    graph: {
      delay: {},
      services: [
        { name: 'a', contention: {}, errors: {}, calls: [{ to: 'b', delay: {}, bulkhead: {}, limiter: { kind: 'aimd' }, retry: { budget: {} }, breaker: {}, throttle: {}, admission: {}, rateLimit: {} }] },
        { name: 'b' },
      ],
    },
  }).scenario.graph!;
  const service = graph.services[0]!;
  collect({ graph: { delay: graph.delay, deadline: graph.deadline, services: null } }, '', out);
  collect({ ...service, calls: null }, 'graph.services[]', out);
  collect(service.calls[0], 'graph.services[].calls[]', out);
  out.add('graph.services[]');
  out.add('graph.services[].calls[]');
  for (const field of ['kind', 'at', 'duration', 'factor', 'slots', 'stations', 'window', 'service', 'replica']) out.add(`triggers[].${field}`);
  for (const field of ['name', 'share']) out.add(`load.priorities[].${field}`);
  out.add('load.priorities[]');
  out.add('triggers[]');
  for (const field of ['at', 'set']) out.add(`actions[].${field}`);
  out.add('actions[]');
  for (const field of ['check', 'scope']) out.add(`assertions[].${field}`);
  out.add('assertions[]');
  return out;
})();

function ownKeys(x: unknown): string[] | null {
  try {
    if (typeof x !== 'object' || x === null) return null;
    return Object.keys(x);
  } catch {
    return null;
  }
}

function ownValue(x: unknown, key: string): { value: unknown } | null {
  try {
    const d = Object.getOwnPropertyDescriptor(x, key);
    if (d === undefined) return null;
    return { value: 'value' in d ? d.value : undefined };
  } catch {
    return null;
  }
}

function extend(pattern: string, segment: string | number): string {
  if (typeof segment === 'number') return `${pattern}[]`;
  return pattern === '' ? segment : `${pattern}.${segment}`;
}

/**
 * Whether a rendered issue path names a real place: every step exists in the input,
 * or the steps past the last existing one are field names the format defines there.
 */
export function namesRealPlace(input: unknown, path: string): boolean {
  const segments = parsePath(path);
  if (segments === null) return false;
  let at: unknown = input;
  let pattern = '';
  let inSet = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === undefined) return false;
    const keys = ownKeys(at);
    let key: string | undefined;
    if (typeof segment === 'object') key = keys?.find((k) => k.startsWith(segment.prefix));
    else if (keys?.includes(String(segment))) key = String(segment);
    else if (typeof segment === 'number' && Array.isArray(at) && segment < at.length) key = String(segment); // a hole
    if (key === undefined) {
      // Not in the input: the rest must be fields of the format at this place (never array items:
      // the format does not invent those).
      let p = pattern;
      for (const s of segments.slice(i)) {
        if (typeof s !== 'string') return false;
        p = extend(p, s);
      }
      return KNOWN_PATTERNS.has(p);
    }
    const got = ownValue(at, key);
    at = got?.value;
    if (inSet) {
      pattern = key; // a set key is a field path of its own
      inSet = false;
    } else {
      pattern = extend(pattern, typeof segment === 'number' ? segment : key);
      inSet = pattern === 'actions[].set';
    }
    if (got === null && i < segments.length - 1) return true; // unreadable: the issue is about this step
  }
  return true;
}

/** The numeric field an issue path points at, if it is one, with its range. */
export function numericSpecAt(input: unknown, path: string): NumericSpec | undefined {
  const segments = parsePath(path);
  if (segments === null || segments.some((s) => typeof s === 'object')) return undefined;
  const [root, index, field, ...rest] = segments as (string | number)[];
  if (root === 'triggers' && typeof index === 'number' && typeof field === 'string' && rest.length === 0) {
    const triggers = ownValue(input, 'triggers')?.value;
    const kind = ownValue(ownValue(triggers, String(index))?.value, 'kind')?.value;
    if (typeof kind !== 'string' || !Object.hasOwn(TRIGGER_FIELDS, kind)) return undefined;
    return TRIGGER_FIELDS[kind]?.find((s) => s.path === field);
  }
  if (root === 'actions' && typeof index === 'number') {
    if (field === 'at' && rest.length === 0) return ACTION_AT;
    if (field === 'set' && typeof rest[0] === 'string') {
      const dotted = [rest[0], ...rest.slice(1)].join('.');
      return NUMERIC_FIELDS.find((s) => s.path === dotted);
    }
    return undefined;
  }
  const dotted = (segments as (string | number)[]).join('.');
  return NUMERIC_FIELDS.find((s) => s.path === dotted);
}

/** The issues parseScenario reports for an input, or [] when it accepts it. */
export function issuesOf(input: unknown, unknownKeys: 'reject' | 'drop' = 'reject'): { path: string; message: string }[] {
  try {
    parseScenario(input, { unknownKeys });
    return [];
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.issues;
  }
}
