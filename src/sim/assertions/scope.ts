// When a check is judged (docs/scenario.md, "Assertions"): always, outside or during triggers,
// from N s after each trigger ends, or within N s after each trigger ends (a recovery goal).

import type { Trigger } from '../scenario/types';
import { AssertionSyntaxError, tokenize } from './lexer';

export type Scope =
  | { kind: 'always' }
  | { kind: 'outside' }
  | { kind: 'during' }
  | { kind: 'from'; seconds: number }
  | { kind: 'within'; seconds: number };

export const MAX_SCOPE_LENGTH = 60;
/** Longest delay after a trigger, seconds. */
export const MAX_AFTER = 1e7;

export const SCOPE_FORMS = ['always', 'outside triggers', 'during triggers', 'from <N>s after triggers', 'within <N>s after triggers'];
const EXPECTED = `expected ${SCOPE_FORMS.map((f) => JSON.stringify(f)).join(', ')}`;

/** A scope's text as a Scope, or AssertionSyntaxError naming the column. */
export function parseScope(text: string): Scope {
  if (text.length > MAX_SCOPE_LENGTH) throw new AssertionSyntaxError(MAX_SCOPE_LENGTH + 1, `too long, ${EXPECTED}`);
  const tokens = tokenize(text, 8);
  const word = (i: number): string => (tokens[i]?.kind === 'name' ? tokens[i].text : '');
  const fail = (i: number, what: string): never => {
    const t = tokens[i]!;
    throw new AssertionSyntaxError(t.column, `expected ${what}, got ${t.kind === 'end' ? 'the end' : JSON.stringify(t.text)}`);
  };
  const end = (i: number): void => {
    if (tokens[i]?.kind !== 'end') fail(i, 'the end');
  };
  const first = word(0);
  if (first === 'always') {
    end(1);
    return { kind: 'always' };
  }
  if (first === 'outside' || first === 'during') {
    if (word(1) !== 'triggers') fail(1, '"triggers"');
    end(2);
    return { kind: first };
  }
  if (first === 'from' || first === 'within') {
    const n = tokens[1]!;
    if (n.kind !== 'number' || (n.unit !== 's' && n.unit !== 'ms')) fail(1, 'a time in s or ms (such as 60s)');
    const seconds = n.value ?? 0;
    if (seconds > MAX_AFTER) throw new AssertionSyntaxError(n.column, `got ${n.text}, expected at most ${MAX_AFTER} s`);
    if (word(2) !== 'after') fail(2, '"after"');
    if (word(3) !== 'triggers') fail(3, '"triggers"');
    end(4);
    return { kind: first, seconds };
  }
  if (tokens[0]!.kind === 'end') throw new AssertionSyntaxError(1, `empty, ${EXPECTED}`);
  throw new AssertionSyntaxError(tokens[0]!.column, `got ${JSON.stringify(tokens[0]!.text)}, ${EXPECTED}`);
}

/** When a trigger is active: [from, to]; a cache flush is an instant. */
export function activeSpan(t: Trigger): { from: number; to: number } {
  switch (t.kind) {
    case 'cache-flush':
      return { from: t.at, to: t.at };
    case 'random-outages':
      return { from: t.at, to: t.at + t.window + t.duration };
    default:
      return { from: t.at, to: t.at + t.duration };
  }
}

/** The triggers' active spans, overlapping ones merged, in time order. */
export function triggerSpans(triggers: readonly Trigger[]): { from: number; to: number }[] {
  const spans = triggers.map(activeSpan).sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: { from: number; to: number }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}
