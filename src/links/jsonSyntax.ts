/** Where a text stops being JSON, and what was expected there. */
export interface JsonSyntaxError {
  /** Offset of the first character that cannot be part of the JSON text (0-based). */
  offset: number;
  /** 1-based line and column of that character. */
  line: number;
  column: number;
  message: string;
}

type State = 'value' | 'valueOrEnd' | 'keyOrEnd' | 'key' | 'colon' | 'commaOrEnd' | 'done';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrtu';

/** Thrown inside the scan only, caught by findJsonError. */
class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset just past the string starting at `start` (a `"`). */
function endOfString(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    if (j >= text.length) throw new Stop(j, 'the text ends inside a string');
    const ch = text.charCodeAt(j);
    if (ch === 34) return j + 1;
    if (ch < 0x20) throw new Stop(j, 'a control character (such as a line break) inside a string');
    if (ch === 92) {
      const next = text.charAt(j + 1);
      if (!ESCAPES.includes(next) || next === '') throw new Stop(j, 'an invalid escape in a string');
      if (next === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) throw new Stop(j, 'an invalid \\u escape in a string');
      j += next === 'u' ? 6 : 2;
      continue;
    }
    j++;
  }
}

function scan(text: string): void {
  const stack: string[] = [];
  let state: State = 'value';
  let i = 0;
  const after = (): State => (stack.length === 0 ? 'done' : 'commaOrEnd');
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= text.length) {
      if (state === 'done') return;
      throw new Stop(i, text.trim() === '' ? 'the text is empty' : 'the text ends before the JSON value does');
    }
    const c = text.charAt(i);
    switch (state) {
      case 'value':
      case 'valueOrEnd':
        if (state === 'valueOrEnd' && c === ']') {
          stack.pop();
          i++;
          state = after();
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
        } else if (c === '"') {
          i = endOfString(text, i);
          state = after();
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (m === null) throw new Stop(i, 'an invalid number');
          i += m[0].length;
          state = after();
        } else {
          const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (word === undefined) throw new Stop(i, 'expected a value (an object, array, string, number, true, false or null)');
          i += word.length;
          state = after();
        }
        break;
      case 'keyOrEnd':
      case 'key':
        if (state === 'keyOrEnd' && c === '}') {
          stack.pop();
          i++;
          state = after();
        } else if (c === '"') {
          i = endOfString(text, i);
          state = 'colon';
        } else {
          throw new Stop(i, state === 'key' ? 'expected a property name in double quotes' : 'expected a property name in double quotes or "}"');
        }
        break;
      case 'colon':
        if (c !== ':') throw new Stop(i, 'expected ":" after a property name');
        i++;
        state = 'value';
        break;
      case 'commaOrEnd': {
        const close = stack.at(-1) === '{' ? '}' : ']';
        if (c === ',') {
          i++;
          state = close === '}' ? 'key' : 'value';
        } else if (c === close) {
          stack.pop();
          i++;
          state = after();
        } else {
          throw new Stop(i, `expected "," or "${close}"`);
        }
        break;
      }
      case 'done':
        throw new Stop(i, 'unexpected text after the JSON value');
    }
  }
}

/**
 * The first place where `text` is not JSON (RFC 8259, as JSON.parse reads it), or null when it
 * is JSON. Browsers word and place JSON.parse's errors differently, and some give no position:
 * this gives the same line and column everywhere. Iterative, so nesting depth costs no stack.
 */
export function findJsonError(text: string): JsonSyntaxError | null {
  try {
    scan(text);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { offset: e.offset, ...lineColumn(text, e.offset), message: e.message };
  }
}
