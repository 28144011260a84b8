import { describe, expect, it } from 'vitest';
import { parseScenario, Simulation } from '../../../src/sim/index';
import { erlangC } from '../../../src/sim/theory';
import { runSeeds } from './helpers';

// The bulkhead in front of an unbounded server: each attempt holds its place for exactly its service time, so the
// bulkhead with maxConcurrentCalls = N is itself an N-server queue — a loss system (Erlang B) without waiting, an
// M/M/N queue (Erlang C) when attempts may wait long enough.

/** Erlang B: the share of arrivals that find all N places taken, offered load a (insensitive to the service law). */
function erlangB(n: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

const SEEDS = [1, 2, 3, 4];

function base(bulkhead: Record<string, unknown>, service: Record<string, unknown>, rate: number) {
  return {
    duration: 400,
    warmup: 20,
    bin: 5,
    load: { rate },
    client: { timeout: null, bulkhead },
    server: { concurrency: null, service },
  };
}

describe('client.bulkhead (resilience4j semaphore bulkhead)', () => {
  it('defaults to resilience4j: 25 concurrent calls, no wait; off unless given', () => {
    expect(parseScenario({}).scenario.client.bulkhead).toBeNull();
    expect(parseScenario({ client: { bulkhead: {} } }).scenario.client.bulkhead).toEqual({ maxConcurrentCalls: 25, maxWait: 0 });
  });

  it('names the field and its range when a value is out of range', () => {
    expect(() => parseScenario({ client: { bulkhead: { maxConcurrentCalls: 0 } } })).toThrow(/client\.bulkhead\.maxConcurrentCalls.*1 to 1000000/s);
    expect(() => parseScenario({ client: { bulkhead: { maxWait: -1 } } })).toThrow(/client\.bulkhead\.maxWait.*0 to 3600/s);
  });

  it('without waiting, refuses the share Erlang B gives: N = 10 places, a = λ·s = 10 (deterministic service)', () => {
    const results = runSeeds(base({ maxConcurrentCalls: 10, maxWait: 0 }, { dist: 'deterministic', mean: 0.1 }, 100), SEEDS);
    const expected = erlangB(10, 10); // 0.2146
    let refused = 0;
    let arrivals = 0;
    for (const r of results) {
      refused += r.summary.counts.refused;
      arrivals += r.summary.counts.arrivals;
      // Every request either succeeded or was refused at once; none timed out (no timeout).
      expect(r.summary.counts.succeeded + r.summary.counts.refused + r.summary.counts.inFlight).toBe(r.summary.counts.arrivals);
    }
    // About 160,000 arrivals: the standard error of the share is well under 0.005 even with the correlation of a busy system.
    expect(Math.abs(refused / arrivals - expected)).toBeLessThan(0.01);
  });

  it('with a long enough wait, refuses nothing and adds the M/M/N wait of Erlang C: N = 10, λ = 80, s = 0.1 (exponential)', () => {
    const results = runSeeds(base({ maxConcurrentCalls: 10, maxWait: 3600 }, { dist: 'exponential', mean: 0.1 }, 80), SEEDS);
    const wait = erlangC(10, 8) / (10 / 0.1 - 80); // 0.0204 s
    const expected = 0.1 + wait;
    const mean = results.reduce((s, r) => s + r.summary.meanLatency!, 0) / results.length;
    for (const r of results) expect(r.summary.counts.refused).toBe(0);
    // Latency = bulkhead wait + service; the wait is a fifth of the service time, so a 3 % band tells them apart.
    expect(Math.abs(mean - expected) / expected).toBeLessThan(0.03);
  });

  it('an attempt waits at most maxWait: with N = 2 and 0.5-s service at 8/s, no request lasts longer than maxWait + service', () => {
    const results = runSeeds(base({ maxConcurrentCalls: 2, maxWait: 0.3 }, { dist: 'deterministic', mean: 0.5 }, 8), SEEDS);
    for (const r of results) {
      // Offered 4 places' worth to 2 places: most wait, many are refused after waiting 0.3 s.
      expect(r.summary.counts.refused).toBeGreaterThan(0.3 * r.summary.counts.arrivals);
      // The log histogram's buckets are about 1 % wide.
      expect(r.summary.clientLatency.p999!).toBeLessThanOrEqual((0.3 + 0.5) * 1.02);
      // Goodput is at most the bulkhead's 2 places / 0.5 s = 4 a second.
      expect(r.summary.rates.goodput).toBeLessThanOrEqual(4.0001);
      expect(r.summary.rates.goodput).toBeGreaterThan(3.8);
    }
  });
});

describe('client.bulkhead changed mid-run', () => {
  it('turned off, it refuses nothing more and its waiting attempts leave; turned back on, it bounds again; the books balance at every slice', () => {
    const sim = new Simulation(
      parseScenario({
        duration: 90,
        bin: 1,
        load: { rate: 8 },
        client: { timeout: null, bulkhead: { maxConcurrentCalls: 2, maxWait: 0.3 } },
        server: { concurrency: null, service: { dist: 'deterministic', mean: 0.5 } },
      }).scenario,
    );
    const refusedAt = (t: number): number => {
      sim.advance(t);
      expect(sim.selfCheck()).toEqual([]);
      return sim.summary().counts.refused;
    };
    const before = refusedAt(30);
    // 4 places' worth offered to 2: many refused.
    expect(before).toBeGreaterThan(30);
    sim.set({ 'client.bulkhead': null });
    // Attempts already waiting when it was turned off leave at the next freed place or at their expiry (0.3 s).
    const atOff = refusedAt(30.31);
    expect(refusedAt(60)).toBe(atOff);
    sim.set({ 'client.bulkhead': { maxConcurrentCalls: 2, maxWait: 0.3 } });
    expect(refusedAt(90)).toBeGreaterThan(atOff + 30);
    // Turned back on, the object that counted the places all along bounds them again: at most 2 in service on average in any bin.
    expect(Math.max(...(sim.series().inService.slice(62, 90) as number[]))).toBeLessThanOrEqual(2 + 1e-9);
  });
});
