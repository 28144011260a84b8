import { suggestion } from './didYouMean';
import type { Findings } from './found';
import { opaque, renderPath, renderValue, type PathSegments } from './render';
import { SETTABLE_PATHS, SETTABLE_ROOTS, isSettablePath, settableShape } from './settable';
import { SCENARIO_SHAPE, shapeAt, type Shape } from './shape';

/** What to do with a key the format does not know: files and the CLI reject it, links drop it with a notice. */
export type UnknownKeys = 'reject' | 'drop';

/**
 * The first pass over untrusted input: copy what the format knows into fresh plain data,
 * guided by the shape, and report (or drop) every key it does not know. Nothing else is
 * touched — not the values of unknown keys, not array items past the limit — so cycles,
 * huge junk and throwing getters cost nothing, and the validator only ever sees plain data
 * (anything else is replaced by an opaque stand-in carrying its description).
 */
export interface ReadContext {
  mode: UnknownKeys;
  findings: Findings;
  /** Output index → input index of `actions`, when drop mode removed an action whose every path was unknown. */
  actionIndex: number[] | null;
}

/** Marks an action removed in drop mode. */
const REMOVED = Symbol('removed');

function isArray(x: object): boolean | null {
  try {
    return Array.isArray(x);
  } catch {
    return null;
  }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  try {
    if (Array.isArray(x)) return false;
    const proto: unknown = Object.getPrototypeOf(x);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

function keysOf(x: object, path: PathSegments, ctx: ReadContext): string[] | null {
  try {
    return Object.keys(x);
  } catch {
    ctx.findings.add({ segments: path, message: 'could not be read' });
    return null;
  }
}

function property(x: Record<string, unknown>, key: string, path: PathSegments, ctx: ReadContext): { value: unknown } | null {
  try {
    return { value: x[key] };
  } catch {
    ctx.findings.add({ segments: path, message: 'could not be read (its getter threw)' });
    return null;
  }
}

/** A primitive as it is; anything else as an opaque stand-in the validator will reject with a readable message. */
function leaf(x: unknown): unknown {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return x;
  return opaque(renderValue(x));
}

function unknownKey(path: PathSegments, key: string, candidates: readonly string[], ctx: ReadContext): void {
  if (ctx.findings.full) {
    ctx.findings.uncounted++;
    return;
  }
  const hint = suggestion(key, candidates);
  if (ctx.mode === 'drop') ctx.findings.notice(`${renderPath(path)}: unknown field dropped${hint}`);
  else ctx.findings.add({ segments: path, message: `unknown field${hint}` });
}

function readObject(x: unknown, fields: ReadonlyMap<string, Shape>, path: PathSegments, ctx: ReadContext): unknown {
  if (!isPlainObject(x)) return leaf(x);
  const keys = keysOf(x, path, ctx);
  if (keys === null) return opaque('an unreadable object');
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const known = [...fields.keys()];
  for (const key of keys) {
    const field = fields.get(key);
    const at = [...path, key];
    if (field === undefined) {
      unknownKey(at, key, known, ctx);
      continue;
    }
    const got = property(x, key, at, ctx);
    if (got === null) continue;
    const value = read(got.value, field, at, ctx);
    if (value === REMOVED) return REMOVED;
    out[key] = value;
  }
  return out;
}

function readVariant(x: unknown, key: string, options: ReadonlyMap<string, Shape>, path: PathSegments, ctx: ReadContext): unknown {
  if (!isPlainObject(x)) return leaf(x);
  const got = property(x, key, [...path, key], ctx);
  if (got === null) return Object.create(null) as unknown;
  const option = typeof got.value === 'string' ? options.get(got.value) : undefined;
  if (option?.kind === 'object') return readObject(x, option.fields, path, ctx);
  // An unknown kind: its fields cannot be checked until the kind is fixed; the validator reports the kind.
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  out[key] = leaf(got.value);
  return out;
}

function readArray(x: unknown, item: Shape, maxItems: number, path: PathSegments, ctx: ReadContext): unknown {
  if (x === null || typeof x !== 'object') return leaf(x);
  const array = isArray(x);
  if (array !== true) return leaf(x);
  let length: number;
  try {
    length = (x as unknown[]).length;
  } catch {
    ctx.findings.add({ segments: path, message: 'could not be read' });
    return opaque('an unreadable array');
  }
  if (length > maxItems) {
    ctx.findings.add({ segments: path, message: `got an array of ${length} items, expected at most ${maxItems}` });
    return opaque(`an array of ${length} items`);
  }
  const isActions = path.length === 1 && path[0] === 'actions';
  const out: unknown[] = [];
  const index: number[] = [];
  for (let i = 0; i < length; i++) {
    let value: unknown;
    try {
      value = (x as unknown[])[i];
    } catch {
      ctx.findings.add({ segments: [...path, i], message: 'could not be read' });
      continue;
    }
    const clean = read(value, item, [...path, i], ctx);
    if (isActions && clean === REMOVED) continue;
    out.push(clean);
    index.push(i);
  }
  if (isActions && index.length !== length) ctx.actionIndex = index;
  return out;
}

function readSet(x: unknown, path: PathSegments, ctx: ReadContext): unknown {
  if (!isPlainObject(x)) return leaf(x);
  const keys = keysOf(x, path, ctx);
  if (keys === null) return opaque('an unreadable object');
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let dropped = 0;
  for (const key of keys) {
    const at = [...path, key];
    const shape = settableShape(key);
    if (shape === undefined) {
      if (isKnownField(key)) {
        ctx.findings.add({
          segments: at,
          message: `cannot be changed by an action (only fields under ${SETTABLE_ROOTS.join(', ')} can be, and a graph's parameters, not its structure)`,
        });
      } else {
        unknownKey(at, key, SETTABLE_PATHS, ctx);
        dropped++;
      }
      continue;
    }
    const got = property(x, key, at, ctx);
    if (got !== null) out[key] = read(got.value, shape, at, ctx);
  }
  const actionPath = path.slice(0, -1);
  if (ctx.mode === 'drop' && keys.length > 0 && dropped === keys.length && actionPath.length === 2) {
    ctx.findings.notice(`${renderPath(actionPath)}: every path it sets is unknown; action dropped`);
    return REMOVED;
  }
  return out;
}

function isKnownField(path: string): boolean {
  const segments = path.split('.');
  return !isSettablePath(path) && (shapeAt(segments) !== undefined || segments[0] === 'graph');
}

function read(x: unknown, shape: Shape, path: PathSegments, ctx: ReadContext): unknown {
  switch (shape.kind) {
    case 'object':
      return readObject(x, shape.fields, path, ctx);
    case 'variant':
      return readVariant(x, shape.key, shape.options, path, ctx);
    case 'array':
      return readArray(x, shape.item, shape.maxItems, path, ctx);
    case 'set':
      return readSet(x, path, ctx);
    case 'leaf':
      return leaf(x);
  }
}

/** Reads a whole scenario; `found` gets a problem at the root if the input is not a JSON object. */
export function readScenario(input: unknown, ctx: ReadContext): unknown {
  return read(input, SCENARIO_SHAPE, [], ctx);
}

/** Reads the `set` of an action handed over directly (the engine's applySet). */
export function readSetInput(set: unknown, path: PathSegments, ctx: ReadContext): unknown {
  return readSet(set, path, ctx);
}
