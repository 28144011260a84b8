import { ScenarioError } from './errors';
import { renderValue } from './render';

// Dotted paths into plain data: `client.retry.maxRetries`, `triggers.0.at`.
// Used by `--set`, operator actions and links, so they refuse the keys that reach
// into prototypes, and writes copy every container they pass through.

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX = /^(0|[1-9][0-9]*)$/;
/** Largest array index a path may address: scenario arrays are far shorter, and a huge sparse array helps nobody. */
export const MAX_PATH_INDEX = 100_000;

function fail(path: string, message: string): never {
  throw new ScenarioError([{ path: path === '' ? 'scenario' : path, message }]);
}

/** Most segments a path may have: a scenario nests at most a few levels (and its text at most 32). */
export const MAX_PATH_SEGMENTS = 32;
/** Longest path, characters: every field path of a scenario is far shorter. */
export const MAX_PATH_LENGTH = 1000;

/** The start of a path, for a message about it. */
export function pathStart(path: string): string {
  return path.length > 40 ? `${path.slice(0, 40)}…` : path;
}

/** Why a path is too long or too deep to be a field's, or null. Checked before the path is split. */
export function pathTooLong(path: string): string | null {
  if (path.length > MAX_PATH_LENGTH) return `a path of ${path.length} characters, expected at most ${MAX_PATH_LENGTH}`;
  let dots = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 46) dots++;
  if (dots + 1 > MAX_PATH_SEGMENTS) return `a path of ${dots + 1} segments, expected at most ${MAX_PATH_SEGMENTS} (fields nest a few levels deep)`;
  return null;
}

/** The segments of a dotted path; throws ScenarioError on a path too long or too deep, an empty segment or a prototype key. */
export function splitPath(path: string): string[] {
  const tooLong = pathTooLong(path);
  if (tooLong !== null) fail(pathStart(path), tooLong);
  const segments = path.split('.');
  let where = '';
  segments.forEach((segment, i) => {
    where = i === 0 ? segment : `${where}.${segment}`;
    if (segment === '') fail(path === '' ? '' : path, 'empty path segment: write paths like "client.retry.maxRetries"');
    if (FORBIDDEN.has(segment)) fail(where, `"${segment}" is not allowed in a path`);
  });
  return segments;
}

function isArray(x: unknown): x is unknown[] {
  return Array.isArray(x);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function own(container: unknown, segment: string): unknown {
  if (isArray(container)) return INDEX.test(segment) ? container[Number(segment)] : undefined;
  if (isPlainObject(container) && Object.hasOwn(container, segment)) return container[segment];
  return undefined;
}

/** The value at `path`, or `undefined` if any step is missing (own properties only). */
export function getPath(obj: unknown, path: string): unknown {
  let at = obj;
  for (const segment of splitPath(path)) {
    at = own(at, segment);
    if (at === undefined) return undefined;
  }
  return at;
}

function define(target: object, key: string, value: unknown): void {
  // defineProperty, not assignment: a copied own "__proto__" key must stay a plain key.
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function copyObject(source: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) define(copy, key, source[key]);
  return copy;
}

function setIn(container: unknown, segments: readonly string[], i: number, value: unknown): unknown {
  if (i === segments.length) return value;
  const segment = segments[i] ?? '';
  const where = segments.slice(0, i).join('.');
  const isIndex = INDEX.test(segment);
  const current = container ?? (isIndex ? [] : {});
  if (isArray(current)) {
    if (!isIndex) fail(where, `is an array: address its items by index, not "${segment}"`);
    const index = Number(segment);
    if (index > MAX_PATH_INDEX) fail(`${where}.${segment}`, `index too large (at most ${MAX_PATH_INDEX})`);
    const copy = current.slice();
    copy[index] = setIn(current[index], segments, i + 1, value);
    return copy;
  }
  if (isPlainObject(current)) {
    const copy = copyObject(current);
    define(copy, segment, setIn(own(current, segment), segments, i + 1, value));
    return copy;
  }
  return fail(where, `got ${renderValue(current)}, which has no field "${segment}" to set`);
}

/**
 * A copy of `obj` with the value at `path` replaced (copy on write: containers along the
 * path are copied, the rest shared). Missing or null containers along the way are created:
 * an array when the next segment is an index, an object otherwise.
 */
export function setPath(obj: unknown, path: string, value: unknown): unknown {
  return setIn(obj, splitPath(path), 0, value);
}
