import * as v from 'valibot';
import { suggestion } from './didYouMean';
import { quote, renderValue } from './render';

/** An allowed numeric range; bounds are inclusive unless marked exclusive. */
export interface NumberRange {
  min: number;
  max: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
  nullable?: boolean;
}

// Leaf schemas keep the phrase that says what they accept, so a missing required
// field can be reported with the same words as a wrong one.
const EXPECTED = new WeakMap<object, string>();

/** What a field schema accepts, in words ("an integer from 0 to 100"), if it is one of ours. */
export function expectedText(schema: object): string | undefined {
  return EXPECTED.get(schema);
}

/** Marks `schema` as accepting what `expected` says, for the message of a missing value. */
export function remember<T extends object>(schema: T, expected: string): T {
  EXPECTED.set(schema, expected);
  return schema;
}

/** "got -1, expected …", or "missing, expected …" for an absent value. */
export function problem(input: unknown, expected: string): string {
  return `${input === undefined ? 'missing' : `got ${renderValue(input)}`}, expected ${expected}`;
}

/** `a number from 0 (exclusive) to 10000000`, `null or an integer from 1 to 100000`. */
export function describeRange(range: NumberRange): string {
  const kind = range.integer === true ? 'an integer' : 'a number';
  const low = `${range.min}${range.minExclusive === true ? ' (exclusive)' : ''}`;
  const high = `${range.max}${range.maxExclusive === true ? ' (exclusive)' : ''}`;
  return `${range.nullable === true ? 'null or ' : ''}${kind} from ${low} to ${high}`;
}

/** Whether `x` lies in `range` (a finite number, an integer if asked, or null if allowed). */
export function inRange(x: unknown, range: NumberRange): boolean {
  if (x === null) return range.nullable === true;
  if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  if (range.integer === true && !Number.isInteger(x)) return false;
  if (range.minExclusive === true ? x <= range.min : x < range.min) return false;
  if (range.maxExclusive === true ? x >= range.max : x > range.max) return false;
  return true;
}

/** -0 becomes 0, so a normalised scenario survives a JSON round trip unchanged. */
function positiveZero<T>(x: T): T {
  return (x === 0 ? 0 : x) as T;
}

/** A required number in a range. */
export function numberIn(range: NumberRange & { nullable?: false }) {
  const expected = describeRange(range);
  return remember(
    v.pipe(
      v.custom<number>((x) => inRange(x, range), (issue) => problem(issue.input, expected)),
      v.transform(positiveZero),
    ),
    expected,
  );
}

/** A number in a range, `default_` when omitted. */
export function number(range: NumberRange & { nullable?: false }, default_: number) {
  const inner = numberIn(range);
  return remember(v.optional(inner, default_), describeRange(range));
}

/** `null` or a number in a range, `default_` when omitted. */
export function nullableNumber(range: NumberRange, default_: number | null) {
  const full = { ...range, nullable: true };
  const expected = describeRange(full);
  const inner = v.pipe(
    v.custom<number | null>((x) => inRange(x, full), (issue) => problem(issue.input, expected)),
    v.transform(positiveZero),
  );
  return remember(v.optional(inner, default_), expected);
}

/** One of a fixed set of strings, with a did-you-mean for a near miss. */
export function oneOfIn<const T extends string>(options: readonly T[]) {
  const expected = `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
  return remember(
    v.custom<T>(
      (x) => typeof x === 'string' && (options as readonly string[]).includes(x),
      (issue) =>
        problem(issue.input, expected) + (typeof issue.input === 'string' ? suggestion(issue.input, options) : ''),
    ),
    expected,
  );
}

export function oneOf<const T extends string>(options: readonly T[], default_: T) {
  const inner = oneOfIn(options);
  return remember(v.optional(inner, default_), expectedText(inner) ?? '');
}

export function boolean(default_: boolean) {
  const expected = 'true or false';
  return remember(
    v.optional(v.custom<boolean>((x) => typeof x === 'boolean', (issue) => problem(issue.input, expected)), default_),
    expected,
  );
}

export function text(maxLength: number, default_: string) {
  const expected = `a string of at most ${maxLength} characters`;
  return remember(
    v.optional(
      v.custom<string>(
        (x) => typeof x === 'string' && x.length <= maxLength,
        (issue) =>
          typeof issue.input === 'string'
            ? `got a string of ${issue.input.length} characters (${quote(issue.input)}), expected at most ${maxLength}`
            : problem(issue.input, expected),
      ),
      default_,
    ),
    expected,
  );
}

/** Exactly `value` (the format version), `value` when omitted. */
export function exactly<const T extends number>(value: T, why: string) {
  const expected = `${value} (${why})`;
  return remember(
    v.optional(v.custom<T>((x) => x === value, (issue) => problem(issue.input, expected)), value),
    expected,
  );
}

function objectMessage(entries: v.ObjectEntries, expected: string) {
  return (issue: v.BaseIssue<unknown>): string => {
    const key = issue.path?.[0]?.key;
    if (typeof key === 'string') {
      const field = entries[key];
      return problem(undefined, (field && expectedText(field)) ?? 'a value');
    }
    return problem(issue.input, expected);
  };
}

/** An object of these fields (unknown keys are removed before validation, see read.ts). */
export function section<const E extends v.ObjectEntries>(entries: E) {
  return remember(v.object(entries, objectMessage(entries, 'a JSON object')), 'a JSON object');
}

/** `null` or an object of these fields. */
export function nullableSection<const E extends v.ObjectEntries>(entries: E) {
  const expected = 'null or a JSON object';
  return remember(v.nullable(v.object(entries, objectMessage(entries, expected))), expected);
}

/** An array of at most `max` items, each checked by `item`. */
export function list<T extends v.GenericSchema>(item: T, max: number) {
  const expected = `an array of at most ${max} items`;
  return v.pipe(
    v.array(item, (issue) => problem(issue.input, expected)),
    v.maxLength(max, (issue) => `got an array of ${String(issue.received)} items, expected at most ${max}`),
  );
}
