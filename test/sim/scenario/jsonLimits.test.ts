import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonLimits, JsonLimitError, MAX_ACTIONS, MAX_TRIGGERS, parseBoundedJson, parseScenario, SCENARIO_JSON_LIMITS } from '../../../src/sim/scenario/index';

const L = SCENARIO_JSON_LIMITS;

/** Depth, most keys of an object and most items of an array, read from a parsed value: what the scan must find. */
function shape(value: unknown, depth = 0): { depth: number; keys: number; items: number } {
  if (Array.isArray(value)) {
    const inner = value.map((v) => shape(v, depth + 1));
    return { depth: Math.max(depth + 1, ...inner.map((s) => s.depth)), keys: Math.max(0, ...inner.map((s) => s.keys)), items: Math.max(value.length, ...inner.map((s) => s.items)) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.values(value);
    const inner = entries.map((v) => shape(v, depth + 1));
    return { depth: Math.max(depth + 1, ...inner.map((s) => s.depth)), keys: Math.max(entries.length, ...inner.map((s) => s.keys)), items: Math.max(0, ...inner.map((s) => s.items)) };
  }
  return { depth, keys: 0, items: 0 };
}

describe('checkJsonLimits', () => {
  it('agrees with the parsed value on depth, keys and items, for any JSON with any spacing', () => {
    const small = { maxLength: 1 << 20, maxDepth: 3, maxKeys: 3, maxItems: 3 };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 1, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const s = shape(JSON.parse(text));
        const breach = checkJsonLimits(text, small);
        const within = s.depth <= small.maxDepth && s.keys <= small.maxKeys && s.items <= small.maxItems;
        expect(breach === null).toBe(within);
        if (breach !== null) {
          const passed = { maxDepth: s.depth > small.maxDepth, maxKeys: s.keys > small.maxKeys, maxItems: s.items > small.maxItems, maxLength: false };
          expect(passed[breach.limit]).toBe(true);
        }
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('names the field where a limit is passed', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const atRoot = checkJsonLimits(deep(100));
    expect(atRoot?.limit).toBe('maxDepth');
    expect(atRoot?.path).toMatch(/^(\[0\])+…$/);
    const inRate = checkJsonLimits(`{"version":1,"load":{"rate":${deep(1000)}}}`);
    expect(inRate?.limit).toBe('maxDepth');
    expect(inRate?.path).toMatch(/^load\.rate(\[0\])+…$/);
    const keys = `{${Array.from({ length: 300 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(checkJsonLimits(keys)).toMatchObject({ limit: 'maxKeys', path: '(root)' });
    const triggers = `{"triggers":[${Array.from({ length: MAX_ACTIONS + 1 }, () => '{"kind":"spike","at":1,"duration":1,"factor":2}').join(',')}]}`;
    expect(checkJsonLimits(triggers)).toMatchObject({ limit: 'maxItems', path: 'triggers' });
    const strings = `{"a":{"b":[${Array.from({ length: MAX_ACTIONS + 1 }, () => '"x,]}"').join(',')}]}}`;
    expect(checkJsonLimits(strings)).toMatchObject({ limit: 'maxItems', path: 'a.b' });
    expect(checkJsonLimits(' '.repeat(L.maxLength + 1))).toMatchObject({ limit: 'maxLength' });
  });

  it('lets the largest scenario the format allows through, and it parses', () => {
    const scenario = {
      version: 1,
      duration: 20000,
      load: { rate: 10, profile: Array.from({ length: 1000 }, (_, i) => ({ at: i * 10, rate: 10 + (i % 7) })) },
      triggers: Array.from({ length: MAX_TRIGGERS }, (_, i) => ({ kind: 'spike', at: i * 10, duration: 1, factor: 1.5 })),
      actions: Array.from({ length: MAX_ACTIONS }, (_, i) => ({ at: i, set: { 'load.rate': 10 + (i % 5), 'client.retry.maxRetries': i % 3 } })),
    };
    const text = JSON.stringify(scenario, null, 2);
    expect(text.length).toBeLessThan(L.maxLength);
    expect(checkJsonLimits(text)).toBeNull();
    expect(parseBoundedJson(text)).toEqual(scenario);
    // Validation re-checks the scenario for every action, so the end-to-end check uses a shorter list.
    const shorter = JSON.stringify({ ...scenario, actions: scenario.actions.slice(0, 100) }, null, 2);
    expect(parseScenario(parseBoundedJson(shorter)).scenario.actions).toHaveLength(100);
  });

  it('strings with brackets, braces, commas and escaped quotes count as one value', () => {
    const text = JSON.stringify({ name: '[[[{{{,,,\\"', list: ['"]', '\\', '{'] });
    expect(checkJsonLimits(text, { ...L, maxDepth: 2, maxItems: 3 })).toBeNull();
    expect(checkJsonLimits(text, { ...L, maxItems: 2 })).toMatchObject({ limit: 'maxItems', path: 'list' });
  });

  it('parseBoundedJson skips a byte-order mark and throws JsonLimitError naming the path', () => {
    expect(parseBoundedJson('\uFEFF{"a":1}')).toEqual({ a: 1 });
    expect(() => parseBoundedJson('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]')).toThrow(JsonLimitError);
    expect(() => parseBoundedJson('{"a":')).toThrow(SyntaxError);
  });
});
