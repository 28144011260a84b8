import { describe, expect, it } from 'vitest';
import { AssertionMonitor, arraysSource, violationSpans, type Violation } from '../../../src/sim/assertions/index';
import { parseScenario } from '../../../src/sim/scenario/index';
import type { Scenario } from '../../../src/sim/scenario/types';

function scenario(raw: Record<string, unknown>): Scenario {
  return parseScenario({ duration: 100, ...raw }).scenario;
}

function check(raw: Record<string, unknown>, series: Record<string, (number | null)[]>): Violation[] {
  const s = scenario(raw);
  const bins = Object.values(series)[0]?.length ?? 0;
  return new AssertionMonitor(s).advance(arraysSource(series), bins);
}

const times = (vs: Violation[]): number[] => vs.map((v) => v.time);

describe('a check is judged in every bin of its scope', () => {
  it('always: each bin where the comparison fails, with its value and bound', () => {
    const vs = check({ assertions: [{ check: 'amplification <= 1.5' }] }, { amplification: [1, 1.2, 2, 3, 1.5, 1] });
    expect(vs).toEqual([
      { assertion: 0, time: 2, comparison: 'amplification <= 1.5', value: 2, bound: 1.5 },
      { assertion: 0, time: 3, comparison: 'amplification <= 1.5', value: 3, bound: 1.5 },
    ]);
  });

  it('the bound may be an expression over series, in base units', () => {
    const vs = check({ assertions: [{ check: 'goodput >= 95% * offered' }] }, { goodput: [100, 94, 95], offered: [100, 100, 100] });
    expect(vs).toEqual([{ assertion: 0, time: 1, comparison: 'goodput >= 95% * offered', value: 94, bound: 95 }]);
    expect(times(check({ assertions: [{ check: 'p99 <= 800ms' }] }, { p99: [0.8, 0.81, 0.5] }))).toEqual([1]);
  });

  const triggers = [{ kind: 'outage', at: 2, duration: 2 }];
  const bad = { queue: [9, 9, 9, 9, 9, 9, 9, 9, 9, 9] };

  it('outside and during triggers split the bins by the trigger\'s active span', () => {
    expect(times(check({ triggers, assertions: [{ check: 'queue < 1', scope: 'during triggers' }] }, bad))).toEqual([2, 3]);
    expect(times(check({ triggers, assertions: [{ check: 'queue < 1', scope: 'outside triggers' }] }, bad))).toEqual([0, 1, 4, 5, 6, 7, 8, 9]);
    // A bin that overlaps the span only in part is during it.
    const half = [{ kind: 'spike', at: 2.5, duration: 1 }];
    expect(times(check({ triggers: half, assertions: [{ check: 'queue < 1', scope: 'during triggers' }] }, bad))).toEqual([2, 3]);
  });

  it('from N s after triggers: only bins that start N s or more after a trigger ended, until the next one', () => {
    const two = [...triggers, { kind: 'outage', at: 8, duration: 1 }];
    expect(times(check({ triggers: two, assertions: [{ check: 'queue < 1', scope: 'from 2s after triggers' }] }, bad))).toEqual([6, 7]);
    expect(check({ assertions: [{ check: 'queue < 1', scope: 'from 0s after triggers' }] }, bad)).toEqual([]);
  });

  it('within N s after triggers: must hold by N s after the end, then keep holding until the next trigger', () => {
    const scope = 'within 3s after triggers';
    //          during: 2, 3; the outage ends at 4; deadline 7
    const late = [9, 9, 9, 9, 9, 9, 9, 9, 0, 0];
    expect(times(check({ triggers, assertions: [{ check: 'queue < 1', scope }] }, { queue: late }))).toEqual([7]);
    const relapse = [9, 9, 9, 9, 9, 0, 9, 0, 0, 0];
    expect(times(check({ triggers, assertions: [{ check: 'queue < 1', scope }] }, { queue: relapse }))).toEqual([6]);
    const prompt = [9, 9, 9, 9, 9, 9, 0, 0, 0, 0];
    expect(check({ triggers, assertions: [{ check: 'queue < 1', scope }] }, { queue: prompt })).toEqual([]);
  });

  it('bins before the warmup are not judged', () => {
    expect(times(check({ warmup: 3, assertions: [{ check: 'queue < 1' }] }, { queue: [9, 9, 9, 9, 9] }))).toEqual([3, 4]);
  });

  it('a bin whose values are missing is not judged unless the rest decides it', () => {
    const series = { p99: [null, 2, null, 2], queue: [0, 0, 9, 9] };
    expect(times(check({ assertions: [{ check: 'p99 < 1s' }] }, series))).toEqual([1, 3]);
    expect(times(check({ assertions: [{ check: 'p99 < 1s and queue < 1' }] }, series))).toEqual([1, 2, 3]);
    expect(times(check({ assertions: [{ check: 'p99 < 1s or queue < 1' }] }, series))).toEqual([3]);
    expect(check({ assertions: [{ check: 'queue / p99 < 1' }] }, { p99: [0, 0], queue: [1, 1] })).toEqual([]);
  });

  it('names the comparison that decided, under and, or and not', () => {
    const vs = check({ assertions: [{ check: 'queue < 5 and not p99 > 1s' }] }, { queue: [1, 9], p99: [2, 0] });
    expect(vs).toEqual([
      { assertion: 0, time: 0, comparison: 'p99 > 1s', value: 2, bound: 1 },
      { assertion: 0, time: 1, comparison: 'queue < 5', value: 9, bound: 5 },
    ]);
  });
});

describe('windows', () => {
  it('mean over the last N s of bins, the current one included, skipping missing values', () => {
    const vs = check({ assertions: [{ check: 'mean(queue, 2s) < 0' }] }, { queue: [0, 10, 20, null, 30] });
    expect(vs.map((v) => v.value)).toEqual([0, 5, 15, 20, 30]);
  });

  it('min and max equal a direct scan over the window, on random series', () => {
    let state = 12345;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (const bin of [1, 0.5]) {
      const n = 300;
      const queue = Array.from({ length: n }, () => (random() < 0.1 ? null : Math.floor(random() * 100)));
      for (const fn of ['min', 'max', 'mean'] as const) {
        const vs = check({ bin, assertions: [{ check: `${fn}(queue, 7s) < -1` }] }, { queue });
        const k = Math.round(7 / bin);
        const expected = queue.flatMap((_, i) => {
          const w = queue.slice(Math.max(0, i - k + 1), i + 1).filter((x): x is number => x !== null);
          if (w.length === 0) return [];
          return [fn === 'min' ? Math.min(...w) : fn === 'max' ? Math.max(...w) : w.reduce((a, b) => a + b, 0) / w.length];
        });
        expect(vs.map((v) => v.value), `${fn}, bin ${bin}`).toHaveLength(expected.length);
        vs.forEach((v, j) => expect(v.value).toBeCloseTo(expected[j]!, 9));
      }
    }
  });
});

describe('the monitor', () => {
  it('judges in chunks exactly as in one pass, whatever the chunks', () => {
    const s = scenario({
      triggers: [{ kind: 'outage', at: 20, duration: 10 }],
      assertions: [
        { check: 'mean(queue, 5s) < 50', scope: 'always' },
        { check: 'max(queue, 3s) < 70', scope: 'within 10s after triggers' },
        { check: 'queue < 90', scope: 'outside triggers' },
      ],
    });
    const queue = Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
    const source = arraysSource({ queue });
    const whole = new AssertionMonitor(s).advance(source, 100);
    const m = new AssertionMonitor(s);
    const parts: Violation[] = [];
    for (const upTo of [1, 1, 7, 30, 31, 64, 99, 100]) parts.push(...m.advance(source, upTo));
    expect(whole.length).toBeGreaterThan(10);
    expect(parts).toEqual(whole);
    expect(m.bins).toBe(100);
  });

  it('groups consecutive violations of an assertion into spans', () => {
    const vs = check(
      { assertions: [{ check: 'queue < 1' }, { check: 'queue < 5' }] },
      { queue: [0, 2, 9, 9, 0, 3] },
    );
    expect(violationSpans(vs, 1).map(({ assertion, from, to, bins }) => ({ assertion, from, to, bins }))).toEqual([
      { assertion: 0, from: 1, to: 4, bins: 3 },
      { assertion: 1, from: 2, to: 4, bins: 2 },
      { assertion: 0, from: 5, to: 6, bins: 1 },
    ]);
  });

  it('reads shard utilisation', () => {
    const vs = check(
      { partitions: { shards: 2 }, assertions: [{ check: 'shard.1.utilisation < 90%' }] },
      { queue: [0, 0, 0] },
    );
    expect(vs).toEqual([]);
    const s = scenario({ partitions: { shards: 2 }, assertions: [{ check: 'shard.1.utilisation < 90%' }] });
    const got = new AssertionMonitor(s).advance(arraysSource({}, [[0.1, 0.95], [0.99, 0.5], [0.2, 0.91]]), 3);
    expect(times(got)).toEqual([0, 2]);
  });
});
