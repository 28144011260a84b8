import { describe, expect, it } from 'vitest';
import { mmck, mmcWait } from '../../../src/sim/index';
import { relErr, runSeeds } from './helpers';

// docs/validation.md, T1–T4: no timeout, no retries, no cache; ≥ 3 × 10⁶ requests a run, 3 seeds.
// Tolerances (docs/validation.md, T1–T4): 3% on means and medians, 6% on p99, 0.015 on probabilities.
const SEEDS = [1, 2, 3];
const base = { client: { timeout: null }, bin: 100 };

describe('closed forms used as references', () => {
  it('reproduce the figures the reference cases quote', () => {
    expect(mmcWait(10, 8, 1)).toBeCloseTo(0.2046, 4);
    const t3 = mmck(10, 20, 12, 1);
    expect(t3.blocking).toBeCloseTo(0.1797, 4);
    expect(t3.throughput).toBeCloseTo(9.844, 3);
    expect(t3.meanLatency).toBeCloseTo(1.636, 3);
    expect(mmck(1, 10, 20, 10).blocking).toBeCloseTo(0.5002, 4);
  });
});

describe('T1: M/M/1 at ρ = 0.8 (rate 8/s, mean service 0.1 s)', () => {
  const runs = runSeeds({ ...base, duration: 375_000, load: { rate: 8 }, server: { concurrency: 1, service: { mean: 0.1 } } }, SEEDS);
  const W = 1 / (10 - 8);
  it.each(runs.map((r, i) => [SEEDS[i], r] as const))('seed %i: L, W, p50, p99 and Little’s law', (_seed, r) => {
    const s = r.summary;
    expect(s.counts.arrivals).toBeGreaterThanOrEqual(2.9e6);
    expect(relErr(s.meanInSystem, 4)).toBeLessThan(0.03);
    expect(relErr(s.meanLatency, W)).toBeLessThan(0.03);
    expect(relErr(s.latency.p50, -Math.log(0.5) * W)).toBeLessThan(0.03);
    expect(relErr(s.latency.p99, -Math.log(0.01) * W)).toBeLessThan(0.06);
    expect(relErr(s.meanInSystem, s.rates.throughput * (s.meanLatency ?? NaN))).toBeLessThan(0.01);
  });
});

describe('T2: M/M/10 (rate 8/s, mean service 1 s)', () => {
  // The queueing delay is a small, strongly autocorrelated part of the sojourn: its run-to-run
  // spread at 3 × 10⁶ requests is about 1.2%, so these runs use 10⁷ (spread ≈ 0.65%, 3% ≈ 4.6σ).
  const runs = runSeeds({ ...base, duration: 1_250_000, load: { rate: 8 }, server: { concurrency: 10, service: { mean: 1 } } }, SEEDS);
  const wq = mmcWait(10, 8, 1);
  it.each(runs.map((r, i) => [SEEDS[i], r] as const))('seed %i: meanWait matches Erlang C, meanLatency = Wq + 1/μ', (_seed, r) => {
    expect(relErr(r.summary.meanWait, wq)).toBeLessThan(0.03);
    expect(relErr(r.summary.meanLatency, wq + 1)).toBeLessThan(0.03);
  });
});

describe('T3: M/M/10/20 (rate 12/s, mean service 1 s, 10 waiting places)', () => {
  const runs = runSeeds(
    { ...base, duration: 250_000, load: { rate: 12 }, server: { concurrency: 10, service: { mean: 1 }, queue: { limit: 10 } } },
    SEEDS,
  );
  const ref = mmck(10, 20, 12, 1);
  it.each(runs.map((r, i) => [SEEDS[i], r] as const))('seed %i: blocking, throughput, latency of accepted', (_seed, r) => {
    const s = r.summary;
    expect(Math.abs(s.counts.rejected / s.counts.attempts - ref.blocking)).toBeLessThan(0.015);
    expect(relErr(s.rates.throughput, ref.throughput)).toBeLessThan(0.03);
    expect(relErr(s.meanLatency, ref.meanLatency)).toBeLessThan(0.03);
    // With no retries, a rejected attempt is a failed request.
    expect(s.counts.failed).toBe(s.counts.rejected);
  });
});

describe('T4: M/M/1/10 at ρ = 2 (rate 20/s, mean service 0.1 s, 9 waiting places)', () => {
  const runs = runSeeds(
    { ...base, duration: 150_000, load: { rate: 20 }, server: { concurrency: 1, service: { mean: 0.1 }, queue: { limit: 9 } } },
    SEEDS,
  );
  const ref = mmck(1, 10, 20, 10);
  it.each(runs.map((r, i) => [SEEDS[i], r] as const))('seed %i: blocking probability', (_seed, r) => {
    expect(Math.abs(r.summary.counts.rejected / r.summary.counts.attempts - ref.blocking)).toBeLessThan(0.015);
  });
});
