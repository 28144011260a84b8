import { describe, expect, it } from 'vitest';
import { CallQueue } from '../../../src/sim/engine/callQueue';
import { evictionVictim, highestQueued } from '../../../src/sim/engine/priorities';
import { CALL_QUEUED, Calls } from '../../../src/sim/engine/records';
import { findPreset, parseScenario } from '../../../src/sim/index';
import { runSeeds } from './helpers';

const CLASSES = [
  { name: 'critical', share: 0.2 },
  { name: 'sheddable', share: 0.8 },
];
const SEEDS = [1, 2, 3, 4];

// 10 slots of 0.1 s: capacity C = 100 a second. Offered 200 a second (2×), 20 % critical: 40 a second, well within C.
// A bounded queue of 20 (at most 0.2 s of wait + service, under the 1-s timeout: no answer is wasted).
const CAPACITY = 100;
const OVERLOAD = {
  duration: 300,
  warmup: 30,
  bin: 1,
  load: { rate: 200, priorities: CLASSES },
  client: { timeout: 1 },
  server: { concurrency: 10, service: { mean: 0.1 }, queue: { limit: 20 } },
};

describe('load.priorities: validation', () => {
  it('is off by default; shares sum to 1, names differ, at most 8 classes, each message naming the field', () => {
    expect(parseScenario({}).scenario.load.priorities).toBeNull();
    expect(() => parseScenario({ load: { priorities: [{ name: 'a', share: 0.5 }] } })).toThrow(/load\.priorities.*summing to 1/s);
    expect(() => parseScenario({ load: { priorities: [{ name: 'a', share: 0.5 }, { name: 'a', share: 0.5 }] } })).toThrow(/load\.priorities\[1\]\.name.*twice/s);
    expect(() => parseScenario({ load: { priorities: [] } })).toThrow(/load\.priorities.*empty/s);
    const nine = Array.from({ length: 9 }, (_, i) => ({ name: `c${i}`, share: 1 / 9 }));
    expect(() => parseScenario({ load: { priorities: nine } })).toThrow(/load\.priorities.*at most 8/s);
    expect(() => parseScenario({ load: { priorities: [{ name: '', share: 1 }] } })).toThrow(/load\.priorities\[0\]\.name/);
    expect(() => parseScenario({ load: { priorities: [{ name: 'a', share: 1.5 }] } })).toThrow(/load\.priorities\[0\]\.share.*0 to 1/s);
  });

  it('an action may change the shares, not the classes', () => {
    const ok = parseScenario({ load: { priorities: CLASSES }, actions: [{ at: 10, set: { 'load.priorities': [{ name: 'critical', share: 0.5 }, { name: 'sheddable', share: 0.5 }] } }] });
    expect(ok.scenario.actions).toHaveLength(1);
    expect(() => parseScenario({ load: { priorities: CLASSES }, actions: [{ at: 10, set: { 'load.priorities': null } }] })).toThrow(/actions\[0\]\.set.*priority classes/s);
    expect(() => parseScenario({ load: { priorities: CLASSES }, actions: [{ at: 10, set: { 'load.priorities': [{ name: 'sheddable', share: 0.8 }, { name: 'critical', share: 0.2 }] } }] })).toThrow(
      /priority classes/,
    );
  });
});

describe('lowest-first shedding', () => {
  it('evicts the lowest class queued below the arriving call, the newest among equals, skipping calls no longer queued', () => {
    const calls = new Calls();
    const q = new CallQueue(4);
    const classes = [2, 1, 2, 0, 1, 2];
    const ids = classes.map((c) => {
      const a = calls.alloc();
      calls.prio[a] = c;
      calls.state[a] = CALL_QUEUED;
      q.pushBack(a, calls.gen[a]!);
      return a;
    });
    // The newest class-2 call is ids[5]; once it is gone (a new generation), ids[2].
    expect(evictionVictim(q, calls, 0, 2)).toBe(ids[5]);
    calls.gen[ids[5]!]!++;
    expect(evictionVictim(q, calls, 0, 2)).toBe(ids[2]);
    // An arriving class-1 call may only evict class 2; a class-2 call evicts nothing.
    expect(evictionVictim(q, calls, 1, 2)).toBe(ids[2]);
    expect(evictionVictim(q, calls, 2, 2)).toBe(-1);
    calls.state[ids[2]!] = 0;
    calls.state[ids[0]!] = 0;
    // No class 2 left queued: a class-0 call evicts the newest class 1.
    expect(evictionVictim(q, calls, 0, 2)).toBe(ids[4]);
  });

  it('under a 2× overload with a bounded queue, the critical class keeps its goodput and the sheddable class gets capacity − critical load', () => {
    const results = runSeeds(OVERLOAD, SEEDS);
    let critOffered = 0;
    let critGood = 0;
    let shedGood = 0;
    for (const r of results) {
      const [crit, shed] = r.summary.classes!;
      expect(crit!.name).toBe('critical');
      critOffered += crit!.offered;
      critGood += crit!.goodput;
      shedGood += shed!.goodput;
      // The server is saturated throughout: its capacity goes to goodput.
      expect(r.summary.utilisation!).toBeGreaterThan(0.99);
    }
    critOffered /= SEEDS.length;
    critGood /= SEEDS.length;
    shedGood /= SEEDS.length;
    // Critical: about 40 a second offered; an arriving critical call is refused only when the queue holds 20 critical
    // calls, which a load of 0.4 C almost never builds.
    expect(Math.abs(critOffered - 0.2 * 200)).toBeLessThan(1);
    expect(critGood / critOffered).toBeGreaterThan(0.99);
    // Sheddable: what capacity the critical class leaves, C − 40 = 60 a second (within 3 % of C).
    expect(Math.abs(shedGood - (CAPACITY - critOffered)) / CAPACITY).toBeLessThan(0.03);
  });

  it('keeps per-class series that add up to the totals, bin by bin, in the result', () => {
    const [r] = runSeeds({ ...OVERLOAD, duration: 60, warmup: 0 }, [7]);
    const classes = r!.series.classes!;
    expect(classes.map((c) => c.name)).toEqual(['critical', 'sheddable']);
    for (let i = 0; i < r!.series.t.length; i++) {
      expect(classes[0]!.offered[i]! + classes[1]!.offered[i]!).toBeCloseTo(r!.series.offered[i]!, 9);
      expect(classes[0]!.goodput[i]! + classes[1]!.goodput[i]!).toBeCloseTo(r!.series.goodput[i]!, 9);
      expect(classes[0]!.rejected[i]! + classes[1]!.rejected[i]!).toBeCloseTo(r!.series.rejected[i]!, 9);
    }
  });

  it('a class stays with its request through retries: with 2 retries the critical class still keeps its goodput', () => {
    const results = runSeeds({ ...OVERLOAD, client: { timeout: 1, retry: { maxRetries: 2 } } }, SEEDS);
    for (const r of results) {
      const [crit, shed] = r.summary.classes!;
      expect(crit!.goodput / crit!.offered).toBeGreaterThan(0.98);
      expect(shed!.goodput / shed!.offered).toBeLessThan(0.45);
    }
  });

  it('server.queue.priority serves the highest class queued first, the oldest (FIFO) or newest (LIFO) of it', () => {
    const calls = new Calls();
    const q = new CallQueue(4);
    const ids = [2, 1, 2, 1, 0, 0].map((c) => {
      const a = calls.alloc();
      calls.prio[a] = c;
      calls.state[a] = CALL_QUEUED;
      q.pushBack(a, calls.gen[a]!);
      return a;
    });
    expect(highestQueued(q, calls, false)).toBe(ids[4]);
    expect(highestQueued(q, calls, true)).toBe(ids[5]);
    calls.state[ids[4]!] = 0;
    calls.state[ids[5]!] = 0;
    expect(highestQueued(q, calls, false)).toBe(ids[1]);
    expect(highestQueued(q, calls, true)).toBe(ids[3]);
    expect(() => parseScenario({ server: { queue: { priority: true } } })).toThrow(/server\.queue\.priority: got true without load\.priorities/);
  });

  it('with a queue deeper than the timeout, serving the critical class first keeps its goodput while FIFO loses it with the rest', () => {
    // queue-too-deep: the retry storm with 600 places (2 s of work, twice the 1-s timeout): stuck after the outage.
    const deep = findPreset('queue-too-deep')!.scenario;
    const withClasses = { ...deep, duration: 150, load: { rate: 280, priorities: [{ name: 'critical', share: 0.25 }, { name: 'sheddable', share: 0.75 }] } };
    // Each class's goodput / offered from t = 80 s (10 s after the outage) on.
    const share = (r: ReturnType<typeof runSeeds>[number], i: number) => {
      const c = r.series.classes![i]!;
      let good = 0;
      let offered = 0;
      r.series.t.forEach((t, j) => {
        if (t! < 80) return;
        good += c.goodput[j] ?? 0;
        offered += c.offered[j] ?? 0;
      });
      return good / offered;
    };
    for (const r of runSeeds({ ...withClasses, server: { ...(deep['server'] as object), queue: { limit: 600 } } }, [1])) {
      // FIFO serves the classes alike: both wait behind 2 s of work.
      expect(Math.abs(share(r, 0) - share(r, 1))).toBeLessThan(0.03);
      expect(share(r, 0)).toBeLessThan(0.3);
    }
    for (const r of runSeeds({ ...withClasses, server: { ...(deep['server'] as object), queue: { limit: 600, priority: true } } }, [1, 2])) {
      // Critical calls (70/s, a quarter of capacity) jump the queue and are served within the timeout.
      expect(share(r, 0)).toBeGreaterThan(0.95);
      expect(share(r, 1)).toBeLessThan(0.3);
    }
  });

  it('a full server limiter evicts a queued call of a lower class for a higher one', () => {
    const limited = { ...OVERLOAD, server: { concurrency: 10, service: { mean: 0.1 }, limiter: { kind: 'aimd', initialLimit: 20, minLimit: 15, maxLimit: 30 } } };
    for (const r of runSeeds(limited, SEEDS)) {
      const [crit, shed] = r.summary.classes!;
      // Without classes both would succeed in the same proportion (about C / 200 = 0.5).
      expect(crit!.goodput / crit!.offered).toBeGreaterThan(0.75);
      expect(shed!.goodput / shed!.offered).toBeLessThan(0.45);
    }
  });
});
