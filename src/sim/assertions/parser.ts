// The assertion language's grammar (docs/scenario.md, "Assertions"): a recursive-descent parser
// into a small tree that only evaluate.ts interprets. Nothing here is ever handed to JavaScript.
//
//   check      := or
//   or         := and ("or" and)*
//   and        := not ("and" not)*
//   not        := "not" not | comparison
//   comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
//   sum        := product (("+" | "-") product)*
//   product    := unary (("*" | "/") unary)*
//   unary      := "-" unary | primary
//   primary    := number unit? | series | fn "(" sum "," duration ")" | "abs" "(" sum ")" | "(" or ")"

import { SERIES_NAMES } from '../engine/result';
import { AssertionSyntaxError, tokenize, type Token } from './lexer';

/** Longest check text, characters. */
export const MAX_CHECK_LENGTH = 300;
/** Most tokens in one check. */
export const MAX_CHECK_TOKENS = 100;
/** Deepest nesting of parentheses, `not` and unary minus. */
export const MAX_CHECK_DEPTH = 16;
/** Longest window of mean/min/max, seconds. */
export const MAX_WINDOW = 3600;

export const WINDOW_FUNCTIONS = ['mean', 'min', 'max'] as const;
export type WindowFunction = (typeof WINDOW_FUNCTIONS)[number];
export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A series the check reads: one of the run's series, or one shard's (backend's) utilisation. */
export type SeriesRef = { kind: 'series'; name: (typeof SERIES_NAMES)[number] } | { kind: 'shard'; index: number };

export type NumNode =
  | { type: 'num'; value: number }
  | { type: 'series'; ref: SeriesRef; text: string; column: number }
  | { type: 'neg'; arg: NumNode }
  | { type: 'arith'; op: '+' | '-' | '*' | '/'; left: NumNode; right: NumNode }
  | { type: 'abs'; arg: NumNode }
  | { type: 'window'; fn: WindowFunction; arg: NumNode; seconds: number };

export type BoolNode =
  | { type: 'compare'; op: Comparison; left: NumNode; right: NumNode; text: string }
  | { type: 'and' | 'or'; args: BoolNode[] }
  | { type: 'not'; arg: BoolNode };

type Node = NumNode | BoolNode;

const KEYWORDS = ['and', 'or', 'not', 'abs', ...WINDOW_FUNCTIONS];
const COMPARISONS: readonly string[] = ['<', '<=', '>', '>=', '==', '!='];
const SERIES: readonly string[] = SERIES_NAMES;

function isBool(node: Node): node is BoolNode {
  return node.type === 'compare' || node.type === 'and' || node.type === 'or' || node.type === 'not';
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end' : JSON.stringify(token.text);
}

/** The series a name stands for, or a syntax error naming what exists. */
export function resolveSeries(name: string, column: number): SeriesRef {
  if (SERIES.includes(name)) return { kind: 'series', name: name as (typeof SERIES_NAMES)[number] };
  const shard = /^shard\.(\d{1,4})\.utilisation$/.exec(name);
  if (shard !== null) return { kind: 'shard', index: Number(shard[1]) };
  if (name.startsWith('shard.')) {
    throw new AssertionSyntaxError(column, `unknown series ${JSON.stringify(name)}, expected shard.<index>.utilisation (index from 0)`);
  }
  if (name.startsWith('service.')) {
    throw new AssertionSyntaxError(column, `unknown series ${JSON.stringify(name)}: this scenario has one service; per-service series need a graph of services`);
  }
  throw new AssertionSyntaxError(column, `unknown name ${JSON.stringify(name)}, expected a series (${SERIES.filter((s) => s !== 't').join(', ')}, shard.<index>.utilisation), a number, or mean/min/max/abs`);
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'end') this.pos++;
    return t;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.text === word;
  }

  private expect(kind: Token['kind'], what: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw new AssertionSyntaxError(t.column, `expected ${what}, got ${describe(t)}`);
    return this.next();
  }

  private enter(column: number): void {
    if (++this.depth > MAX_CHECK_DEPTH) throw new AssertionSyntaxError(column, `nested too deeply: at most ${MAX_CHECK_DEPTH} levels`);
  }

  check(): BoolNode {
    const node = this.or();
    const t = this.peek();
    if (t.kind !== 'end') {
      throw new AssertionSyntaxError(t.column, `expected and, or, an operator or the end, got ${describe(t)}`);
    }
    if (!isBool(node)) {
      throw new AssertionSyntaxError(t.column, 'expected a comparison (<, <=, >, >=, ==, !=): a check must be true or false');
    }
    return node;
  }

  private logic(word: 'and' | 'or', operand: () => Node): Node {
    const first = this.peek();
    const args: Node[] = [operand()];
    while (this.isWord(word)) {
      const t = this.next();
      args.push(operand());
      for (const [i, a] of args.entries()) {
        if (!isBool(a)) throw new AssertionSyntaxError(i === 0 ? first.column : t.column, `"${word}" joins comparisons, got a number`);
      }
    }
    return args.length === 1 ? args[0]! : { type: word, args: args as BoolNode[] };
  }

  private or(): Node {
    return this.logic('or', () => this.and());
  }

  private and(): Node {
    return this.logic('and', () => this.not());
  }

  private not(): Node {
    if (!this.isWord('not')) return this.comparison();
    const t = this.next();
    this.enter(t.column);
    const arg = this.not();
    this.depth--;
    if (!isBool(arg)) throw new AssertionSyntaxError(t.column, '"not" takes a comparison, got a number');
    return { type: 'not', arg };
  }

  private comparison(): Node {
    const start = this.peek().column;
    const left = this.sum();
    const t = this.peek();
    if (t.kind !== 'op' || !COMPARISONS.includes(t.text)) return left;
    this.next();
    const right = this.sum();
    if (isBool(left) || isBool(right)) throw new AssertionSyntaxError(t.column, 'a comparison compares numbers, not comparisons');
    const after = this.peek();
    if (after.kind === 'op' && COMPARISONS.includes(after.text)) {
      throw new AssertionSyntaxError(after.column, 'one comparison at a time: join them with and');
    }
    const end = after.column - 1;
    return { type: 'compare', op: t.text as Comparison, left, right, text: this.source.slice(start - 1, end).trim() };
  }

  private arith(ops: readonly string[], operand: () => Node): Node {
    let left = operand();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !ops.includes(t.text)) return left;
      this.next();
      const right = operand();
      if (isBool(left) || isBool(right)) throw new AssertionSyntaxError(t.column, `"${t.text}" takes numbers, got a comparison`);
      left = { type: 'arith', op: t.text as '+' | '-' | '*' | '/', left, right };
    }
  }

  private sum(): Node {
    return this.arith(['+', '-'], () => this.product());
  }

  private product(): Node {
    return this.arith(['*', '/'], () => this.unary());
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== '-') return this.primary();
    this.next();
    this.enter(t.column);
    const arg = this.unary();
    this.depth--;
    if (isBool(arg)) throw new AssertionSyntaxError(t.column, '"-" takes a number, got a comparison');
    return { type: 'neg', arg };
  }

  private numberArg(): NumNode {
    const t = this.peek();
    const node = this.sum();
    if (isBool(node)) throw new AssertionSyntaxError(t.column, 'expected a number, got a comparison');
    return node;
  }

  private primary(): Node {
    const t = this.peek();
    if (t.kind === 'number') {
      this.next();
      return { type: 'num', value: t.value ?? 0 };
    }
    if (t.kind === 'lparen') {
      this.next();
      this.enter(t.column);
      const inner = this.or();
      this.depth--;
      this.expect('rparen', '")"');
      return inner;
    }
    if (t.kind === 'name') {
      if ((WINDOW_FUNCTIONS as readonly string[]).includes(t.text)) return this.windowCall(t);
      if (t.text === 'abs') {
        this.next();
        this.enter(t.column);
        this.expect('lparen', '"(" after abs');
        const arg = this.numberArg();
        this.expect('rparen', '")"');
        this.depth--;
        return { type: 'abs', arg };
      }
      if (KEYWORDS.includes(t.text)) throw new AssertionSyntaxError(t.column, `expected a number or a series, got "${t.text}"`);
      this.next();
      return { type: 'series', ref: resolveSeries(t.text, t.column), text: t.text, column: t.column };
    }
    throw new AssertionSyntaxError(t.column, `expected a number, a series or "(", got ${describe(t)}`);
  }

  private windowCall(t: Token): NumNode {
    this.next();
    this.enter(t.column);
    this.expect('lparen', `"(" after ${t.text}`);
    const arg = this.numberArg();
    this.expect('comma', `"," and a window (${t.text}(x, 10s))`);
    const w = this.peek();
    if (w.kind !== 'number' || (w.unit !== 's' && w.unit !== 'ms')) {
      throw new AssertionSyntaxError(w.column, `expected a window in s or ms (such as 10s), got ${describe(w)}`);
    }
    this.next();
    const seconds = w.value ?? 0;
    if (!(seconds > 0 && seconds <= MAX_WINDOW)) {
      throw new AssertionSyntaxError(w.column, `got a window of ${w.text}, expected more than 0 s and at most ${MAX_WINDOW} s`);
    }
    this.expect('rparen', '")"');
    this.depth--;
    return { type: 'window', fn: t.text as WindowFunction, arg, seconds };
  }
}

/** The tree of a check, or AssertionSyntaxError naming the column and what was expected. */
export function parseCheck(text: string): BoolNode {
  if (text.length > MAX_CHECK_LENGTH) {
    throw new AssertionSyntaxError(MAX_CHECK_LENGTH + 1, `too long: ${text.length} characters, expected at most ${MAX_CHECK_LENGTH}`);
  }
  if (text.trim() === '') throw new AssertionSyntaxError(1, 'empty, expected a comparison such as amplification <= 1.3');
  return new Parser(tokenize(text, MAX_CHECK_TOKENS), text).check();
}

/** The shard series a check reads, with their columns. */
export function shardSeries(node: BoolNode | NumNode): { index: number; column: number }[] {
  switch (node.type) {
    case 'series':
      return node.ref.kind === 'shard' ? [{ index: node.ref.index, column: node.column }] : [];
    case 'num':
      return [];
    case 'neg':
    case 'abs':
    case 'window':
    case 'not':
      return shardSeries(node.arg);
    case 'arith':
    case 'compare':
      return [...shardSeries(node.left), ...shardSeries(node.right)];
    case 'and':
    case 'or':
      return node.args.flatMap(shardSeries);
  }
}

/** The first shard series a check reads that a scenario with `stations` servers lacks, as an error at its column; else null. */
export function missingShard(node: BoolNode, stations: number): AssertionSyntaxError | null {
  const bad = shardSeries(node).find((s) => s.index >= stations || stations === 1);
  if (bad === undefined) return null;
  const has = stations === 1 ? 'has one server and no shards (set fanout or partitions)' : `has ${stations} (shard.0 to shard.${stations - 1})`;
  return new AssertionSyntaxError(bad.column, `no shard ${bad.index}, this scenario ${has}`);
}
