import { describe, expect, it } from 'vitest';
import { AssertionSyntaxError, MAX_CHECK_DEPTH, parseCheck, parseScope } from '../../../src/sim/assertions/index';
import { parseScenario, ScenarioError } from '../../../src/sim/scenario/index';

function syntaxError(f: () => unknown): AssertionSyntaxError {
  try {
    f();
  } catch (e) {
    if (e instanceof AssertionSyntaxError) return e;
    throw e;
  }
  throw new Error('no syntax error');
}

function scenarioMessage(raw: unknown): string {
  try {
    parseScenario(raw);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('the scenario was accepted');
}

describe('checks: the grammar', () => {
  it('reads units into seconds and ratios', () => {
    expect(parseCheck('p99 <= 800ms')).toMatchObject({ type: 'compare', op: '<=', right: { type: 'num', value: 0.8 } });
    expect(parseCheck('p99 <= 800 ms')).toMatchObject({ right: { value: 0.8 } });
    expect(parseCheck('p99 < 2s')).toMatchObject({ op: '<', right: { value: 2 } });
    expect(parseCheck('goodput >= 95% * offered')).toMatchObject({
      op: '>=',
      left: { type: 'series', text: 'goodput' },
      right: { type: 'arith', op: '*', left: { type: 'num', value: 0.95 }, right: { type: 'series', text: 'offered' } },
    });
    expect(parseCheck('amplification ≤ 1.3')).toMatchObject({ op: '<=', right: { value: 1.3 } });
    expect(parseCheck('queue ≥ .5')).toMatchObject({ op: '>=', right: { value: 0.5 } });
  });

  it('gives * and / precedence over + and -, and comparisons over and, and over or', () => {
    expect(parseCheck('queue + 2 * inService > 1')).toMatchObject({
      left: { type: 'arith', op: '+', right: { type: 'arith', op: '*' } },
    });
    expect(parseCheck('queue > 1 or queue < 0 and not p99 > 1s')).toMatchObject({
      type: 'or',
      args: [{ type: 'compare' }, { type: 'and', args: [{ type: 'compare' }, { type: 'not', arg: { type: 'compare' } }] }],
    });
    expect(parseCheck('(queue > 1 or queue < 0) and p99 > 1s')).toMatchObject({ type: 'and', args: [{ type: 'or' }, { type: 'compare' }] });
  });

  it('reads windows, abs and shard series', () => {
    expect(parseCheck('mean(goodput, 10s) >= 0.9 * mean(offered, 10s)')).toMatchObject({
      left: { type: 'window', fn: 'mean', seconds: 10 },
      right: { right: { type: 'window', fn: 'mean' } },
    });
    expect(parseCheck('max(queue, 500ms) < 10')).toMatchObject({ left: { type: 'window', fn: 'max', seconds: 0.5 } });
    expect(parseCheck('abs(-queue) < 10')).toMatchObject({ left: { type: 'abs', arg: { type: 'neg' } } });
    expect(parseCheck('shard.3.utilisation < 90%')).toMatchObject({ left: { type: 'series', ref: { kind: 'shard', index: 3 } } });
  });

  it.each([
    ['amplification <=', 1, 17, 'expected a number, a series or "(", got the end'],
    ['amplification <= 1.3 foo', 1, 22, 'expected and, or, an operator or the end, got "foo"'],
    ['ampliffication <= 1.3', 1, 1, 'unknown name "ampliffication"'],
    ['p99 <= 800 sec', 1, 12, 'expected and, or, an operator or the end, got "sec"'],
    ['p99 <= 800sec', 1, 11, 'unknown unit "sec", expected ms, s or %'],
    ['p99 = 1', 1, 5, 'unexpected "=", expected == (or <=, >=)'],
    ['p99 <= 1 && queue < 3', 1, 10, 'unexpected "&", expected and, or, not'],
    ['queue + 1', 1, 10, 'expected a comparison'],
    ['queue < 1 < 2', 1, 11, 'one comparison at a time'],
    ['(queue < 1) + 2 > 0', 1, 13, '"+" takes numbers, got a comparison'],
    ['queue and p99 < 1', 1, 1, '"and" joins comparisons, got a number'],
    ['mean(queue) < 3', 1, 11, 'expected "," and a window'],
    ['mean(queue, 10) < 3', 1, 13, 'expected a window in s or ms'],
    ['mean(queue, 7200s) < 3', 1, 13, 'expected more than 0 s and at most 3600 s'],
    ['shard.x.utilisation < 1', 1, 1, 'expected shard.<index>.utilisation'],
    ['service.db.p99 < 1', 1, 1, 'per-service series need a graph of services'],
    ['queue < 1.', 1, 11, 'expected a digit after the decimal point'],
    ['', 1, 1, 'empty'],
  ])('%j is refused at its column', (text, _line, column, detail) => {
    const e = syntaxError(() => parseCheck(text));
    expect(e.column).toBe(column);
    expect(e.message).toContain(`column ${column}: `);
    expect(e.detail).toContain(detail);
  });

  it('reads scopes', () => {
    expect(parseScope('always')).toEqual({ kind: 'always' });
    expect(parseScope('outside triggers')).toEqual({ kind: 'outside' });
    expect(parseScope('during triggers')).toEqual({ kind: 'during' });
    expect(parseScope('from 60s after triggers')).toEqual({ kind: 'from', seconds: 60 });
    expect(parseScope('within 500 ms after triggers')).toEqual({ kind: 'within', seconds: 0.5 });
    expect(syntaxError(() => parseScope('within 60 after triggers')).detail).toContain('expected a time in s or ms');
    expect(syntaxError(() => parseScope('from 60s before triggers')).column).toBe(10);
    expect(syntaxError(() => parseScope('sometimes')).detail).toContain('expected "always", "outside triggers"');
  });
});

describe('hostile checks are refused with a message and run nothing', () => {
  const sentinel = globalThis as { pwned?: unknown };
  it.each([
    'alert(1)',
    'globalThis.pwned = 1',
    'constructor.constructor("globalThis.pwned = 1")() > 0',
    '__proto__ < 1',
    'queue.__proto__ < 1',
    'queue < 1; globalThis.pwned = 1',
    '`${globalThis.pwned = 1}` > 0',
    'queue < (() => 1)()',
    'queue[0] < 1',
    'require("child_process") > 0',
    'new Function("globalThis.pwned = 1")() > 0',
    'queue < 1 \u2028 globalThis.pwned = 1',
  ])('%j', (text) => {
    const e = syntaxError(() => parseCheck(text));
    expect(e.message).toMatch(/^column \d+: /);
    expect(sentinel.pwned).toBeUndefined();
  });

  it('deep nesting is refused by depth, not by the stack', () => {
    const depth = MAX_CHECK_DEPTH + 1;
    expect(syntaxError(() => parseCheck(`${'('.repeat(depth)}queue < 1${')'.repeat(depth)}`)).detail).toContain('nested too deeply');
    expect(syntaxError(() => parseCheck(`${'not '.repeat(depth)}queue < 1`)).detail).toContain('nested too deeply');
    expect(syntaxError(() => parseCheck(`${'-'.repeat(depth)}queue < 1`)).detail).toContain('nested too deeply');
    expect(parseCheck(`${'('.repeat(MAX_CHECK_DEPTH)}queue < 1${')'.repeat(MAX_CHECK_DEPTH)}`)).toMatchObject({ type: 'compare' });
  });

  it('huge input is refused by its length before it is read', () => {
    const huge = `${'('.repeat(1_000_000)}queue < 1`;
    expect(syntaxError(() => parseCheck(huge)).detail).toContain('too long: 1000009 characters, expected at most 300');
    expect(syntaxError(() => parseCheck(Array(60).fill('queue').join(' + ') + ' < 1')).detail).toContain('too long');
  });
});

describe('assertions in a scenario are validated like every field', () => {
  it('normalise with scope "always" by default and an empty list when omitted', () => {
    expect(parseScenario({}).scenario.assertions).toEqual([]);
    expect(parseScenario({ assertions: [{ check: 'amplification <= 1.3' }] }).scenario.assertions).toEqual([
      { check: 'amplification <= 1.3', scope: 'always' },
    ]);
  });

  it('name the field, the column and what was expected', () => {
    const message = scenarioMessage({ assertions: [{ check: 'amplification <= 1.3' }, { check: 'p99 <= 800 ms or', scope: 'outsde triggers' }] });
    expect(message).toContain('assertions[1].check: "p99 <= 800 ms or": column 17: expected a number, a series or "(", got the end');
    expect(message).toContain('assertions[1].scope: "outsde triggers": column 1: got "outsde", expected "always"');
  });

  it('refuse unknown and prototype keys, wrong types, too many items and too long text', () => {
    const proto = JSON.parse('{"assertions":[{"check":"queue < 1","__proto__":{"polluted":1}}]}') as unknown;
    expect(scenarioMessage(proto)).toContain('assertions[0].__proto__: unknown field');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(scenarioMessage({ assertions: [{ check: 'queue < 1', constructor: 1 }] })).toContain('assertions[0].constructor: unknown field');
    expect(scenarioMessage({ assertions: [{ check: 7 }] })).toContain('assertions[0].check: got 7, expected a string');
    expect(scenarioMessage({ assertions: [{}] })).toContain('assertions[0].check: missing, expected a string: a check such as "amplification <= 1.3"');
    expect(scenarioMessage({ assertions: 'queue < 1' })).toContain('assertions: got "queue < 1", expected an array of at most 32 items');
    expect(scenarioMessage({ assertions: Array(33).fill({ check: 'queue < 1' }) })).toContain('expected at most 32');
    expect(scenarioMessage({ assertions: [{ check: `queue < 1${' '.repeat(400)}` }] })).toContain('got a string of 409 characters, expected at most 300');
  });

  it('refuse a shard the scenario does not have, naming the column', () => {
    expect(scenarioMessage({ assertions: [{ check: 'queue < 1 and shard.0.utilisation < 1' }] })).toContain(
      'assertions[0].check: "queue < 1 and shard.0.utilisation < 1": column 15: no shard 0, this scenario has one server',
    );
    expect(scenarioMessage({ partitions: { shards: 4 }, assertions: [{ check: 'shard.4.utilisation < 1' }] })).toContain('no shard 4, this scenario has 4 (shard.0 to shard.3)');
    expect(parseScenario({ partitions: { shards: 4 }, assertions: [{ check: 'shard.3.utilisation < 1' }] }).scenario.assertions).toHaveLength(1);
  });
});

describe('any text either parses or is refused with a column inside it', () => {
  it('on 3000 checks made by the grammar, each also with a random piece put in', () => {
    const pieces = ['queue', 'p99', 'shard.1.utilisation', 'mean(', 'min', '(', ')', ',', '10s', '800ms', '95%', '1.5', '.', 'and', 'or', 'not', '<=', '<', '==', '=', '!', '+', '-', '*', '"', '`', '$', '{', '[', '\u2028', '≤', '__proto__', 'constructor'];
    let state = 7;
    const random = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * n);
    };
    const num = (d: number): string => {
      const leaf = ['queue', 'goodput', '95%', '800ms', '1.5', 'shard.0.utilisation'][random(6)]!;
      if (d > 3) return leaf;
      return [leaf, `(${num(d + 1)})`, `${num(d + 1)} + ${num(d + 1)}`, `${num(d + 1)} / ${num(d + 1)}`, `mean(${num(d + 1)}, 10s)`, `-${num(d + 1)}`, `abs(${num(d + 1)})`][random(7)]!;
    };
    const bool = (d: number): string => {
      const leaf = `${num(d + 1)} ${['<', '<=', '>', '>=', '==', '!=', '≤'][random(7)]} ${num(d + 1)}`;
      if (d > 2) return leaf;
      return [leaf, `${bool(d + 1)} and ${bool(d + 1)}`, `${bool(d + 1)} or ${bool(d + 1)}`, `not ${bool(d + 1)}`, `(${bool(d + 1)})`][random(5)]!;
    };
    let parsed = 0;
    let refused = 0;
    for (let k = 0; k < 3000; k++) {
      const valid = bool(0);
      const at = random(valid.length + 1);
      for (const text of [valid, valid.slice(0, at) + pieces[random(pieces.length)]! + valid.slice(at)]) {
        try {
          parseCheck(text);
          parsed++;
        } catch (e) {
          refused++;
          expect(e, text).toBeInstanceOf(AssertionSyntaxError);
          const column = (e as AssertionSyntaxError).column;
          expect(column, text).toBeGreaterThanOrEqual(1);
          expect(column, text).toBeLessThanOrEqual(Math.min(text.length, 300) + 1);
          // A check the grammar made is refused only for its size: too long, too many tokens or too deep.
          if (text === valid) expect((e as AssertionSyntaxError).detail, text).toMatch(/too long|too deeply/);
        }
      }
    }
    expect(parsed).toBeGreaterThan(3000);
    expect(refused).toBeGreaterThan(1000);
  });
});
