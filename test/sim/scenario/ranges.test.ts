import { describe, expect, it } from 'vitest';
import { ScenarioError, getPath, parseScenario, setPath } from '../../../src/sim/scenario/index';
import { ACTION_AT, ENUM_DEFAULTS, ENUM_FIELDS, NUMERIC_FIELDS, TRIGGER_FIELDS, rangeText, type NumericSpec } from './spec';

/** The issues a parse reports, or [] when it accepts. */
function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseScenario(input);
    return [];
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.issues;
  }
}

function render(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  return Object.is(x, -0) ? '-0' : String(x);
}

function above(s: NumericSpec): number {
  return s.integer ? s.max + 1 : s.max + Math.abs(s.max) * 1e-9 + 1e-9;
}
function below(s: NumericSpec): number {
  return s.integer ? s.min - 1 : s.min - Math.abs(s.min) * 1e-9 - 1e-9;
}

// A short run, so that no field at its maximum trips the work guard.
const BASE = { duration: 100 };
const independent = NUMERIC_FIELDS.filter((s) => s.path !== 'duration');

describe('numeric fields accept their whole range and nothing outside it', () => {
  for (const s of independent) {
    it(`${s.path}: ${rangeText(s)}`, () => {
      const lowest = s.minExclusive ? s.min + 1e-6 : s.min;
      const highest = s.maxExclusive ? s.max - 1e-6 : s.max;
      for (const ok of [lowest, highest]) {
        const { scenario } = parseScenario(setPath(BASE, s.path, ok));
        expect(getPath(scenario, s.path)).toBe(ok);
      }
      const bad: unknown[] = [s.minExclusive ? s.min : below(s), s.maxExclusive ? s.max : above(s), NaN, Infinity, -Infinity, '5'];
      if (s.integer) bad.push(s.min + 0.5);
      if (!s.nullable) bad.push(null);
      for (const value of bad) {
        expect(issuesOf(setPath(BASE, s.path, value))).toEqual([
          { path: s.path, message: `got ${render(value)}, expected ${rangeText(s)}` },
        ]);
      }
      if (s.nullable) expect(getPath(parseScenario(setPath(BASE, s.path, null)).scenario, s.path)).toBeNull();
    });
  }
});

describe('omitted fields take their documented defaults', () => {
  for (const s of NUMERIC_FIELDS) {
    it(`${s.path} defaults to ${String(s.default)}`, () => {
      // Fields inside a section that is off by default: switch the section on with {}.
      const section = s.path.split('.').slice(0, -1).join('.');
      const input = section !== '' && getPath(parseScenario({}).scenario, section) === null ? setPath({}, section, {}) : {};
      expect(getPath(parseScenario(input).scenario, s.path)).toBe(s.default);
    });
  }
});

describe('duration, warmup and bin', () => {
  it('duration: (0, 1e7] with its message', () => {
    expect(issuesOf({ duration: 0 })).toEqual([
      { path: 'duration', message: 'got 0, expected a number from 0 (exclusive) to 10000000' },
    ]);
    expect(issuesOf({ duration: NaN })).toEqual([
      { path: 'duration', message: 'got NaN, expected a number from 0 (exclusive) to 10000000' },
    ]);
    expect(issuesOf({ duration: 1e7 + 1 })[0]?.message).toContain('from 0 (exclusive) to 10000000');
    // 50,000 bins: inside the memory budget with the request pools a run of 1e7 attempts may fill (docs/scenario.md).
    expect(parseScenario({ duration: 1e7, bin: 200, load: { rate: 1 } }).scenario.duration).toBe(1e7);
  });

  it('warmup must lie inside the run: [0, duration)', () => {
    expect(parseScenario({ duration: 100, warmup: 99.5 }).scenario.warmup).toBe(99.5);
    const [issue] = issuesOf({ duration: 100, warmup: 100 });
    expect(issue?.path).toBe('warmup');
    expect(issue?.message).toContain('got 100, expected a number from 0 to 100 (exclusive)');
    expect(issuesOf({ warmup: -1 })[0]?.message).toBe('got -1, expected a number from 0 to 10000000');
  });

  it('bin lies in [0.001, duration], with at most 200000 bins', () => {
    expect(parseScenario({ duration: 100, bin: 100 }).scenario.bin).toBe(100);
    expect(parseScenario({ duration: 200, bin: 0.001 }).scenario.bin).toBe(0.001);
    expect(issuesOf({ duration: 100, bin: 100.5 })[0]).toMatchObject({ path: 'bin' });
    expect(issuesOf({ bin: 0.0005 })[0]?.message).toContain('from 0.001 to');
    // 400 s in 1 ms bins would be 400,000 bins: the smallest bin allowed is 400 / 200000 = 0.002 s.
    const [tooMany] = issuesOf({ duration: 400, bin: 0.001 });
    expect(tooMany?.path).toBe('bin');
    expect(tooMany?.message).toContain('expected a number from 0.002 to 400');
    expect(tooMany?.message).toContain('200000 bins');
  });
});

describe('trigger and action fields', () => {
  for (const [kind, fields] of Object.entries(TRIGGER_FIELDS)) {
    for (const s of fields) {
      it(`triggers[].${s.path} of a ${kind}: ${rangeText(s)}`, () => {
        const valid: Record<string, unknown> = { kind, at: 10, ...(kind === 'cache-flush' ? {} : { duration: 5 }) };
        if (kind === 'capacity') Object.assign(valid, { slots: 2, factor: 0.5 });
        // A cache flush needs a cache to flush.
        const at = (value: unknown) => ({ duration: 100, ...(kind === 'cache-flush' ? { cache: {} } : {}), triggers: [valid, { ...valid, [s.path]: value }] });
        for (const ok of [s.minExclusive ? s.min + 1e-6 : s.min, s.maxExclusive ? s.max - 1e-6 : s.max]) {
          const t = parseScenario(at(ok)).scenario.triggers[1] as unknown as Record<string, unknown>;
          expect(t[s.path]).toBe(ok);
        }
        for (const value of [s.minExclusive ? s.min : below(s), above(s), NaN, 'x', null]) {
          expect(issuesOf(at(value))).toEqual([
            { path: `triggers[1].${s.path}`, message: `got ${render(value)}, expected ${rangeText(s)}` },
          ]);
        }
      });
    }
  }

  it(`actions[].at: ${rangeText(ACTION_AT)}`, () => {
    const with_ = (at: unknown) => ({ actions: [{ at, set: { 'load.rate': 50 } }] });
    expect(parseScenario(with_(0)).scenario.actions[0]?.at).toBe(0);
    expect(parseScenario(with_(1e7)).scenario.actions[0]?.at).toBe(1e7);
    expect(issuesOf(with_(-1))).toEqual([
      { path: 'actions[0].at', message: `got -1, expected ${rangeText(ACTION_AT)}` },
    ]);
  });
});

describe('choices', () => {
  for (const [path, options] of Object.entries(ENUM_FIELDS)) {
    it(`${path}: one of ${options.join(', ')}`, () => {
      for (const option of options) expect(getPath(parseScenario(setPath(BASE, path, option)).scenario, path)).toBe(option);
      const section = path.split('.').slice(0, -1).join('.');
      const input = section === 'cache' ? { cache: {} } : section === 'client.retry.budget' ? { client: { retry: { budget: {} } } } : {};
      expect(getPath(parseScenario(input).scenario, path)).toBe(ENUM_DEFAULTS[path]);
      const list = options.map((o) => JSON.stringify(o)).join(', ');
      expect(issuesOf(setPath(BASE, path, 'zzzzzzzzzz'))).toEqual([
        { path, message: `got "zzzzzzzzzz", expected one of ${list}` },
      ]);
      expect(issuesOf(setPath(BASE, path, 3))).toEqual([{ path, message: `got 3, expected one of ${list}` }]);
    });
  }

  it('booleans take true or false only', () => {
    for (const path of ['server.dropExpired', 'server.cancelOnTimeout']) {
      expect(getPath(parseScenario(setPath(BASE, path, true)).scenario, path)).toBe(true);
      expect(issuesOf(setPath(BASE, path, 'true'))).toEqual([{ path, message: 'got "true", expected true or false' }]);
    }
  });

  it('version is 1 and only 1; name is a string of at most 120 characters', () => {
    expect(issuesOf({ version: 2 })).toEqual([{ path: 'version', message: 'got 2, expected 1 (the only format version)' }]);
    expect(parseScenario({ name: 'n'.repeat(120) }).scenario.name).toHaveLength(120);
    expect(issuesOf({ name: 'n'.repeat(121) })[0]).toMatchObject({ path: 'name' });
    expect(issuesOf({ name: 'n'.repeat(121) })[0]?.message).toContain('expected at most 120');
  });
});
