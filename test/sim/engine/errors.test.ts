import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/sim/index';
import { scenario, sumOver } from './helpers';

// Independent failures (docs/model.md, "Errors"): each call is answered with an error at
// arrival with probability p. With r retries and no budget a request makes K attempts,
// P(K ≥ k) = p^(k−1) for k = 1 … r + 1, so E[K] = (1 − p^(r+1)) / (1 − p), and it succeeds
// with probability 1 − p^(r+1).

function moments(p: number, r: number): { mean: number; variance: number; success: number } {
  let mean = 0;
  let second = 0;
  for (let k = 1; k <= r + 1; k++) {
    const tail = p ** (k - 1);
    mean += tail;
    second += (2 * k - 1) * tail;
  }
  return { mean, variance: second - mean * mean, success: 1 - p ** (r + 1) };
}

/** Unbounded servers, no timeout, instant retries: only the errors fail attempts. */
function independent(p: number, r: number, seed: number) {
  return scenario({
    seed,
    duration: 200,
    bin: 10,
    load: { rate: 500 },
    client: { timeout: null, retry: { maxRetries: r, backoff: 'none' } },
    server: { concurrency: null, service: { dist: 'deterministic', mean: 0.001 }, errors: { rate: p } },
  });
}

describe('errors: independent failures with probability p', () => {
  const cases: [number, number][] = [
    [0.1, 1],
    [0.1, 3],
    [0.3, 2],
    [0.5, 1],
    [0.5, 3],
    [0.8, 5],
  ];
  it.each(cases)('p = %f, r = %i: attempts per request (1 − p^(r+1)) / (1 − p), success 1 − p^(r+1)', (p, r) => {
    const { summary } = runScenario(independent(p, r, 11));
    const c = summary.counts;
    const finished = c.succeeded + c.failed;
    const m = moments(p, r);
    // Requests still in service at the end have made at most r + 1 attempts each.
    const inFlightBias = ((r + 1) * c.inFlight) / finished;
    const attemptsSE = Math.sqrt(m.variance / finished);
    expect(Math.abs(c.attempts / finished - (1 - p ** (r + 1)) / (1 - p))).toBeLessThan(5 * attemptsSE + inFlightBias);
    expect(m.mean).toBeCloseTo((1 - p ** (r + 1)) / (1 - p), 12);
    const successSE = Math.sqrt((m.success * (1 - m.success)) / finished);
    expect(Math.abs(c.succeeded / finished - m.success)).toBeLessThan(5 * successSE);
    // Every failed attempt is an error answer; nothing else failed.
    expect(c.errors).toBe(c.attempts - c.succeeded - c.inFlight);
    expect(c.timedOut + c.rejected + c.refused).toBe(0);
    expect(c.completed).toBe(c.succeeded);
  });

  it('an errors trigger raises the share during its span only, as an independent source', () => {
    const base = 0.2;
    const q = 0.5;
    const r = runScenario(
      scenario({
        seed: 5,
        duration: 300,
        bin: 1,
        load: { rate: 400 },
        client: { timeout: null, retry: { maxRetries: 0 } },
        server: { concurrency: null, service: { dist: 'deterministic', mean: 0.001 }, errors: { rate: base } },
        triggers: [{ kind: 'errors', at: 100, duration: 100, rate: q }],
      }),
    );
    const share = (from: number, to: number): number => sumOver(r, 'errors', from, to) / sumOver(r, 'attempts', from, to);
    const n = 400 * 100;
    const se = (x: number): number => Math.sqrt((x * (1 - x)) / n);
    expect(Math.abs(share(0, 100) - base)).toBeLessThan(5 * se(base));
    const during = 1 - (1 - base) * (1 - q);
    expect(Math.abs(share(100, 200) - during)).toBeLessThan(5 * se(during));
    expect(Math.abs(share(200, 300) - base)).toBeLessThan(5 * se(base));
  });

  it('an error counts as a failed attempt for the breaker: a total error trigger opens it', () => {
    const r = runScenario(
      scenario({
        seed: 3,
        duration: 60,
        bin: 1,
        load: { rate: 200 },
        client: { timeout: 1, retry: { maxRetries: 2 }, breaker: { failureRatio: 0.5, window: 5, minRequests: 20, cooldown: 5, probes: 3 } },
        server: { concurrency: 50, service: { mean: 0.01 } },
        triggers: [{ kind: 'errors', at: 20, duration: 20, rate: 1 }],
      }),
    );
    expect(sumOver(r, 'errors', 20, 40)).toBeGreaterThan(0);
    expect(r.summary.counts.refused).toBeGreaterThan(1000);
    // Once the trigger ends the breaker closes again and requests succeed.
    expect(sumOver(r, 'goodput', 50, 60)).toBeGreaterThan(0.95 * sumOver(r, 'offered', 50, 60));
  });

  it('a run without errors draws nothing from the errors stream: counts stay 0', () => {
    const r = runScenario(scenario({ duration: 50, load: { rate: 100 } }));
    expect(r.summary.counts.errors).toBe(0);
    expect(r.series.errors.every((x) => x === 0)).toBe(true);
  });
});
