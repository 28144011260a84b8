import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/sim/engine/eventQueue';
import { runSeeds } from './helpers';

describe('events at one instant', () => {
  it('pop in the order they were pushed, whatever the heap’s shape', () => {
    const q = new EventQueue(4);
    // Interleave three instants so ties sit at every depth of the heap (and across a grow).
    const pushed: { time: number; id: number }[] = [];
    for (let id = 0; id < 300; id++) {
      const time = [2, 1, 3][(id * 7) % 3]!;
      q.push(time, 0, id, 0);
      pushed.push({ time, id });
    }
    const popped: { time: number; id: number }[] = [];
    while (q.size > 0) {
      q.pop();
      popped.push({ time: q.time, id: q.id });
    }
    // A stable sort by time is (time, insertion order).
    expect(popped).toEqual([...pushed].sort((a, b) => a.time - b.time));
  });

  // An attempt that starts service at once schedules its completion before its timeout, so a
  // service time equal to the timeout completes first: the request succeeds, nothing times out.
  const tie = (serviceS: number): Record<string, unknown> => ({
    duration: 200,
    bin: 1,
    load: { rate: 5 },
    client: { timeout: 1, retry: { maxRetries: 0 } },
    server: { concurrency: null, service: { dist: 'deterministic', mean: serviceS } },
  });

  it('a service time equal to the timeout succeeds: the completion was scheduled first', () => {
    for (const r of runSeeds(tie(1), [1, 2, 3])) {
      const c = r.summary.counts;
      expect(c.arrivals).toBeGreaterThan(800);
      expect(c.timedOut).toBe(0);
      expect(c.wasted).toBe(0);
      expect(c.failed).toBe(0);
      expect(c.succeeded).toBe(c.arrivals - c.inFlight);
    }
  });

  it('a service time one step past the timeout always times out', () => {
    for (const r of runSeeds(tie(1 + 2 ** -40), [1, 2, 3])) {
      const c = r.summary.counts;
      expect(c.succeeded).toBe(0);
      expect(c.timedOut).toBe(c.arrivals - c.inFlight);
      expect(c.failed).toBe(c.timedOut);
    }
  });
});
