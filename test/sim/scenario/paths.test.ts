import { describe, expect, it } from 'vitest';
import { ScenarioError, getPath, setPath, splitPath } from '../../../src/sim/scenario/index';

describe('getPath', () => {
  it('reads nested fields and array items by index', () => {
    const x = { client: { retry: { maxRetries: 2 } }, triggers: [{ at: 5 }, { at: 7 }] };
    expect(getPath(x, 'client.retry.maxRetries')).toBe(2);
    expect(getPath(x, 'triggers.1.at')).toBe(7);
    expect(getPath(x, 'triggers.2.at')).toBeUndefined();
    expect(getPath(x, 'client.nothing.here')).toBeUndefined();
  });

  it('sees own properties only', () => {
    expect(getPath({}, 'toString')).toBeUndefined();
    expect(getPath({ a: [] }, 'a.length')).toBeUndefined();
  });
});

describe('setPath', () => {
  it('copies on write: containers on the path are new, the rest shared, the input untouched', () => {
    const x = { client: { retry: { maxRetries: 2 }, timeout: 1 }, server: { concurrency: 30 } };
    const before = JSON.stringify(x);
    const y = setPath(x, 'client.retry.maxRetries', 5) as typeof x;
    expect(JSON.stringify(x)).toBe(before);
    expect(y.client.retry.maxRetries).toBe(5);
    expect(y.client.timeout).toBe(1);
    expect(y).not.toBe(x);
    expect(y.client).not.toBe(x.client);
    expect(y.server).toBe(x.server);
  });

  it('addresses array items by index and copies the array', () => {
    const x = { triggers: [{ kind: 'outage', at: 60 }, { kind: 'spike', at: 10 }] };
    const y = setPath(x, 'triggers.0.at', 30) as typeof x;
    expect(y.triggers).toEqual([{ kind: 'outage', at: 30 }, { kind: 'spike', at: 10 }]);
    expect(x.triggers[0]?.at).toBe(60);
    expect(y.triggers[1]).toBe(x.triggers[1]);
  });

  it('creates missing containers: an array before an index, an object otherwise', () => {
    expect(setPath({}, 'client.retry.budget.tokens', 3)).toEqual({ client: { retry: { budget: { tokens: 3 } } } });
    expect(setPath({ cache: null }, 'cache.hitRate', 0.5)).toEqual({ cache: { hitRate: 0.5 } });
    expect(setPath({}, 'triggers.0.kind', 'outage')).toEqual({ triggers: [{ kind: 'outage' }] });
    expect(setPath(undefined, 'seed', 4)).toEqual({ seed: 4 });
  });

  it('refuses prototype segments, empty segments and paths through values', () => {
    for (const path of ['__proto__.polluted', 'a.constructor.prototype', 'prototype', 'a..b', '', 'a.']) {
      expect(() => setPath({}, path, 1)).toThrow(ScenarioError);
      expect(() => getPath({}, path)).toThrow(ScenarioError);
    }
    expect(() => setPath({}, '__proto__.polluted', 1)).toThrow('__proto__: "__proto__" is not allowed in a path');
    expect(() => setPath({ load: { rate: 5 } }, 'load.rate.x', 1)).toThrow('load.rate: got 5, which has no field "x" to set');
    expect(() => setPath({ triggers: [] }, 'triggers.first', 1)).toThrow(/triggers: is an array/);
    expect(() => setPath({}, 'triggers.100001.at', 1)).toThrow(/index too large/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps an own "__proto__" key of copied data as a plain key', () => {
    const x = JSON.parse('{"client": {"__proto__": {"polluted": 1}, "timeout": 1}}') as Record<string, unknown>;
    const y = setPath(x, 'client.timeout', 2) as { client: Record<string, unknown> };
    expect(Object.getPrototypeOf(y.client)).toBe(Object.prototype);
    expect(Object.keys(y.client)).toEqual(['__proto__', 'timeout']);
    expect((y.client as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('splitPath splits on dots', () => {
    expect(splitPath('triggers.0.at')).toEqual(['triggers', '0', 'at']);
  });
});
