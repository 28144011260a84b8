import { describe, expect, it } from 'vitest';
import { fanoutClosedForm, fanoutPointScenario, fanoutSlowFraction, measureFanout, parseScenario, quorumSlowFraction, studyObjective } from '../../../src/sim/index';
import { scenario } from './helpers';

/** P(Binomial(n, p) > n − quorum) by summing every outcome: the reference for the closed form. */
function bruteSlow(n: number, quorum: number, p: number): number {
  let total = 0;
  for (let slow = n - quorum + 1; slow <= n; slow++) {
    let choose = 1;
    for (let j = 0; j < slow; j++) choose = (choose * (n - j)) / (j + 1);
    total += choose * p ** slow * (1 - p) ** (n - slow);
  }
  return total;
}

describe('the closed form of a fan-out with a quorum', () => {
  it('is 1 − (1 − p)^n when every backend must answer, and the binomial tail otherwise', () => {
    for (const [n, p] of [[1, 0.01], [10, 0.05], [100, 0.01], [37, 0.2]] as const) {
      expect(quorumSlowFraction(n, n, p)).toBeCloseTo(fanoutSlowFraction(n, p), 12);
    }
    for (const [n, q, p] of [[3, 2, 0.1], [10, 7, 0.05], [20, 1, 0.5], [25, 20, 0.3]] as const) {
      expect(quorumSlowFraction(n, q, p)).toBeCloseTo(bruteSlow(n, q, p), 10);
    }
    expect(quorumSlowFraction(5, 3, 0)).toBe(0);
    expect(quorumSlowFraction(5, 3, 1)).toBe(1);
  });
});

describe('the fan-out study (the tail against the number of backends)', () => {
  // One backend: 1 ms calls, except 1% that take 100 s; every slow call misses the 100-ms objective,
  // almost no fast one does. Requests wait for all n, so the share of slow requests is 1 − (1 − p)^n.
  const base = scenario({
    duration: 300,
    load: { rate: 200 },
    client: { timeout: 0.1, slo: 0.1, retry: { maxRetries: 0 } },
    server: { concurrency: null, service: { dist: 'bimodal', mean: 0.001, slowFraction: 0.01, slowMean: 100 } },
    fanout: { n: 100 },
    triggers: [{ kind: 'spike', at: 10, duration: 5, factor: 3 }],
  });

  it('runs each width as a valid scenario: steady load, no triggers, the quorum kept at n − stragglers', () => {
    const withQuorum = { ...base, fanout: { n: 10, quorum: 8, hedge: null } };
    const point = fanoutPointScenario(withQuorum, 50, 0.1);
    expect(() => parseScenario(point)).not.toThrow();
    expect(point.triggers).toEqual([]);
    expect(point.fanout).toEqual({ n: 50, quorum: 48, hedge: null });
    expect(fanoutPointScenario(withQuorum, 1, 0.1).fanout?.quorum).toBeNull();
  });

  it('measures the share of slow requests within 4σ of the closed form from the one-backend miss rate', () => {
    const slo = studyObjective(base);
    expect(slo).toBe(0.1);
    const one = measureFanout(base, 1, slo);
    const p1 = one.sloMiss ?? NaN;
    expect(Math.abs(p1 - 0.01)).toBeLessThan(4 * Math.sqrt((0.01 * 0.99) / one.requests));
    for (const n of [10, 100]) {
      const point = measureFanout(base, n, slo);
      const expected = fanoutClosedForm(base, n, p1);
      // Both the point's and p1's sampling errors: dP/dp = n(1 − p)^(n−1).
      const slope = n * (1 - p1) ** (n - 1);
      const sigma = Math.sqrt((expected * (1 - expected)) / point.requests + (slope * slope * p1 * (1 - p1)) / one.requests);
      expect(point.requests).toBeGreaterThan(10_000);
      expect(Math.abs((point.sloMiss ?? NaN) - expected)).toBeLessThan(4 * sigma);
    }
  });

  it('uses the one-backend p99 as the objective when the scenario has none, so about 1% of single calls miss it', () => {
    // Without a timeout, so every call succeeds and the p99 is over all of them.
    const noSlo = { ...base, client: { ...base.client, slo: null, timeout: null } };
    const slo = studyObjective(noSlo);
    expect(slo).not.toBeNull();
    const one = measureFanout(noSlo, 1, slo);
    // The histogram's bucket (≤ 0.8% wide) moves the quantile a little: between 0.5% and 1.5%.
    expect(one.sloMiss).toBeGreaterThan(0.005);
    expect(one.sloMiss).toBeLessThan(0.015);
  });
});
