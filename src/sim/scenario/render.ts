/** A path into a scenario: object keys and array indices, outermost first. */
export type PathSegments = readonly (string | number)[];

/** Longest string (in characters) shown in a message before it is cut with "…". */
export const MAX_SHOWN_STRING = 40;
const MAX_SHOWN_VALUE = 60;
const BIG = 10n ** 30n;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

// A value too awkward to pass on (a function, a class instance, an unreadable object) is
// replaced by a stand-in that carries its description. The stand-in is a function so that
// no validator mistakes it for an object or an array, a number or a string.
const OPAQUE = new WeakMap<object, string>();

/** A stand-in for a value the validator must reject, shown in messages as `shown`. */
export function opaque(shown: string): unknown {
  const standIn = (): void => undefined;
  OPAQUE.set(standIn, shown);
  return standIn;
}

export function isOpaque(x: unknown): boolean {
  return typeof x === 'function' && OPAQUE.has(x);
}

function truncate(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const window = 2 * max + 2;
  const chars = Array.from(text.slice(0, window));
  if (chars.length <= max && text.length <= window) return { text, cut: false };
  return { text: chars.slice(0, max).join(''), cut: true };
}

function cut(text: string, max: number): string {
  const t = truncate(text, max);
  return t.cut ? `${t.text}…` : t.text;
}

/** A string as a JSON literal, cut to `max` characters. */
export function quote(text: string, max = MAX_SHOWN_STRING): string {
  const t = truncate(text, max);
  return t.cut ? `${JSON.stringify(t.text)}…` : JSON.stringify(t.text);
}

function renderNumber(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

function isArray(x: object): boolean {
  try {
    return Array.isArray(x);
  } catch {
    return false;
  }
}

function plainPrototype(x: object): boolean {
  try {
    const proto: unknown = Object.getPrototypeOf(x);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

function renderPrimitive(x: unknown): string {
  switch (typeof x) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(x);
    case 'number':
      return renderNumber(x);
    case 'bigint':
      return x > BIG || x < -BIG ? 'a very large bigint' : `${x.toString()}n`;
    case 'string':
      return quote(x);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return 'null';
  }
}

function describeInstance(x: object): string {
  try {
    const proto: unknown = Object.getPrototypeOf(x);
    const ctor: unknown = proto === null || typeof proto !== 'object' ? undefined : (proto as { constructor?: unknown }).constructor;
    const name: unknown = typeof ctor === 'function' ? ctor.name : undefined;
    if (typeof name === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]{0,30}$/.test(name)) return `a ${name} object`;
  } catch {
    // fall through: a proxy or an exotic object
  }
  return 'a non-plain object';
}

function render(x: unknown, depth: number): string {
  if (typeof x === 'function') return OPAQUE.get(x) ?? 'a function';
  if (typeof x !== 'object' || x === null) return renderPrimitive(x);
  try {
    if (isArray(x)) {
      const items = x as unknown[];
      const n = items.length;
      if (depth >= 2) return n === 0 ? '[]' : '[…]';
      const parts: string[] = [];
      for (let i = 0; i < Math.min(n, 4); i++) parts.push(render(items[i], depth + 1));
      if (n > 4) parts.push(`… (${n} items)`);
      return `[${parts.join(',')}]`;
    }
    if (!plainPrototype(x)) return describeInstance(x);
    const keys = Object.keys(x);
    if (depth >= 2) return keys.length === 0 ? '{}' : '{…}';
    const parts: string[] = [];
    for (const key of keys.slice(0, 4)) {
      parts.push(`${quote(key, 20)}:${render((x as Record<string, unknown>)[key], depth + 1)}`);
    }
    if (keys.length > 4) parts.push('…');
    return `{${parts.join(',')}}`;
  } catch {
    return 'an unreadable object';
  }
}

/** A value as it appears in a message: JSON-like, short, never throwing, whatever the input. */
export function renderValue(x: unknown): string {
  return cut(render(x, 0), MAX_SHOWN_VALUE);
}

/** Segments as a readable path: `client.retry.maxRetries`, `triggers[2].duration`, `actions[0].set["load.rate"]`. */
export function renderPath(segments: PathSegments): string {
  if (segments.length === 0) return 'scenario';
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${quote(segment)}]`;
  }
  return out;
}
