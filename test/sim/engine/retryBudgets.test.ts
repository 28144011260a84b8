import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/sim/index';
import { scenario } from './helpers';

// Each retry-budget kind's amplification (attempts per request over [warmup, end]) under total
// failure and under independent failure with probability p, against the formulas derived in
// docs/model.md ("Retry budgets"). Calls fail by an error at arrival (server.errors), so a
// failed attempt takes no time; successes take 1 ms on unbounded servers.
//
// Tolerance: 5 standard errors of the mean over the seeds, plus what the budget's state can
// shift across the window's two ends (its largest holding, in retries), divided by the requests
// in the window. The seeds are fixed, so the test is deterministic.

const SEEDS = [1, 2, 3, 4, 5, 6];
const DURATION = 1000;
const WARMUP = 50;
const RATE = 200;

/** A₀: attempts per request with r retries and no budget, r + 1 under total failure. */
function attemptsWithoutBudget(p: number, r: number): number {
  return p === 1 ? r + 1 : (1 - p ** (r + 1)) / (1 - p);
}

/** Erlang's loss formula B(c, a): the share of Poisson arrivals refused by c places held for a mean time, a = rate × mean. */
function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

interface Measured {
  amplification: number[];
  requests: number;
}

function measure(budget: Record<string, unknown>, p: number, r: number, backoff: Record<string, unknown> = { backoff: 'none' }): Measured {
  const amplification: number[] = [];
  let requests = Infinity;
  for (const seed of SEEDS) {
    const { summary } = runScenario(
      scenario({
        seed,
        duration: DURATION,
        warmup: WARMUP,
        bin: 10,
        load: { rate: RATE },
        client: { timeout: null, retry: { maxRetries: r, ...backoff, budget } },
        server: { concurrency: null, service: { dist: 'deterministic', mean: 0.001 }, errors: { rate: p } },
      }),
    );
    amplification.push(summary.amplification!);
    requests = Math.min(requests, summary.rates.offered * (DURATION - WARMUP));
  }
  return { amplification, requests };
}

function expectNear(m: Measured, formula: number, stateRetries: number): void {
  const n = m.amplification.length;
  const mean = m.amplification.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(m.amplification.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const tolerance = (5 * sd) / Math.sqrt(n) + stateRetries / m.requests;
  expect(Math.abs(mean - formula), `mean ${mean} over ${n} seeds, formula ${formula}, tolerance ${tolerance}`).toBeLessThanOrEqual(tolerance);
}

describe('retry budgets: amplification against the formulas of docs/model.md', () => {
  it('grpc (tokens 10, ratio 0.1): total failure 1; independent p: A₀ below p = ratio / (1 + ratio), 1 above', () => {
    const budget = { kind: 'grpc' };
    expectNear(measure(budget, 1, 3), 1, 10);
    expectNear(measure(budget, 0.02, 3), attemptsWithoutBudget(0.02, 3), 10);
    expectNear(measure(budget, 0.5, 3), 1, 10);
  });

  it('brooker (deposit 0.1, bucket 10): total failure 1; independent p: min(A₀, 1 / (1 − deposit·(1 − p)))', () => {
    const budget = { kind: 'brooker' };
    const formula = (p: number, r: number): number => Math.min(attemptsWithoutBudget(p, r), 1 / (1 - 0.1 * (1 - p)));
    expectNear(measure(budget, 1, 3), 1, 10);
    expectNear(measure(budget, 0.05, 2), formula(0.05, 2), 10);
    expect(formula(0.05, 2)).toBe(attemptsWithoutBudget(0.05, 2));
    expectNear(measure(budget, 0.5, 3), formula(0.5, 3), 10);
    expect(formula(0.5, 3)).toBeLessThan(attemptsWithoutBudget(0.5, 3));
  });

  it('aws (capacity 500, retry cost 5): total failure 1; independent p: min(A₀, 1 + (1 − p) / (cost · p))', () => {
    const budget = { kind: 'aws' };
    const formula = (p: number, r: number): number => Math.min(attemptsWithoutBudget(p, r), 1 + (1 - p) / (5 * p));
    expectNear(measure(budget, 1, 3), 1, 0);
    expectNear(measure(budget, 0.1, 3), formula(0.1, 3), 500 / 5);
    expect(formula(0.1, 3)).toBe(attemptsWithoutBudget(0.1, 3));
    expectNear(measure(budget, 0.5, 3), formula(0.5, 3), 500 / (5 * 0.5));
    expect(formula(0.5, 3)).toBeCloseTo(1.2, 12);
    // A smaller cost allows more: 1 + 0.5 / (2 × 0.5) = 1.5.
    expectNear(measure({ kind: 'aws', retryCost: 2 }, 0.5, 3), 1.5, 500 / (2 * 0.5));
  });

  it('aws: a retry after a timeout costs timeoutCost; total failure by timeouts is 1 once the quota is spent', () => {
    const amplification: number[] = [];
    for (const seed of SEEDS.slice(0, 3)) {
      const { summary } = runScenario(
        scenario({
          seed,
          duration: 200,
          warmup: 20,
          bin: 10,
          load: { rate: RATE },
          client: { timeout: 0.05, retry: { maxRetries: 3, budget: { kind: 'aws' } } },
          server: { concurrency: null, service: { mean: 0.001 } },
          triggers: [{ kind: 'outage', at: 0, duration: 200 }],
        }),
      );
      // 500 / 10 = 50 retries in all, every one before the window.
      expect(summary.counts.attempts).toBe(summary.counts.arrivals + 50);
      amplification.push(summary.amplification!);
    }
    expect(amplification).toEqual([1, 1, 1]);
  });

  it('finagle (ttl 10, minRetriesPerSec 10, percentCanRetry 0.2): min(A₀, 1 + percentCanRetry + minRetriesPerSec / λ)', () => {
    const budget = { kind: 'finagle' };
    const formula = (p: number, r: number, m: Measured): number =>
      Math.min(attemptsWithoutBudget(p, r), 1 + 0.2 + (10 * (DURATION - WARMUP)) / m.requests);
    // A window holds at most what ttl seconds deposit: 0.2 λ ttl + minRetriesPerSec ttl retries.
    const window = 0.2 * RATE * 10 + 10 * 10;
    const total = measure(budget, 1, 3);
    expectNear(total, formula(1, 3, total), window);
    const low = measure(budget, 0.1, 3);
    expectNear(low, formula(0.1, 3, low), window);
    expect(formula(0.1, 3, low)).toBe(attemptsWithoutBudget(0.1, 3));
    const high = measure(budget, 0.5, 3);
    expectNear(high, formula(0.5, 3, high), window);
    // percentCanRetry 0.05 and no reserve: 1.05.
    const share = measure({ kind: 'finagle', minRetriesPerSec: 0, percentCanRetry: 0.05 }, 1, 3);
    expectNear(share, 1.05, 0.05 * RATE * 10);
  });

  it('finagle: percentCanRetry 0 and minRetriesPerSec 0 is the empty budget: no retry at all', () => {
    expectNear(measure({ kind: 'finagle', minRetriesPerSec: 0, percentCanRetry: 0 }, 0.5, 3), 1, 0);
  });

  it('envoy (budgetPercent 20, minRetryConcurrency 3): retries in flight as an Erlang loss system on 3 places', () => {
    // Failures are instant, so attempts in flight are only the 1-ms successes (about 0.2 on
    // average): 20 % of them rounds down to 0 and the limit is minRetryConcurrency = 3. A request
    // whose first attempt failed takes a place, keeps it through its retries, and frees it when
    // a retry's outcome ends them: the first failures (Poisson, rate λp) are offered to an Erlang
    // loss system with 3 places held for H = b·E[K] + S·(1 − p^r) on average, E[K] = (1 − p^r) / (1 − p).
    const c = 3;
    const formula = (p: number, r: number, b: number, s: number): number => {
      const retries = p === 1 ? r : (1 - p ** r) / (1 - p);
      const holding = b * retries + s * (1 - p ** r);
      return 1 + p * (1 - erlangB(c, RATE * p * holding)) * retries;
    };
    const budget = { kind: 'envoy' };
    // Total failure, one retry 50 ms later: B(3, 10) = 0.73 refused.
    expectNear(measure(budget, 1, 1, { backoff: 'constant', base: 0.05 }), formula(1, 1, 0.05, 0), c);
    // Total failure, three retries 5 ms apart.
    expectNear(measure(budget, 1, 3, { backoff: 'constant', base: 0.005 }), formula(1, 3, 0.005, 0), 3 * c);
    // Independent failures.
    expectNear(measure(budget, 0.3, 2, { backoff: 'constant', base: 0.05 }), formula(0.3, 2, 0.05, 0.001), 2 * c);
    expectNear(measure(budget, 0.5, 3, { backoff: 'constant', base: 0.01 }), formula(0.5, 3, 0.01, 0.001), 3 * c);
  });

  it('envoy: under total failure by timeouts the percentage binds: held retries = ⌊budgetPercent % × attempts in flight⌋', () => {
    // Every attempt times out after T; a retry holds its place for its backoff b and its attempt's
    // T. In the fluid limit, retries per second R satisfy R(b + T) = β(λ + R)T − ½ (the floor
    // loses half a place on average), so A = 1 + (βT − 1/(2λ)) / (b + (1 − β)T); the floor's
    // loss lies between 0 and 1 place, hence the tolerance of half a place.
    const cases: [number, number, number, number][] = [
      [2000, 0.1, 0, 0.2],
      [2000, 0.1, 0.05, 0.2],
      [5000, 0.2, 0, 0.2],
    ];
    for (const [rate, T, b, beta] of cases) {
      const amplification: number[] = [];
      let requests = Infinity;
      for (const seed of SEEDS.slice(0, 3)) {
        const { summary } = runScenario(
          scenario({
            seed,
            duration: 100,
            warmup: 10,
            bin: 10,
            load: { rate },
            client: { timeout: T, retry: { maxRetries: 3, backoff: b > 0 ? 'constant' : 'none', base: b, budget: { kind: 'envoy', budgetPercent: beta * 100 } } },
            server: { concurrency: null, service: { mean: 0.001 } },
            triggers: [{ kind: 'outage', at: 0, duration: 100 }],
          }),
        );
        amplification.push(summary.amplification!);
        requests = Math.min(requests, summary.rates.offered * 90);
      }
      const formula = 1 + (beta * T - 1 / (2 * rate)) / (b + (1 - beta) * T);
      const halfPlace = 1 / (2 * rate) / (b + (1 - beta) * T);
      expectNear({ amplification, requests }, formula, halfPlace * requests);
    }
  });

  it('envoy: budgetPercent 0.2 (a 20 % meant, read as 0.2 %) leaves only minRetryConcurrency: an Erlang loss system on 3 places', () => {
    const amplification: number[] = [];
    let requests = Infinity;
    for (const seed of SEEDS.slice(0, 3)) {
      const { summary } = runScenario(
        scenario({
          seed,
          duration: 100,
          warmup: 10,
          bin: 10,
          load: { rate: 2000 },
          client: { timeout: 0.1, retry: { maxRetries: 3, budget: { kind: 'envoy', budgetPercent: 0.2 } } },
          server: { concurrency: null, service: { mean: 0.001 } },
          triggers: [{ kind: 'outage', at: 0, duration: 100 }],
        }),
      );
      amplification.push(summary.amplification!);
      requests = Math.min(requests, summary.rates.offered * 90);
    }
    // 0.2 % of about 200 attempts in flight rounds down to 0: the limit is 3 places, each held r·T.
    expectNear({ amplification, requests }, 1 + 3 * (1 - erlangB(3, 2000 * 3 * 0.1)), 3 * 3);
  });

  it('envoy: minRetryConcurrency 0 and no attempts in flight refuse every retry', () => {
    expectNear(measure({ kind: 'envoy', minRetryConcurrency: 0 }, 1, 3, { backoff: 'constant', base: 0.01 }), 1, 0);
  });
});
