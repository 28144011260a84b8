import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario, type RunResult } from '../../../src/sim/index';
import { LogHistogram } from '../../../src/sim/engine/histogram';

const SEEDS = [1, 2, 3, 4, 5];

function presetRun(id: string, seed: number): RunResult {
  const preset = findPreset(id);
  if (preset === undefined) throw new Error(`no preset ${id}`);
  return runScenario(parseScenario({ ...preset.scenario, seed }).scenario);
}

/** Bins judged bad that start at or after `from`, as indices. */
function badBinsFrom(r: RunResult, from: number): number[] {
  const out: number[] = [];
  r.series.bad.forEach((b, i) => {
    if (b === 1 && (r.series.t[i] ?? -1) >= from) out.push(i);
  });
  return out;
}

describe('client-experienced latency: every finished request, failures at their time to failure', () => {
  it('in the stuck retry storm, the client p99 is at least the timeout in every bad bin after the trigger, the success-only p99 below it or missing', () => {
    for (const seed of SEEDS) {
      const r = presetRun('retry-storm', seed);
      expect(r.summary.verdict).toBe('metastable');
      const timeout = r.scenario.client.timeout!;
      const bad = badBinsFrom(r, 80);
      expect(bad.length).toBeGreaterThan(200);
      for (const i of bad) {
        const client = r.series.clientP99[i];
        const ok = r.series.p99[i];
        expect(client).not.toBeNull();
        // A failure waits one timeout per attempt; the histogram reports within 1/128 of a value.
        expect(client!).toBeGreaterThanOrEqual(timeout * (1 - 1 / 128));
        if (ok !== null && ok !== undefined) expect(ok).toBeLessThanOrEqual(timeout);
      }
      // The run's summary says the same: clients waited at least the timeout at p99; successes did not.
      expect(r.summary.clientLatency.p99!).toBeGreaterThanOrEqual(timeout * (1 - 1 / 128));
      expect(r.summary.latency.p99 === null || r.summary.latency.p99 < r.summary.clientLatency.p99!).toBe(true);
    }
  });

  it('with one immediate retry, a failed request waits exactly two timeouts: the client p50 of a stuck bin is two timeouts', () => {
    for (const seed of SEEDS) {
      const r = presetRun('retry-storm', seed);
      const timeout = r.scenario.client.timeout!;
      for (const i of badBinsFrom(r, 150)) {
        // Almost every request fails after its first attempt and its immediate retry both time out.
        expect(r.series.clientP50[i]!).toBeGreaterThanOrEqual(2 * timeout * (1 - 1 / 128));
        expect(r.series.clientP50[i]!).toBeLessThanOrEqual(2 * timeout * (1 + 1 / 128));
      }
    }
  });

  it('in a healthy M/M/1 run nothing fails, and the client percentiles equal the success-only ones in every bin and in the summary', () => {
    for (const seed of SEEDS) {
      const r = presetRun('mm1', seed);
      expect(r.summary.counts.failed).toBe(0);
      expect(r.series.clientP50).toEqual(r.series.p50);
      expect(r.series.clientP99).toEqual(r.series.p99);
      expect(r.series.clientP999).toEqual(r.series.p999);
      const { mean, ...client } = r.summary.clientLatency;
      expect(client).toEqual(r.summary.latency);
      expect(mean).toBe(r.summary.meanLatency);
    }
  });

  it('counts each finished request once: the client mean is the successes\' mean and two timeouts per failure, weighted by their counts', () => {
    for (const seed of SEEDS) {
      const r = presetRun('retry-storm', seed);
      // With warm-up 0 the summary covers every request; each failure took exactly two timeouts.
      expect(r.scenario.warmup).toBe(0);
      const { succeeded, failed } = r.summary.counts;
      const expected = (succeeded * r.summary.meanLatency! + failed * 2 * r.scenario.client.timeout!) / (succeeded + failed);
      expect(Math.abs(r.summary.clientLatency.mean! - expected) / expected).toBeLessThan(1e-9);
    }
  });
});

describe('LogHistogram.quantileWith', () => {
  it('equals the quantile of the two histograms merged, for any split of the samples', () => {
    let s = 12345;
    const next = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    for (let trial = 0; trial < 50; trial++) {
      const a = new LogHistogram();
      const b = new LogHistogram();
      const n = 1 + Math.floor(next() * 300);
      for (let k = 0; k < n; k++) (next() < 0.3 ? b : a).add(1e-3 + next() * next() * 10);
      const merged = a.clone();
      merged.mergeFrom(b);
      for (const p of [0.01, 0.5, 0.9, 0.99, 0.999, 1]) expect(a.quantileWith(b, p)).toBe(merged.quantile(p));
    }
  });
});
