import { describe, expect, it } from 'vitest';
import { costsOfRun, findPreset, parseScenario, runScenario, setPath, transientVariant } from '../../../src/sim/index';

/** A quiet service: 30 slots of 0.1 s (capacity 300/s) at 20/s, so nothing queues outside the triggers. */
function quiet(seed: number, extra: Record<string, unknown>): unknown {
  let raw: unknown = {
    version: 1,
    seed,
    duration: 120,
    warmup: 0,
    bin: 1,
    load: { rate: 20 },
    client: { timeout: null, retry: { maxRetries: 0 } },
    server: { concurrency: 30, service: { dist: 'exponential', mean: 0.1 }, queue: { limit: null, discipline: 'fifo' } },
    triggers: [],
  };
  for (const [path, value] of Object.entries(extra)) raw = setPath(raw, path, value);
  return raw;
}

const run = (raw: unknown) => runScenario(parseScenario(raw).scenario);
const SEEDS = [1, 2, 3, 4, 5];

describe('cost measures, where each is known by construction', () => {
  it('a queue limit of L refuses exactly the arrivals of an outage beyond the first L, and detects at the (L+1)th', () => {
    const L = 25;
    for (const seed of SEEDS) {
      const r = run(quiet(seed, { 'server.queue.limit': L, triggers: [{ kind: 'outage', at: 40, duration: 10 }] }));
      // The outage holds every call that arrives during it in the queue; bins are 1 s, so offered × 1 counts arrivals.
      let during = 0;
      r.series.t.forEach((t, i) => {
        if (t! >= 40 && t! < 50) during += r.series.offered[i]!;
      });
      during = Math.round(during);
      expect(during).toBeGreaterThan(L);
      expect(r.summary.counts.rejected).toBe(during - L);
      const costs = costsOfRun(r);
      expect(costs.shedShare).toBeCloseTo((during - L) / r.summary.counts.arrivals, 12);
      // The first refusal is the (L+1)th arrival of the outage: after its start, before its end.
      expect(costs.detect).toBeGreaterThan(0);
      expect(costs.detect).toBeLessThan(10);
      expect(costs.recoveryTime === null || costs.recoveryTime >= 0).toBe(true);
    }
  });

  it('under the transient variant the retry storm’s baseline loses no request, and turning retries off loses exactly the ones whose only attempt the outage caught', () => {
    const storm = setPath(findPreset('retry-storm')!.scenario, 'duration', 120);
    for (const seed of SEEDS.slice(0, 3)) {
      const transient = transientVariant(setPath(storm, 'seed', seed));
      const base = run(transient);
      const noRetries = run(setPath(transient, 'client.retry.maxRetries', 0));
      // The outage is 1.5 timeouts at 70/s: a caught attempt times out once, and its retry after the outage succeeds.
      expect(base.summary.counts.failed).toBe(0);
      expect(noRetries.summary.counts.failed).toBeGreaterThan(0);
      expect(noRetries.summary.counts.arrivals).toBe(base.summary.counts.arrivals);
      const lost = costsOfRun(base).successShare! - costsOfRun(noRetries).successShare!;
      const inFlight = noRetries.summary.counts.inFlight - base.summary.counts.inFlight;
      expect(lost * base.summary.counts.arrivals).toBeCloseTo(noRetries.summary.counts.failed + inFlight, 9);
    }
  });

  it('without a limit nothing is refused and nothing detected', () => {
    const r = run(quiet(1, { triggers: [{ kind: 'outage', at: 40, duration: 10 }] }));
    const costs = costsOfRun(r);
    expect(costs.shedShare).toBe(0);
    expect(costs.detect).toBeNull();
  });

  it('after a spike, LIFO’s longest wait spans the backlog’s whole life and grows with it; FIFO’s stays near the backlog’s depth in service time', () => {
    // 200/s, then 3× for `spike` s: the queue grows by ~300/s during the spike and drains at ~100/s after it.
    for (const seed of SEEDS.slice(0, 3)) {
      const waits = [5, 10].map((spike) => {
        const raw = (discipline: string) =>
          quiet(seed, { 'load.rate': 200, 'server.queue.discipline': discipline, triggers: [{ kind: 'spike', at: 20, duration: spike, factor: 3 }] });
        const fifo = run(raw('fifo'));
        const lifo = run(raw('lifo'));
        // The backlog's life: from the spike's start to the first bin after it whose mean queue is below one call.
        const drained = fifo.series.t.findIndex((t, i) => t! >= 20 + spike && fifo.series.queue[i]! < 1);
        const last = fifo.series.t[drained]!;
        const maxQueue = Math.max(...fifo.series.queue.map((q) => q ?? 0));
        return { spike, fifo: fifo.summary.longestWait!, lifo: lifo.summary.longestWait!, life: last - 20, maxQueue };
      });
      for (const w of waits) {
        // FIFO: a call waits for the calls ahead of it, served at 300/s: at most about the deepest queue / 300
        // (bins average the queue, so allow the last bin's growth, 300 calls, on top).
        expect(w.fifo).toBeLessThanOrEqual((w.maxQueue + 300) / 300);
        // LIFO: the first call queued is served when the backlog has drained, within a bin of its life.
        expect(w.lifo).toBeGreaterThan(w.life - 2);
        expect(w.lifo).toBeGreaterThan(3 * w.fifo);
      }
      expect(waits[1]!.lifo).toBeGreaterThan(waits[0]!.lifo * 1.5);
    }
  });
});
