/**
 * How much JSON a scenario may be, checked while reading the text and before any of it is turned into values: its
 * length, how deep it nests, how many keys an object has and how many items an array has. The largest scenario the
 * format allows (10,000 actions, 1,000 triggers, 1,000 profile points) is far inside every limit, so only input that
 * is not a scenario is refused, and refusing it costs one pass over at most `maxLength` characters.
 */
import { MAX_ACTIONS } from './schema';

export interface JsonLimits {
  /** Characters of text (a file's bytes are checked against it before reading). */
  maxLength: number;
  /** Arrays and objects inside one another. */
  maxDepth: number;
  /** Keys of one object. */
  maxKeys: number;
  /** Items of one array. */
  maxItems: number;
}

/** The limits for a scenario, wherever it comes from (a file, the page's import, a link). */
export const SCENARIO_JSON_LIMITS: Readonly<JsonLimits> = {
  maxLength: 4 * 1024 * 1024,
  maxDepth: 32,
  maxKeys: 256,
  maxItems: MAX_ACTIONS,
};

/** Why a text is refused before it is parsed: the limit, and where in the document it was passed. */
export interface JsonLimitBreach {
  limit: keyof JsonLimits;
  /** The field path (`triggers`, `actions[3].set`, `(root)`) where the limit was passed. */
  path: string;
  message: string;
}

interface Frame {
  kind: 'object' | 'array';
  count: number;
  /** Expecting a key (object) or an item (array) next. */
  expecting: boolean;
  /** The key being read (object), as text. */
  key: string;
}

/** Path segments shown before the rest is elided (a path as deep as the depth limit reads badly in a message). */
const PATH_SHOWN = 8;

function pathOf(stack: readonly Frame[]): string {
  let path = '';
  for (let i = 0; i < stack.length - 1; i++) {
    if (i === PATH_SHOWN) {
      path += '…';
      break;
    }
    const f = stack[i]!;
    path += f.kind === 'array' ? `[${f.count - 1}]` : (path === '' ? '' : '.') + f.key;
  }
  return path === '' ? '(root)' : path;
}

/** Where a string starting at `start` (a `"`) ends, just past its closing quote; the text's length when it never ends. */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === 34) return i + 1;
    else i++;
  }
  return text.length;
}

const KEY_SHOWN = 40;

/**
 * The first limit `text` passes, or null when it is within all of them. Only the structure is read, not the values,
 * and text that is not JSON is left for the parser to name; the pass is linear and allocates only its stack.
 */
export function checkJsonLimits(text: string, limits: Readonly<JsonLimits> = SCENARIO_JSON_LIMITS): JsonLimitBreach | null {
  if (text.length > limits.maxLength) {
    return {
      limit: 'maxLength',
      path: '(root)',
      message: `${text.length} characters, expected at most ${limits.maxLength} (a scenario is far smaller; see "How much work a scenario may ask for" in docs/scenario.md)`,
    };
  }
  const stack: Frame[] = [];
  const item = (array: Frame): JsonLimitBreach | null => {
    array.count++;
    array.expecting = false;
    if (array.count <= limits.maxItems) return null;
    return {
      limit: 'maxItems',
      path: pathOf(stack),
      message: `an array of more than ${limits.maxItems} items (the longest list in a scenario, its actions, holds at most ${limits.maxItems})`,
    };
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    const top = stack[stack.length - 1];
    if (c === 44) {
      if (top !== undefined) top.expecting = true;
      continue;
    }
    if (c === 93 || c === 125) {
      stack.pop();
      continue;
    }
    if (top?.kind === 'array' && top.expecting) {
      const breach = item(top);
      if (breach !== null) return breach;
    }
    if (c === 34) {
      const end = endOfString(text, i);
      if (top?.kind === 'object' && top.expecting) {
        top.count++;
        top.expecting = false;
        top.key = text.slice(i + 1, Math.min(end - 1, i + 1 + KEY_SHOWN));
        if (top.count > limits.maxKeys) {
          return { limit: 'maxKeys', path: pathOf(stack), message: `an object with more than ${limits.maxKeys} keys (no part of a scenario has so many)` };
        }
      }
      i = end - 1;
      continue;
    }
    if (c === 123 || c === 91) {
      if (stack.length >= limits.maxDepth) {
        return {
          limit: 'maxDepth',
          path: pathOf([...stack, { kind: 'object', count: 0, expecting: false, key: '' }]),
          message: `nested more than ${limits.maxDepth} levels deep (a scenario nests at most a few)`,
        };
      }
      stack.push({ kind: c === 123 ? 'object' : 'array', count: 0, expecting: true, key: '' });
    }
  }
  return null;
}

/** Text refused by `checkJsonLimits`: the message names the limit and the field where it was passed. */
export class JsonLimitError extends Error {
  constructor(readonly breach: JsonLimitBreach) {
    super(`${breach.path}: ${breach.message}`);
    this.name = 'JsonLimitError';
  }
}

/**
 * `JSON.parse` of a text within the limits (a leading byte-order mark is skipped). Throws `JsonLimitError` before
 * parsing when a limit is passed, and JSON.parse's `SyntaxError` when the text is not JSON.
 */
export function parseBoundedJson(text: string, limits: Readonly<JsonLimits> = SCENARIO_JSON_LIMITS): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const breach = checkJsonLimits(body, limits);
  if (breach !== null) throw new JsonLimitError(breach);
  return JSON.parse(body) as unknown;
}
