import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, Simulation } from '../../../src/sim/index';
import type { Scenario } from '../../../src/sim/index';
import { scenario } from './helpers';

/** Every mechanism that draws random numbers or reacts to time, in few long bins (a piece ends inside one). */
const busy = {
  duration: 60,
  bin: 20,
  warmup: 7.5,
  load: { rate: 300, keys: 500, zipf: 0.9 },
  client: {
    timeout: 0.8,
    retry: { maxRetries: 3, backoff: 'exponential', base: 0.05, cap: 2, jitter: 'full', budget: { tokens: 20, ratio: 0.2 } },
    breaker: { window: 5, minRequests: 20, cooldown: 2 },
  },
  server: {
    concurrency: 30,
    service: { dist: 'lognormal', mean: 0.1, cv: 1.5 },
    queue: { limit: 200, discipline: 'adaptive-lifo', codel: {} },
    autoscale: { window: 2, delay: 5, step: 5, max: 60 },
  },
  cache: { hitRate: 0.5 },
  triggers: [
    { kind: 'spike', at: 10, duration: 10, factor: 1.5 },
    { kind: 'outage', at: 25, duration: 3 },
    { kind: 'cache-flush', at: 35 },
  ],
  actions: [{ at: 40, set: { 'load.rate': 250 } }],
};

/** Sharded, so per-station integrals are kept too. */
const sharded = {
  duration: 30,
  bin: 30,
  load: { rate: 400, keys: 200, zipf: 1 },
  server: { concurrency: 4, service: { mean: 0.05 } },
  partitions: { shards: 5 },
  triggers: [{ kind: 'outage', at: 12, duration: 2, stations: 2 }],
};

function output(sim: Simulation): string {
  return JSON.stringify({ scenario: sim.scenario(), summary: sim.summary(), series: sim.series() });
}

/** Run to the end in pieces of `budget` events, each piece aiming at the end of the run. */
function runInPieces(s: Scenario, budget: number): { out: string; pieces: number } {
  const sim = new Simulation(s);
  let pieces = 0;
  for (;;) {
    pieces++;
    if (sim.advanceWithin(s.duration, budget)) break;
  }
  return { out: output(sim), pieces };
}

describe('advancing by an event budget', () => {
  const s = scenario(busy);
  const whole = JSON.stringify(runScenario(s));

  it('gives byte-identical output whatever the budget', () => {
    for (const budget of [1, 7, 1000, 50_000]) {
      const { out, pieces } = runInPieces(s, budget);
      expect(out).toBe(whole);
      if (budget === 1000) expect(pieces).toBeGreaterThan(10);
    }
  });

  it('gives byte-identical output when budgets and time slices mix (sharded, one bin)', () => {
    const sh = scenario(sharded);
    const reference = JSON.stringify(runScenario(sh));
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.double({ min: 0, max: 35, noNaN: true }), budget: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 12 }),
        (steps) => {
          const sim = new Simulation(sh);
          for (const { t, budget } of steps) sim.advanceWithin(t, budget);
          sim.runToEnd();
          expect(output(sim)).toBe(reference);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('stops inside a bin between two instants, and a change made there replays exactly', () => {
    const sim = new Simulation(s);
    expect(sim.advanceWithin(20, 2000)).toBe(false);
    const at = sim.now;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(20);
    expect(sim.binsClosed).toBe(0);
    sim.set({ 'client.retry.maxRetries': 0 });
    while (!sim.advanceWithin(60, 3000)) {
      /* pieces */
    }
    expect(sim.done).toBe(true);
    const recorded = sim.scenario();
    expect(recorded.actions.map((a) => a.at)).toContain(at);
    const replay = runScenario(parseScenario(JSON.parse(JSON.stringify(recorded))).scenario);
    expect(JSON.stringify(replay)).toBe(output(sim));
  });
});

describe('the engine bounds events per unit of simulated time', () => {
  /** The validated scenario with a field the format refuses, as a caller that skipped validation would pass it. */
  function unchecked(partial: Record<string, unknown>, window: number): Scenario {
    const base = scenario(partial);
    const autoscale = base.server.autoscale;
    if (autoscale === null) throw new Error('needs autoscale');
    return { ...base, server: { ...base.server, autoscale: { ...autoscale, window } } };
  }

  it('stops a run whose events advance time by 1e-300 each, with a message, instead of spinning', () => {
    const sim = new Simulation(unchecked({ duration: 10, load: { rate: 10 }, server: { autoscale: {} } }, 1e-300));
    sim.runToEnd();
    expect(sim.stopped).toMatch(/simulated time stopped advancing at t = 0\.000000 s \(over 10000000 events within 0\.000001 s\)/);
    expect(sim.now).toBeLessThan(1e-6);
  });

  it('stops a run whose events advance time by a step too small to reach a microsecond in 10 million events', () => {
    const sim = new Simulation(unchecked({ duration: 10, load: { rate: 10 }, server: { autoscale: {} } }, 5e-14));
    sim.runToEnd();
    expect(sim.stopped).toMatch(/simulated time stopped advancing/);
    expect(sim.now).toBeLessThan(2e-6);
  });

  it('lets a dense run finish (20,000 closed-loop clients, unbounded server)', () => {
    const sim = new Simulation(scenario({ duration: 5, load: { clients: 20_000, thinkTime: 0.001 }, server: { concurrency: null } }));
    sim.runToEnd();
    expect(sim.stopped).toBeNull();
    expect(sim.done).toBe(true);
  });
});
