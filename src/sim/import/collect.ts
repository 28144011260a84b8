/** What an importer gathers while it reads a configuration: the scenario fragment, and a note for every field. */

/** A field of the configuration and what became of it. */
export interface ImportNote {
  /** Where it is in the configuration: `retry_policy.num_retries`, `methodConfig[0].retryPolicy.maxAttempts`. */
  path: string;
  text: string;
}

/** A configuration value carried into the scenario. */
export interface MappedField {
  from: string;
  /** The scenario field it set (a dotted path). */
  to: string;
  value: unknown;
  /** How it was converted, or that the implementation's default was used. */
  note: string | null;
}

/** A configuration that cannot be imported: not one of the formats, or a value out of its range. */
export class ConfigImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigImportError';
  }
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `a.b` + `c` → `a.b.c`; a key that is not a plain name is quoted. */
export function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const name = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? name : `${path}.${name}`;
}

export class Collector {
  /** The scenario fields set, as nested objects (only the scenario's own field names, never the configuration's). */
  readonly fragment: Obj = {};
  readonly mapped: MappedField[] = [];
  readonly approximated: ImportNote[] = [];
  readonly unsupported: ImportNote[] = [];
  readonly notes: string[] = [];

  set(from: string, to: string, value: unknown, note: string | null = null): void {
    const keys = to.split('.');
    let node = this.fragment;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (isObj(next)) node = next;
      else node = node[key] = {};
    }
    node[keys[keys.length - 1]!] = value;
    this.mapped.push({ from, to, value, note });
  }

  approx(path: string, text: string): void {
    this.approximated.push({ path, text });
  }

  skip(path: string, text: string): void {
    this.unsupported.push({ path, text });
  }

  /**
   * Every field of `obj` that the importer does not read: listed with its reason (`known`, field → reason) or as
   * unknown. Fields it reads are in `read`.
   */
  rest(obj: Obj, path: string, read: readonly string[], known: Readonly<Record<string, string>>): void {
    for (const key of Object.keys(obj)) {
      if (read.includes(key)) continue;
      const reason = Object.prototype.hasOwnProperty.call(known, key) ? known[key]! : 'not a field of this format as the lab knows it; not imported';
      this.skip(child(path, key), reason);
    }
  }
}

/** A number field, checked; undefined when absent. */
export function numberAt(obj: Obj, key: string, path: string, range: { min: number; max?: number; integer?: boolean; minExclusive?: boolean }): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  const { min, max = Infinity, integer = false, minExclusive = false } = range;
  const ok = typeof x === 'number' && Number.isFinite(x) && (minExclusive ? x > min : x >= min) && x <= max && (!integer || Number.isInteger(x));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a number';
    const upper = max === Infinity ? '' : ` and at most ${max}`;
    throw new ConfigImportError(`${child(path, key)}: got ${JSON.stringify(v)}, expected ${kind} ${minExclusive ? 'above' : 'of at least'} ${min}${upper}`);
  }
  return x;
}

/** A duration field read by `parse` (seconds); undefined when absent. */
export function durationAt(obj: Obj, key: string, path: string, parse: (v: unknown) => number | null, forms: string, positive = false): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  const s = parse(v);
  if (s === null || (positive && s <= 0)) throw new ConfigImportError(`${child(path, key)}: got ${JSON.stringify(v)}, expected ${positive ? 'a positive ' : ''}${forms}`);
  return s;
}

/** A boolean field (YAML's true/false, or the strings); undefined when absent. */
export function booleanAt(obj: Obj, key: string, path: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new ConfigImportError(`${child(path, key)}: got ${JSON.stringify(v)}, expected true or false`);
}

/** An object field; undefined when absent. */
export function objectAt(obj: Obj, key: string, path: string): Obj | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw new ConfigImportError(`${child(path, key)}: expected an object, got ${Array.isArray(v) ? 'a list' : JSON.stringify(v)}`);
  return v;
}

/** Seconds for a person: 0.025 → "25 ms", 60 → "60 s". */
export function secondsText(s: number): string {
  return s < 1 ? `${Number((s * 1000).toPrecision(6))} ms` : `${Number(s.toPrecision(6))} s`;
}
