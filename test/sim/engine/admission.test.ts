import { describe, expect, it } from 'vitest';
import { AdmissionControl, TokenBucket } from '../../../src/sim/engine/admission';
import { Rng } from '../../../src/sim/engine/rng';
import { findPreset, parseScenario, runScenario } from '../../../src/sim/index';
import { scenario } from './helpers';

const ENVOY_DEFAULTS = { window: 30, successRate: 0.95, aggression: 1, minRps: 0, maxRejection: 0.8 };

describe('admission control: the rejection probability as Envoy defines it, on step inputs', () => {
  it('min(maxRejection, max(0, (n − s / threshold) / (n + 1)) ^ (1 / aggression)) over the window, nothing without requests', () => {
    const ac = new AdmissionControl({ ...ENVOY_DEFAULTS, window: 10 });
    expect(ac.probability(0)).toBe(0);
    for (let i = 0; i < 100; i++) ac.record(0.5, i < 80);
    // n = 100, s = 80: (100 − 80 / 0.95) / 101 = 0.15633…
    expect(ac.probability(1)).toBeCloseTo((100 - 80 / 0.95) / 101, 12);
    // A success rate at the threshold or above rejects nothing.
    const healthy = new AdmissionControl({ ...ENVOY_DEFAULTS, window: 10 });
    for (let i = 0; i < 100; i++) healthy.record(0.5, i < 95);
    expect(healthy.probability(1)).toBe(0);
  });

  it('aggression bends the curve (a root of the linear share), maxRejection caps it, minRps turns it off below a rate', () => {
    const record = (spec: Partial<typeof ENVOY_DEFAULTS>) => {
      const ac = new AdmissionControl({ ...ENVOY_DEFAULTS, window: 10, ...spec });
      for (let i = 0; i < 100; i++) ac.record(0.5, i < 80);
      return ac.probability(1);
    };
    const linear = (100 - 80 / 0.95) / 101;
    expect(record({ aggression: 2 })).toBeCloseTo(Math.sqrt(linear), 12);
    expect(record({ aggression: 4 })).toBeCloseTo(linear ** 0.25, 10);
    expect(record({ maxRejection: 0.1 })).toBe(0.1);
    // 100 requests in a 10-s window: 10 a second; a floor of 11 lets everything through, one of 10 does not.
    expect(record({ minRps: 11 })).toBe(0);
    expect(record({ minRps: 10 })).toBeCloseTo(linear, 12);
    // Total failure: (n − 0) / (n + 1) → the ceiling.
    const dead = new AdmissionControl({ ...ENVOY_DEFAULTS, window: 10 });
    for (let i = 0; i < 1000; i++) dead.record(0.5, false);
    expect(dead.probability(1)).toBe(0.8);
  });

  it('forgets what left the window, in whole seconds (Envoy rounds the window)', () => {
    const ac = new AdmissionControl({ ...ENVOY_DEFAULTS, window: 2.4 });
    for (let i = 0; i < 10; i++) ac.record(0.2, false);
    for (let i = 0; i < 10; i++) ac.record(1.2, true);
    // Window 2 s: at t = 1.5 both seconds count: n = 20, s = 10.
    expect(ac.probability(1.5)).toBeCloseTo((20 - 10 / 0.95) / 21, 12);
    // At t = 2.5 the first second has left: n = 10, all successes.
    expect(ac.probability(2.5)).toBe(0);
  });

  it('rejects with that probability', () => {
    const ac = new AdmissionControl({ ...ENVOY_DEFAULTS, window: 10 });
    for (let i = 0; i < 100; i++) ac.record(0.5, i < 60);
    const p = ac.probability(1);
    const rng = new Rng(7, 10);
    const n = 20_000;
    let rejected = 0;
    for (let i = 0; i < n; i++) if (!ac.admit(1, rng)) rejected++;
    // Binomial: within 5 standard errors.
    expect(Math.abs(rejected / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });
});

describe('rate limit: a token bucket on every attempt', () => {
  it('starts full, takes one token an attempt, fills at the rate up to the burst', () => {
    const b = new TokenBucket({ rate: 2, burst: 3 }, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    // 0.25 s: half a token.
    expect(b.take(0.25)).toBe(false);
    // 0.5 s: one token (the half kept).
    expect(b.take(0.5)).toBe(true);
    // 10 s later the bucket holds its burst, no more.
    expect([b.take(10.5), b.take(10.5), b.take(10.5), b.take(10.5)]).toEqual([true, true, true, false]);
    // Retuned smaller, it keeps at most the new burst.
    const c = new TokenBucket({ rate: 1, burst: 10 }, 0);
    c.retune({ rate: 1, burst: 2 }, 0);
    expect([c.take(0), c.take(0), c.take(0)]).toEqual([true, true, false]);
  });

  it('in a run, the attempts that leave are the burst plus rate × time (to a token), the rest refused', () => {
    const r = runScenario(
      scenario({
        seed: 3,
        duration: 100,
        bin: 10,
        load: { rate: 200 },
        client: { timeout: null, retry: { maxRetries: 0 }, rateLimit: { rate: 50, burst: 10 } },
        server: { concurrency: null, service: { dist: 'deterministic', mean: 0.001 } },
      }),
    );
    const { attempts, refused, arrivals } = r.summary.counts;
    expect(Math.abs(attempts - (10 + 50 * 100))).toBeLessThanOrEqual(2);
    expect(attempts + refused).toBe(arrivals);
  });
});

describe('a half-open probe refused by a later control', () => {
  it('counts as a failed probe, so the breaker opens again and closes later instead of staying half-open with its place taken', () => {
    // The outage drains the bucket and opens the breaker; 0.2 s later its probe finds less than a token. Were that probe's
    // place kept, the breaker would refuse every attempt for the rest of the run (goodput 0 after the outage, as it was).
    const r = runScenario(
      scenario({
        seed: 1,
        duration: 200,
        bin: 1,
        load: { rate: 50 },
        client: {
          timeout: 0.5,
          retry: { maxRetries: 0 },
          breaker: { failureRatio: 0.5, window: 2, minRequests: 3, cooldown: 0.2, probes: 1 },
          rateLimit: { rate: 2, burst: 20 },
        },
        server: { concurrency: null, service: { mean: 0.01 } },
        triggers: [{ kind: 'outage', at: 20, duration: 10 }],
      }),
    );
    let late = 0;
    for (let i = 100; i < 200; i++) late += r.series.goodput[i]!;
    // The rate limit's 2 a second get through once the breaker has closed: about 200 answers in the last 100 s.
    expect(late).toBeGreaterThan(150);
  });
});

describe('admission control and a rate limit in the retry storm', () => {
  const storm = findPreset('retry-storm')!.scenario;
  it('admission control at Envoy’s defaults ends the storm: recovered on every seed (measured on seeds 1–3, aggression 1 and 2: 58–64 s after the outage)', () => {
    for (const seed of [1, 2, 3]) {
      const s = parseScenario({ ...storm, seed, client: { ...(storm as { client: object }).client, admission: {} } }).scenario;
      const { summary } = runScenario(s);
      expect(summary.verdict, `seed ${seed}`).toBe('recovered');
      expect(summary.amplification).toBeLessThan(1);
    }
  });

  it('a rate limit at capacity does not: the queue it leaves full still times out (stuck on seeds 1–2)', () => {
    for (const seed of [1, 2]) {
      const s = parseScenario({ ...storm, seed, client: { ...(storm as { client: object }).client, rateLimit: { rate: 300, burst: 30 } } }).scenario;
      expect(runScenario(s).summary.verdict, `seed ${seed}`).toBe('metastable');
    }
  });
});
