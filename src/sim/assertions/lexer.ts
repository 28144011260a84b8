// Tokens of the assertion language (docs/scenario.md, "Assertions"). Only the characters listed
// here are accepted; anything else is refused with its column, so no input can reach JavaScript.

export type TokenKind = 'number' | 'name' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface Token {
  kind: TokenKind;
  /** The text as written (an operator in its canonical spelling: `≤` becomes `<=`). */
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
  /** For a number: its value in base units (seconds, ratios), unit applied. */
  value?: number;
  /** For a number: the unit written after it, or '' when none. */
  unit?: '' | 'ms' | 's' | '%';
}

/** An assertion that cannot be read: the message names the column and what was expected. */
export class AssertionSyntaxError extends Error {
  constructor(
    readonly column: number,
    readonly detail: string,
  ) {
    super(`column ${column}: ${detail}`);
    this.name = 'AssertionSyntaxError';
  }
}

const OPERATORS: readonly (readonly [string, string])[] = [
  ['<=', '<='],
  ['>=', '>='],
  ['==', '=='],
  ['!=', '!='],
  ['≤', '<='],
  ['≥', '>='],
  ['≠', '!='],
  ['<', '<'],
  ['>', '>'],
  ['+', '+'],
  ['-', '-'],
  ['*', '*'],
  ['/', '/'],
];

// Divisors, not factors: 95 / 100 is the double nearest 0.95, 95 * 0.01 is not.
const UNITS: Record<string, { unit: 'ms' | 's' | '%'; divisor: number }> = {
  ms: { unit: 'ms', divisor: 1000 },
  s: { unit: 's', divisor: 1 },
  '%': { unit: '%', divisor: 100 },
};

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isNamePart(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}

/** What a character is, for a message: printable ones quoted, others by code point. */
export function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code >= 0x20 && code < 0x7f ? JSON.stringify(c) : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

function readNumber(text: string, start: number): Token {
  let i = start;
  while (i < text.length && isDigit(text[i]!)) i++;
  if (text[i] === '.') {
    i++;
    if (!isDigit(text[i] ?? '')) throw new AssertionSyntaxError(i + 1, 'expected a digit after the decimal point');
    while (i < text.length && isDigit(text[i]!)) i++;
  }
  const digits = text.slice(start, i);
  // A unit may follow directly or after spaces: 800ms, 800 ms, 95%.
  let j = i;
  while (text[j] === ' ') j++;
  let unit: '' | 'ms' | 's' | '%' = '';
  let divisor = 1;
  let end = i;
  if (text[j] === '%') {
    unit = '%';
    divisor = UNITS['%']!.divisor;
    end = j + 1;
  } else if (isNameStart(text[j] ?? '')) {
    let k = j;
    while (k < text.length && isNamePart(text[k]!)) k++;
    const word = text.slice(j, k);
    const known = UNITS[word];
    if (known !== undefined) {
      unit = known.unit;
      divisor = known.divisor;
      end = k;
    } else if (j === i) {
      throw new AssertionSyntaxError(j + 1, `unknown unit ${JSON.stringify(word)}, expected ms, s or %`);
    }
  }
  const value = Number(digits) / divisor;
  if (!Number.isFinite(value)) throw new AssertionSyntaxError(start + 1, `the number ${digits} is too large`);
  return { kind: 'number', text: text.slice(start, end), column: start + 1, value, unit };
}

/** The tokens of `text`, ending with an `end` token. Throws AssertionSyntaxError. */
export function tokenize(text: string, maxTokens: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (tokens.length >= maxTokens) throw new AssertionSyntaxError(i + 1, `too long: at most ${maxTokens} tokens`);
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      const token = readNumber(text, i);
      tokens.push(token);
      i = token.column - 1 + token.text.length;
      continue;
    }
    if (isNameStart(c)) {
      let j = i;
      // A name may be dotted: shard.0.utilisation.
      while (j < text.length && (isNamePart(text[j]!) || (text[j] === '.' && isNamePart(text[j + 1] ?? '')))) j++;
      tokens.push({ kind: 'name', text: text.slice(i, j), column: i + 1 });
      i = j;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, column: i + 1 });
      i++;
      continue;
    }
    const op = OPERATORS.find(([written]) => text.startsWith(written, i));
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op[1], column: i + 1 });
      i += op[0].length;
      continue;
    }
    if (c === '=') throw new AssertionSyntaxError(i + 1, 'unexpected "=", expected == (or <=, >=)');
    if (c === '&' || c === '|' || c === '!') {
      throw new AssertionSyntaxError(i + 1, `unexpected ${describeChar(c)}, expected and, or, not`);
    }
    throw new AssertionSyntaxError(i + 1, `unexpected character ${describeChar(c)}`);
  }
  tokens.push({ kind: 'end', text: '', column: text.length + 1 });
  return tokens;
}
