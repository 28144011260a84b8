import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, Simulation } from '../../../src/sim/index';
import type { Scenario } from '../../../src/sim/index';
import { scenario } from './helpers';

/** A run through every mechanism that draws random numbers or reacts to time. */
const busy = {
  duration: 120,
  bin: 0.5,
  load: { rate: 320, keys: 500, zipf: 0.9 },
  client: { timeout: 0.8, slo: 0.5, retry: { maxRetries: 3, backoff: 'exponential', base: 0.05, cap: 2, jitter: 'full', budget: { tokens: 20, ratio: 0.2 } } },
  server: { concurrency: 30, service: { dist: 'lognormal', mean: 0.1, cv: 1.5 }, queue: { limit: 200, discipline: 'adaptive-lifo', codel: {} }, dropExpired: true },
  cache: { hitRate: 0.5 },
  triggers: [
    { kind: 'spike', at: 20, duration: 10, factor: 1.5 },
    { kind: 'outage', at: 50, duration: 3 },
    { kind: 'cache-flush', at: 70 },
    { kind: 'capacity', at: 80, duration: 10, factor: 0.5, slots: 5 },
  ],
  actions: [
    { at: 40, set: { 'load.rate': 250 } },
    { at: 90, set: { 'server.queue.discipline': 'fifo', 'client.retry.maxRetries': 1 } },
  ],
};

function runSliced(s: Scenario, cuts: number[]): string {
  const sim = new Simulation(s);
  for (const t of [...cuts].sort((a, b) => a - b)) sim.advance(t);
  sim.runToEnd();
  return JSON.stringify({ scenario: sim.scenario(), summary: sim.summary(), series: sim.series() });
}

describe('determinism', () => {
  const s = scenario(busy);
  const whole = JSON.stringify(runScenario(s));

  it('the same scenario and seed give byte-identical JSON', () => {
    expect(JSON.stringify(runScenario(scenario(busy)))).toBe(whole);
  });

  it('output does not depend on how the run is sliced', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 130, noNaN: true }), { maxLength: 30 }), (cuts) => {
        expect(runSliced(s, cuts)).toBe(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('slices on bin boundaries and on trigger and action instants give the same output', () => {
    const cuts = [0.5, 20, 20, 40, 50, 53, 70, 70.25, 80, 90, 119.5];
    expect(runSliced(s, cuts)).toBe(whole);
  });

  it('the summary over [warmup, end] does not depend on the bin size', () => {
    const summaries = [1, 0.7, 5, 0.25].map((bin) => {
      const { verdict, recoveryTime, rescue, ...rest } = runScenario(scenario({ ...busy, actions: [], warmup: 30.3, bin })).summary;
      void verdict;
      void recoveryTime;
      void rescue;
      return rest;
    });
    for (const s of summaries.slice(1)) {
      // Same samples, so the same histogram; sums differ only in the order they were added.
      expect(s.latency).toEqual(summaries[0]!.latency);
      const { mean, ...server } = s.serverLatency;
      const { mean: mean0, ...server0 } = summaries[0]!.serverLatency;
      expect(server).toEqual(server0);
      expect(mean).toBeCloseTo(mean0 ?? NaN, 12);
      expect(s.meanLatency).toBeCloseTo(summaries[0]!.meanLatency ?? NaN, 12);
      expect(s.counts).toEqual(summaries[0]!.counts);
      expect(s.rates.goodput).toBeCloseTo(summaries[0]!.rates.goodput, 9);
      expect(s.meanInSystem).toBeCloseTo(summaries[0]!.meanInSystem, 9);
    }
    // And the warm-up excludes what came before it: a later warm-up sees fewer latencies.
    const later = runScenario(scenario({ ...busy, actions: [], warmup: 60 })).summary;
    expect(later.counts.succeeded).toBe(summaries[0]!.counts.succeeded);
    expect(later.latency).not.toEqual(summaries[0]!.latency);
  });

  it('a different seed gives a different run', () => {
    const other = JSON.stringify(runScenario(scenario({ ...busy, seed: 2 })));
    expect(other).not.toBe(whole);
  });

  it('changing only the retry policy leaves the arrival times unchanged', () => {
    // Bins of 1 ms over 60 s: the offered series is the arrival process at that resolution.
    const common = { duration: 60, bin: 0.001, load: { rate: 200 }, triggers: [{ kind: 'spike', at: 10, duration: 5, factor: 3 }] };
    const a = runScenario(scenario({ ...common, client: { retry: { maxRetries: 0 } } }));
    const b = runScenario(scenario({ ...common, client: { retry: { maxRetries: 4, backoff: 'exponential', jitter: 'decorrelated', base: 0.01 } } }));
    expect(b.summary.counts.attempts).toBeGreaterThan(a.summary.counts.attempts);
    expect(b.series.offered).toEqual(a.series.offered);
  });

  it('a live session replays exactly from its recorded scenario', () => {
    const sim = new Simulation(scenario({ ...busy, actions: [] }));
    sim.advance(25);
    sim.set({ 'client.retry.maxRetries': 0 });
    sim.advance(33.5);
    sim.inject({ kind: 'spike', duration: 8, factor: 2 });
    sim.advance(60);
    sim.set({ 'server.concurrency': 40, 'cache.hitRate': 0.8 });
    sim.runToEnd();
    const live = JSON.stringify({ scenario: sim.scenario(), summary: sim.summary(), series: sim.series() });
    const recorded = sim.scenario();
    expect(recorded.actions.map((a) => a.at)).toEqual([25, 60]);
    expect(recorded.triggers.at(-1)).toEqual({ kind: 'spike', at: 33.5, duration: 8, factor: 2 });
    // Through JSON, as a link or a file would carry it.
    const replay = runScenario(parseScenario(JSON.parse(JSON.stringify(recorded))).scenario);
    expect(JSON.stringify(replay)).toBe(live);
  });

  it('a live change is validated and refused with the field and range when out of range', () => {
    const sim = new Simulation(scenario({ duration: 10 }));
    sim.advance(2);
    expect(() => sim.set({ 'client.retry.maxRetries': -1 })).toThrow(/client\.retry\.maxRetries.*0.*100/);
    expect(() => sim.inject({ kind: 'spike', duration: -5, factor: 2 })).toThrow(/duration/);
    sim.runToEnd();
    expect(sim.scenario().actions).toEqual([]);
    expect(sim.scenario().triggers).toEqual([]);
  });
});
