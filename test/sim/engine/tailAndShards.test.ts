import { describe, expect, it } from 'vitest';
import { fanoutSlowFraction, Simulation } from '../../../src/sim/index';
import type { RunResult, ShardSummary } from '../../../src/sim/index';
import { runSeeds, scenario } from './helpers';

const SEEDS = [1, 2, 3, 4, 5];

describe('F1: fan-out to 100 backends, each slow 1% of the time (Dean & Barroso, "The Tail at Scale")', () => {
  // Fast calls take 1 ms on average, slow ones 100 s; the 0.1-s timeout and SLO mark a request slow
  // when any of its 100 calls is: P = 1 − (1 − p)^100 with p = 0.01 × P(slow call > 0.1 s) = 0.00999.
  const runs = runSeeds(
    {
      duration: 2000,
      bin: 10,
      load: { rate: 20 },
      client: { timeout: 0.1, slo: 0.1 },
      server: { concurrency: null, service: { dist: 'bimodal', mean: 0.001, slowFraction: 0.01, slowMean: 100 } },
      fanout: { n: 100 },
    },
    [1, 2, 3],
  );
  it('about 63.4% of requests are slow, within 1 percentage point (≈ 4σ at 40,000 requests)', () => {
    for (const r of runs) {
      expect(r.summary.counts.arrivals).toBeGreaterThan(38_000);
      expect(r.summary.counts.calls).toBeGreaterThanOrEqual(100 * r.summary.counts.attempts);
      expect(Math.abs((r.summary.sloMiss ?? NaN) - fanoutSlowFraction(100, 0.01))).toBeLessThan(0.01);
    }
  });
});

describe('F2: hedged requests after the backend p95', () => {
  const base = {
    duration: 2000,
    bin: 10,
    load: { rate: 100 },
    client: { timeout: null },
    server: { concurrency: null, service: { dist: 'bimodal', mean: 0.01, slowFraction: 0.01, slowMean: 1 } },
  };
  const plain = runSeeds({ ...base, fanout: { n: 1 } }, SEEDS);
  const hedged = runSeeds({ ...base, fanout: { n: 1, hedge: { percentile: 0.95 } } }, SEEDS);
  it('cut the whole request’s p99.9 at least 5×', () => {
    plain.forEach((r, i) => {
      const before = r.summary.latency.p999 ?? NaN;
      const after = hedged[i]?.summary.latency.p999 ?? NaN;
      expect(before / after).toBeGreaterThanOrEqual(5);
    });
  });
  it('for about the hedged fraction of extra load (5% ± 1.5%), counted in amplification', () => {
    for (const r of hedged) {
      const extra = (r.summary.amplification ?? NaN) - 1;
      expect(extra).toBeGreaterThan(0.035);
      expect(extra).toBeLessThan(0.065);
      expect(r.summary.counts.hedges / r.summary.counts.attempts).toBeCloseTo(extra, 6);
    }
    for (const r of plain) expect(r.summary.amplification).toBe(1);
  });
  it('cancel the losing copy: every hedge either wins or is cancelled, none is wasted work', () => {
    for (const r of hedged) {
      expect(r.summary.counts.cancelled).toBeGreaterThan(0.9 * r.summary.counts.hedges);
      expect(r.summary.counts.wasted).toBe(0);
    }
  });
});

describe('partitions: a hot key is a serial bottleneck (Zipf 1.1 over 1000 keys)', () => {
  const shardsAt = (shards: number, extra: Record<string, unknown> = {}): RunResult[] =>
    runSeeds(
      { duration: 300, load: { rate: 200, keys: 1000, zipf: 1.1 }, client: { timeout: 1 }, server: { concurrency: 4, service: { mean: 0.1 } }, partitions: { shards }, ...extra },
      SEEDS,
    );
  const hottest = (r: RunResult): ShardSummary => {
    const shards = r.summary.shards ?? [];
    return shards.reduce((a, b) => (b.offered > a.offered ? b : a));
  };
  const meanUtil = (r: RunResult): number => {
    const shards = r.summary.shards ?? [];
    return shards.reduce((a, s) => a + (s.utilisation ?? 0), 0) / shards.length;
  };
  it('on 16 shards at 200/s the hottest shard runs above 95% with goodput under 90% of its offered load, while shards average under 50%', () => {
    for (const r of shardsAt(16)) {
      const hot = hottest(r);
      expect(r.summary.shards).toHaveLength(16);
      expect(hot.utilisation).toBeGreaterThan(0.95);
      expect(hot.goodput).toBeLessThan(0.9 * hot.offered);
      expect(meanUtil(r)).toBeLessThan(0.5);
      expect(r.series.shardUtilisation?.[100]).toHaveLength(16);
    }
  });
  it('doubling the shards does not bring the hot shard’s goodput back', () => {
    for (const r of shardsAt(32)) {
      const hot = hottest(r);
      expect(hot.goodput).toBeLessThan(0.9 * hot.offered);
    }
  });
  it('a cache in front of the keys does', () => {
    for (const r of shardsAt(16, { cache: { hitRate: 0.9 } })) {
      const hot = hottest(r);
      expect(hot.goodput).toBeGreaterThan(0.98 * hot.offered);
      expect(hot.utilisation).toBeLessThan(0.5);
    }
  });
  it('per-shard offered load adds up to the arrivals, and shard utilisations average to the server’s', () => {
    for (const r of shardsAt(16)) {
      const shards = r.summary.shards ?? [];
      expect(shards.reduce((a, s) => a + s.offered, 0)).toBeCloseTo(r.summary.rates.offered, 6);
      expect(meanUtil(r)).toBeCloseTo(r.summary.utilisation ?? NaN, 6);
    }
  });
});

describe('correlated failures: 3 replicas, quorum 2', () => {
  const base = { duration: 400, load: { rate: 100 }, client: { timeout: 1 }, server: { concurrency: 10, service: { mean: 0.01 } }, fanout: { n: 3, quorum: 2 } };
  it('losing 2 replicas together for 30 s costs more failed requests than losing 2 at independent random times', () => {
    const together = runSeeds({ ...base, triggers: [{ kind: 'outage', at: 60, duration: 30, stations: 2 }] }, SEEDS);
    const apart = runSeeds({ ...base, triggers: [{ kind: 'random-outages', at: 60, duration: 30, stations: 2, window: 300 }] }, SEEDS);
    together.forEach((r, i) => {
      // Together: no quorum for 30 s, about 100/s × 30 s requests lost.
      expect(r.summary.counts.failed).toBeGreaterThan(2500);
      expect(r.summary.counts.failed).toBeGreaterThan(apart[i]?.summary.counts.failed ?? Infinity);
    });
  });
  it('a replica down alone does not fail requests: the other two still make a quorum', () => {
    for (const r of runSeeds({ ...base, triggers: [{ kind: 'outage', at: 60, duration: 30, stations: 1 }] }, SEEDS)) {
      expect(r.summary.counts.failed).toBe(0);
    }
  });
});

describe('several stations keep the engine’s guarantees', () => {
  it('fan-out with quorum, hedging, rejections and cancellation conserves requests at every slice and replays sliced', () => {
    const s = scenario({
      duration: 60,
      load: { rate: 150 },
      client: { timeout: 0.3, retry: { maxRetries: 2 } },
      server: { concurrency: 4, service: { dist: 'bimodal', mean: 0.02, slowFraction: 0.05, slowMean: 0.5 }, queue: { limit: 5 }, cancelOnTimeout: true },
      fanout: { n: 5, quorum: 3, hedge: { percentile: 0.9 } },
      triggers: [{ kind: 'outage', at: 20, duration: 5, stations: 3 }, { kind: 'random-outages', at: 30, duration: 4, stations: 2, window: 20 }],
    });
    const whole = new Simulation(s);
    whole.runToEnd();
    const sliced = new Simulation(s);
    for (let t = 0.7; t < 60; t += 3.3) {
      sliced.advance(t);
      const st = sliced.state();
      expect(st.arrivals).toBe(st.succeeded + st.failed + st.inFlight);
      expect(st.queue).toBeGreaterThanOrEqual(0);
      expect(sliced.selfCheck()).toEqual([]);
    }
    sliced.runToEnd();
    expect(JSON.stringify(sliced.series())).toBe(JSON.stringify(whole.series()));
    expect(JSON.stringify(sliced.summary())).toBe(JSON.stringify(whole.summary()));
    const c = whole.summary().counts;
    expect(c.hedges).toBeGreaterThan(0);
    expect(c.rejected).toBeGreaterThan(0);
    expect(c.cancelled).toBeGreaterThan(0);
  });
});
