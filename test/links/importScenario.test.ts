import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonError, importScenario, MAX_IMPORT_LENGTH } from '../../src/links/index';
import { PRESETS, parseScenario } from '../../src/sim/index';
import { inProcess } from '../cli/inProcess';

describe('importScenario', () => {
  it('accepts the CLI\'s own output and every preset, giving the normalised scenario', () => {
    const cli = JSON.parse(inProcess(['run', 'mm1', '--set', 'duration=30']).stdout) as { scenario: unknown };
    const imported = importScenario(JSON.stringify(cli.scenario, null, 2));
    expect(imported).toEqual({ ok: true, scenario: cli.scenario });
    for (const p of PRESETS) expect(importScenario(`\uFEFF${JSON.stringify(p.scenario)}`)).toEqual({ ok: true, scenario: parseScenario(p.scenario).scenario });
  });

  it('refuses unknown keys like the CLI, naming each with a suggestion', () => {
    const result = importScenario('{"client":{"retyr":{}},"__proto__":{"x":1}}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('invalid-scenario');
    expect(result.error).toContain('client.retyr: unknown field (did you mean "retry"?)');
    expect(result.issues.map((i) => i.path)).toContain('__proto__');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('gives the line and column of a JSON syntax error', () => {
    const result = importScenario('{\n  "load": { "rate": 10, }\n}');
    expect(result).toMatchObject({ ok: false, reason: 'not-json' });
    if (result.ok) return;
    expect(result.error).toBe('This is not valid JSON at line 2, column 25: expected a property name in double quotes.');
  });

  it('refuses empty and oversized text before parsing', () => {
    expect(importScenario('  \n')).toMatchObject({ ok: false, reason: 'empty' });
    expect(importScenario(' '.repeat(MAX_IMPORT_LENGTH + 1))).toMatchObject({ ok: false, reason: 'too-long' });
  });
});

/** Classic slips, each one character from JSON or from not being JSON. */
const TRICKY = [
  '[1}', '{"a":1]', '[1,]', '{"a":1,}', '{,}', '[,1]', '01', '-01', '1.', '.5', '+1', '1e', '1e+', '-', '--1', 'nul', 'truex', 'NaN',
  '"\t"', '"\u001f"', '"\u007f"', '"\\x"', '"\\u12G4"', '"\\u1234"', '"\\/"', '{"a"}', '{"a" 1}', '{a:1}', "{'a':1}", '[1 2]', '"a', '', ' ', '1 2', '[]]', '{}}',
  '\u00a01', '\ufeff1', '[1]\n', '\t{"a":[]}\r\n',
];

describe('findJsonError', () => {
  it('agrees with JSON.parse on valid JSON and on every mutation of it', () => {
    const mutated = fc
      .tuple(fc.json({ depthSize: 'small' }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', '\n', 'x', '0', '-', '.', 'e', ' ', '{', '['), fc.constantFrom('replace', 'insert', 'cut'))
      .map(([json, at, c, kind]) => {
        // Half the time at a structural character, where a slip is most telling.
        const structural = [...json.matchAll(/[{}[\],:"]/g)].map((m) => m.index);
        const i = json.length === 0 ? 0 : at % 2 === 0 && structural.length > 0 ? (structural[(at >> 1) % structural.length] ?? 0) : at % json.length;
        if (kind === 'cut') return json.slice(0, i);
        return json.slice(0, i) + c + json.slice(kind === 'replace' ? i + 1 : i);
      });
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string({ maxLength: 20 }), fc.constantFrom(...TRICKY)), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        const error = findJsonError(text);
        expect(error === null, text).toBe(parses);
        if (error !== null) {
          refused++;
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThanOrEqual(text.length);
          // The text up to the error is a prefix that valid JSON could continue; the text is wrong at or after it.
          expect(text.slice(0, error.offset).split('\n').length).toBe(error.line);
        }
      }),
      { numRuns: 3000, seed: 5 },
    );
    expect(refused).toBeGreaterThan(500);
  });

  it('handles nesting far deeper than the call stack', () => {
    expect(findJsonError('['.repeat(200_000) + ']'.repeat(200_000))).toBeNull();
    expect(findJsonError('['.repeat(200_000))?.message).toBe('the text ends before the JSON value does');
  });
});
