import { describe, expect, it } from 'vitest';
import { createSimulation, GraphSimulation, parseScenario, runScenario } from '../../../src/sim/index';

/** Run a raw scenario to its end as a graph and return the simulation. */
function graphRun(raw: Record<string, unknown>): GraphSimulation {
  const sim = createSimulation(parseScenario(raw).scenario);
  if (!(sim instanceof GraphSimulation)) throw new Error('expected a graph run');
  sim.runToEnd();
  return sim;
}

function layers(retries: [number, number, number]): Record<string, unknown> {
  const [user, front, mid] = retries;
  return {
    duration: 200,
    load: { rate: 20 },
    client: { timeout: 10, retry: { maxRetries: user } },
    graph: {
      services: [
        { name: 'front', concurrency: null, calls: [{ to: 'mid', timeout: 5, retry: { maxRetries: front } }] },
        { name: 'mid', concurrency: null, calls: [{ to: 'back', timeout: 2, retry: { maxRetries: mid } }] },
        { name: 'back', concurrency: null, errors: { rate: 1 } },
      ],
    },
  };
}

describe('retries at every layer multiply', () => {
  it('3 layers of 3 attempts each send 27 calls to a failing bottom per user request, exactly', () => {
    const sim = graphRun(layers([2, 2, 2]));
    const counts = sim.summary().counts;
    const totals = sim.serviceTotals();
    // Every call to the bottom fails at once, so every exchange makes all its tries: 3 × 3 × 3 per request that
    // ended; a request still in flight at the end has sent part of its calls.
    const ended = counts.arrivals - counts.inFlight;
    for (const [name, per] of [['back', 27], ['mid', 9], ['front', 3]] as const) {
      expect(totals[name]!.arrivals).toBeGreaterThanOrEqual(per * ended);
      expect(totals[name]!.arrivals).toBeLessThanOrEqual(per * counts.arrivals);
    }
    expect(counts.inFlight).toBeLessThan(counts.arrivals / 100);
    expect(counts.succeeded).toBe(0);
    // Each layer's own retries triple what reaches the next: the factor a layer adds, and the product down the path.
    for (const s of sim.serviceSummary()) expect(s.retryFactor, s.name).toBeCloseTo(3, 1);
    expect(sim.serviceSummary().find((s) => s.name === 'back')!.amplification).toBeCloseTo(27, 0);
  });

  it('with retries at the edge only, the bottom sees the edge’s attempts', () => {
    const sim = graphRun(layers([2, 0, 0]));
    const counts = sim.summary().counts;
    const back = sim.serviceTotals().back!.arrivals;
    expect(back).toBeGreaterThanOrEqual(3 * (counts.arrivals - counts.inFlight));
    expect(back).toBeLessThanOrEqual(3 * counts.arrivals);
  });

  it('with independent failures p at the bottom and r retries on its edge, calls per request are (1 − p^(r+1)) / (1 − p)', () => {
    const p = 0.5;
    const r = 3;
    let calls = 0;
    let requests = 0;
    let ok = 0;
    for (const seed of [1, 2, 3]) {
      const sim = graphRun({
        seed,
        duration: 2000,
        load: { rate: 20 },
        client: { timeout: 10 },
        graph: { services: [{ name: 'front', concurrency: null, calls: [{ to: 'back', timeout: 5, retry: { maxRetries: r } }] }, { name: 'back', concurrency: null, errors: { rate: p } }] },
      });
      const c = sim.summary().counts;
      calls += sim.serviceTotals().back!.arrivals;
      requests += c.succeeded + c.failed;
      ok += c.succeeded;
    }
    const expected = (1 - p ** (r + 1)) / (1 - p);
    // 120,000 requests: the standard error of the mean number of tries is about 0.003.
    expect(calls / requests).toBeCloseTo(expected, 1);
    expect(Math.abs(calls / requests - expected)).toBeLessThan(0.02);
    expect(Math.abs(ok / requests - (1 - p ** (r + 1)))).toBeLessThan(0.01);
  });
});

describe('network delay', () => {
  it('M/M/1 with a constant delay d each way gives 1/(μ − λ) + 2d', () => {
    const lambda = 5;
    const mu = 10;
    const d = 0.05;
    let sum = 0;
    let n = 0;
    for (const seed of [1, 2, 3, 4]) {
      const { summary } = runScenario(
        parseScenario({
          seed,
          duration: 10_000,
          bin: 10,
          load: { rate: lambda },
          client: { timeout: null },
          graph: { delay: { dist: 'deterministic', mean: d }, services: [{ name: 'mm1', concurrency: 1, service: { dist: 'exponential', mean: 1 / mu } }] },
        }).scenario,
      );
      sum += summary.meanLatency! * summary.counts.succeeded;
      n += summary.counts.succeeded;
    }
    // 200,000 requests at ρ = 0.5: the mean's standard error is about 0.002 s (autocorrelation included).
    expect(Math.abs(sum / n - (1 / (mu - lambda) + 2 * d))).toBeLessThan(0.01);
  });
});

describe('per-service summary', () => {
  it('of an M/M/1 service: utilisation λ/μ, one call per user request, its time at the service', () => {
    const sim = graphRun({ duration: 4000, warmup: 100, bin: 10, load: { rate: 5 }, client: { timeout: null }, graph: { services: [{ name: 'one', concurrency: 1, service: { mean: 0.1 } }] } });
    const [one] = sim.serviceSummary();
    expect(one!.name).toBe('one');
    // ≈ 19,500 calls: utilisation's standard error is under 0.01.
    expect(Math.abs(one!.utilisation! - 0.5)).toBeLessThan(0.03);
    expect(one!.amplification).toBe(1);
    expect(Math.abs(one!.offered! - 5)).toBeLessThan(0.15);
    expect(one!.goodput).toBeCloseTo(one!.offered!, 1);
    expect(one!.errors).toBe(0);
  });
});

describe('balancers', () => {
  function meanTime(balancer: string, seed: number): number {
    const { summary } = runScenario(
      parseScenario({
        seed,
        duration: 3000,
        warmup: 200,
        bin: 10,
        load: { rate: 90 },
        client: { timeout: null },
        graph: { services: [{ name: 'pool', replicas: 100, balancer, concurrency: 1, service: { dist: 'exponential', mean: 1 } }] },
      }).scenario,
    );
    return summary.meanLatency!;
  }

  it('power of two choices over 100 M/M/1 replicas at ρ = 0.9 is close to the supermarket model, far below random', () => {
    // Mitzenmacher: with d = 2 the share of queues holding ≥ i calls is λ^(2^i − 1); time in system Σ λ^(2^i − 2).
    let supermarket = 0;
    for (let i = 1; i < 12; i++) supermarket += 0.9 ** (2 ** i - 2);
    const p2c = (meanTime('power-of-two', 1) + meanTime('power-of-two', 2)) / 2;
    const random = (meanTime('random', 1) + meanTime('random', 2)) / 2;
    // The model is the limit of many replicas; 100 replicas sit a few per cent above it.
    expect(p2c).toBeGreaterThan(supermarket * 0.97);
    expect(p2c).toBeLessThan(supermarket * 1.08);
    // Random assignment makes each replica an M/M/1 at ρ = 0.9: 1/(μ − λ) = 10 s.
    expect(random).toBeGreaterThan(8);
    expect(random).toBeLessThan(12);
  });
});

describe('bookkeeping', () => {
  it('conserves requests and keeps its counts consistent through triggers, retries, deadlines and parallel calls', () => {
    const sim = createSimulation(
      parseScenario({
        duration: 120,
        load: { rate: 150 },
        client: { timeout: 1, retry: { maxRetries: 2, backoff: 'exponential', base: 0.05, jitter: 'full' } },
        graph: {
          delay: { dist: 'exponential', mean: 0.005 },
          deadline: true,
          services: [
            { name: 'api', replicas: 2, balancer: 'least-outstanding', concurrency: 40, mode: 'parallel', quorum: 2, calls: [{ to: 'a', count: 2, timeout: 0.4, deadline: true, retry: { maxRetries: 1 } }, { to: 'b', timeout: 0.3, bulkhead: { maxConcurrentCalls: 20, maxWait: 0.05 }, limiter: { kind: 'vegas' }, breaker: {} }] },
            { name: 'a', replicas: 3, balancer: 'power-of-two', concurrency: 10, queue: { limit: 50, discipline: 'lifo' }, service: { mean: 0.02 } },
            { name: 'b', concurrency: 20, service: { dist: 'lognormal', mean: 0.03, cv: 2 }, errors: { rate: 0.05 } },
          ],
        },
        triggers: [
          { kind: 'outage', at: 30, duration: 10, service: 'a', replica: 1 },
          { kind: 'capacity', at: 50, duration: 20, factor: 0.3, service: 'b' },
          { kind: 'errors', at: 80, duration: 5, rate: 1, service: 'a' },
          { kind: 'spike', at: 90, duration: 10, factor: 2 },
        ],
      }).scenario,
    );
    for (let t = 5; t <= 120; t += 5) {
      sim.advance(t);
      expect(sim.selfCheck()).toEqual([]);
      const s = sim.state();
      expect(s.arrivals).toBe(s.succeeded + s.failed + s.inFlight);
    }
  });

  it('gives the same output however the run is sliced', () => {
    const raw = { duration: 60, load: { rate: 100 }, client: { timeout: 0.5, retry: { maxRetries: 1 } }, graph: { delay: { dist: 'exponential', mean: 0.01 }, services: [{ name: 'x', calls: [{ to: 'y', timeout: 0.2, retry: { maxRetries: 2, backoff: 'constant', base: 0.01, jitter: 'full' } }] }, { name: 'y', replicas: 2, balancer: 'random', concurrency: 5, service: { mean: 0.02 } }] }, triggers: [{ kind: 'capacity', at: 20, duration: 10, slots: 3, service: 'y' }] };
    const whole = graphRun(raw);
    const sliced = createSimulation(parseScenario(raw).scenario) as GraphSimulation;
    for (let t = 0.37; t < 60; t += 0.37) sliced.advanceWithin(t, 97);
    sliced.runToEnd();
    expect(JSON.stringify(sliced.series())).toBe(JSON.stringify(whole.series()));
    expect(JSON.stringify(Array.from(sliced.serviceArrays().values))).toBe(JSON.stringify(Array.from(whole.serviceArrays().values)));
  });
});

describe('deadline propagation after an outage (the preset pair, seeds 1–3)', () => {
  it('cuts the bottom layer’s work per success and recovers where the same graph without it stays stuck', async () => {
    const { PRESETS } = await import('../../../src/sim/index');
    const pair = ['graph-no-deadline', 'graph-deadline'].map((id) => PRESETS.find((p) => p.id === id)!);
    for (const seed of [1, 2, 3]) {
      const [without, withDeadline] = pair.map((p) => graphRun({ ...p.scenario, seed }));
      const workPerSuccess = (sim: GraphSimulation): number => sim.serviceTotals().back!.ok / Math.max(1, sim.summary().counts.succeeded);
      expect(without!.summary().verdict).toBe('metastable');
      expect(withDeadline!.summary().verdict).toBe('recovered');
      // Without a deadline back keeps serving calls whose users gave up: many answers for each success.
      expect(workPerSuccess(without!)).toBeGreaterThan(5);
      expect(workPerSuccess(withDeadline!)).toBeLessThan(1.1);
      expect(withDeadline!.serviceTotals().back!.expired).toBeGreaterThan(0);
    }
  });
});

describe('policies on a graph’s edges', () => {
  it('a bulkhead of 10 places without wait, in front of an unbounded M/M/∞ callee, refuses Erlang B(10, 10) of the calls', () => {
    // Offered load a = λ / μ = 10; B(10, a) = (a^10 / 10!) / Σ_{k ≤ 10} a^k / k! = 0.2146.
    let erlangB = 1;
    for (let k = 1; k <= 10; k++) erlangB = (10 * erlangB) / (k + 10 * erlangB);
    let refused = 0;
    let total = 0;
    for (const seed of [1, 2, 3, 4]) {
      const sim = graphRun({
        seed,
        duration: 4000,
        bin: 10,
        load: { rate: 10 },
        client: { timeout: null },
        graph: { services: [{ name: 'front', concurrency: null, service: { dist: 'deterministic', mean: 0.000001 }, calls: [{ to: 'back', timeout: null, bulkhead: { maxConcurrentCalls: 10, maxWait: 0 } }] }, { name: 'back', concurrency: null, service: { mean: 1 } }] },
      });
      const c = sim.summary().counts;
      refused += c.failed;
      total += c.succeeded + c.failed;
      expect(sim.selfCheck()).toEqual([]);
    }
    // 160,000 requests: the share's standard error is about 0.002 (autocorrelation included).
    expect(erlangB).toBeCloseTo(0.2146, 4);
    expect(Math.abs(refused / total - erlangB)).toBeLessThan(0.01);
  });

  it('a bulkhead of 10 places whose tries wait in line makes the edge an M/M/10 queue: the latency Erlang C gives', async () => {
    const { mmcMeanLatency } = await import('../../../src/sim/index');
    let sum = 0;
    let n = 0;
    for (const seed of [1, 2, 3, 4]) {
      const sim = graphRun({
        seed,
        duration: 5000,
        warmup: 100,
        bin: 10,
        load: { rate: 8 },
        client: { timeout: null },
        graph: { services: [{ name: 'front', concurrency: null, service: { dist: 'deterministic', mean: 0.000001 }, calls: [{ to: 'back', timeout: null, bulkhead: { maxConcurrentCalls: 10, maxWait: 3600 } }] }, { name: 'back', concurrency: null, service: { mean: 1 } }] },
      });
      const summary = sim.summary();
      expect(summary.counts.failed).toBe(0);
      sum += summary.meanLatency! * summary.counts.succeeded;
      n += summary.counts.succeeded;
      expect(sim.selfCheck()).toEqual([]);
    }
    // M/M/10 at a = 8: W = C(10, 8) / (10 − 8) + 1 ≈ 1.205 s; 160,000 requests put the mean within about 1 %.
    const expected = mmcMeanLatency(10, 8, 1);
    expect(Math.abs(sum / n - expected) / expected).toBeLessThan(0.03);
  });

  it('a limiter on an edge bounds the tries in flight from each caller replica, and its places balance', () => {
    const sim = createSimulation(
      parseScenario({
        duration: 60,
        load: { rate: 200 },
        client: { timeout: 1 },
        graph: { services: [{ name: 'front', replicas: 2, concurrency: null, service: { mean: 0.001 }, calls: [{ to: 'back', timeout: 0.5, limiter: { kind: 'aimd', initialLimit: 5, minLimit: 5, maxLimit: 5 } }] }, { name: 'back', concurrency: null, service: { mean: 0.5 } }] },
      }).scenario,
    ) as GraphSimulation;
    for (let t = 1; t <= 60; t++) {
      sim.advance(t);
      expect(sim.selfCheck()).toEqual([]);
    }
    // Two caller replicas, five places each, always full (200 a second ask): a place is held for a try's
    // min(service, timeout), E = 0.5 (1 − e^−1) s, so by Little's law 10 / E ≈ 31.6 tries a second get through.
    const rate = sim.serviceTotals().back!.arrivals / 60;
    const expected = 10 / (0.5 * (1 - Math.exp(-1)));
    expect(Math.abs(rate - expected) / expected).toBeLessThan(0.05);
    const ended = sim.summary().counts;
    expect(ended.failed).toBeGreaterThan(ended.succeeded * 4);
  });
});
