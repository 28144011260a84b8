import type { RawScenario } from './preset';

type Obj = Readonly<Record<string, unknown>>;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A copy of `base` with `over` merged in: objects field by field, anything else replaced. */
export function variant(base: RawScenario, over: Obj): RawScenario {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = base[key];
    out[key] = isObject(value) && isObject(prev) ? variant(prev, value) : value;
  }
  return out;
}
