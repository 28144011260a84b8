import { defaultScenario, parseScenario, type Scenario } from '../sim/format';

type Obj = Record<string, unknown>;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Structural equality of JSON-like data (key order ignored); `-0` equals `0`, as in JSON. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Obj)[k], (b as Obj)[k]));
}

const DEFAULTS: Obj = defaultScenario() as unknown as Obj;

// Every section that is off (`null`) by default, switched on with its defaults: what `{}` means there.
const ALL_ON: Obj = parseScenario({
  cache: {},
  client: { retry: { budget: {} }, breaker: {}, throttle: {} },
  server: { queue: { codel: {} }, contention: {}, autoscale: {}, errors: {} },
}).scenario as unknown as Obj;

/** Fields of `value` that differ from `base`; a section off in `base` is compared with `on`, its defaults. */
function diffObject(value: Obj, base: Obj, on: Obj): Obj {
  const out = Object.create(null) as Obj;
  for (const key of Object.keys(value)) {
    const v = value[key];
    const b = base[key];
    if (jsonEqual(v, b)) continue;
    const o = on[key];
    out[key] = isObject(v) && isObject(o) ? diffObject(v, isObject(b) ? b : o, o) : v;
  }
  return out;
}

/**
 * The shortest raw scenario that parses back to `scenario`: only the fields that differ from
 * the defaults (a section switched on with all its defaults is `{}`), plus `version` and `seed`,
 * which every link states. Triggers, actions and load profiles are kept whole.
 */
export function minimalScenario(scenario: Scenario): Obj {
  const diff = diffObject(scenario as unknown as Obj, DEFAULTS, ALL_ON);
  return { version: scenario.version, seed: scenario.seed, ...withoutKeys(diff, ['version', 'seed']) };
}

function withoutKeys(x: Obj, keys: readonly string[]): Obj {
  const out = Object.create(null) as Obj;
  for (const key of Object.keys(x)) if (!keys.includes(key)) out[key] = x[key];
  return out;
}
