/**
 * The engine's behaviour, fingerprinted: every preset under its own seed and a second one, and one
 * scenario per mechanism, each run to its end (and a few driven live through `set`, `inject` and
 * sliced `advance`). A fingerprint is the SHA-256 of the run's canonical JSON (the replayable
 * scenario, the summary with its counts, every series, and the shard series), so any change in
 * what the engine computes — one event in a different order, one bit of one sum — changes it.
 *
 * The recorded values live in fingerprints.json beside this file; `fingerprints.test.ts` compares,
 * `record.ts` re-records (only when behaviour is meant to change).
 */
import { createHash } from 'node:crypto';
import { createSimulation, type GraphSimulation, parseScenario, PRESETS, Simulation } from '../../../../src/sim/index';
import type { Scenario } from '../../../../src/sim/index';
import { runScenario } from '../../../../src/sim/index';

export interface FingerprintCase {
  name: string;
  /** The canonical JSON of the run. */
  run: () => string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function parse(raw: Record<string, unknown>): Scenario {
  return parseScenario(raw).scenario;
}

/** The whole output of a finished simulation, with the shard series and the live state. */
function canonical(sim: Simulation): string {
  const shards = sim.shardArrays();
  return JSON.stringify({
    scenario: sim.scenario(),
    summary: sim.summary(),
    series: sim.series(),
    shards: shards === null ? null : { stations: shards.stations, utilisation: Array.from(shards.utilisation, (x) => (Number.isNaN(x) ? null : x)) },
    state: sim.state(),
    now: sim.now,
    binsClosed: sim.binsClosed,
    stopped: sim.stopped,
  });
}

function whole(s: Scenario): string {
  if (s.model === 'write-conflict') return JSON.stringify(runScenario(s));
  if (s.graph !== null) {
    const g = createSimulation(s) as GraphSimulation;
    g.runToEnd();
    const services = g.serviceArrays();
    return JSON.stringify({ scenario: g.scenario(), summary: g.summary(), series: g.series(), services: Array.from(services.values, (x) => (Number.isNaN(x) ? null : x)), state: g.state(), totals: g.serviceTotals() });
  }
  const sim = new Simulation(s);
  sim.runToEnd();
  return canonical(sim);
}

/** One scenario per mechanism, small enough to run in a second or two on a busy machine. */
const FEATURES: Record<string, Record<string, unknown>> = {
  'graph: replicas, balancers, parallel calls, policies per edge, delays, deadlines, per-service triggers': {
    duration: 120,
    load: { rate: 150 },
    client: { timeout: 1, retry: { maxRetries: 2, backoff: 'exponential', base: 0.05, jitter: 'full', budget: { kind: 'finagle' } } },
    graph: {
      delay: { dist: 'exponential', mean: 0.005 },
      deadline: true,
      services: [
        { name: 'api', replicas: 2, balancer: 'least-outstanding', concurrency: 40, mode: 'parallel', quorum: 2, calls: [{ to: 'a', count: 2, timeout: 0.4, deadline: true, retry: { maxRetries: 1, budget: {} } }, { to: 'b', timeout: 0.3, bulkhead: { maxConcurrentCalls: 20, maxWait: 0.05 }, limiter: { kind: 'aimd' }, breaker: {}, throttle: {} }] },
        { name: 'a', replicas: 3, balancer: 'power-of-two', concurrency: 10, queue: { limit: 50, discipline: 'lifo' }, service: { mean: 0.02 }, contention: { alpha: 0.01 } },
        { name: 'b', replicas: 2, balancer: 'random', concurrency: 20, service: { dist: 'lognormal', mean: 0.03, cv: 2 }, errors: { rate: 0.05 }, calls: [{ to: 'a', delay: {}, admission: {}, rateLimit: { rate: 200 } }] },
      ],
    },
    triggers: [
      { kind: 'outage', at: 30, duration: 10, service: 'a', replica: 1 },
      { kind: 'capacity', at: 50, duration: 20, factor: 0.3, slots: 2, service: 'b' },
      { kind: 'errors', at: 80, duration: 5, rate: 1, service: 'a' },
      { kind: 'random-outages', at: 90, duration: 3, stations: 2, window: 20, service: 'b' },
      { kind: 'spike', at: 100, duration: 10, factor: 2 },
    ],
    actions: [{ at: 60, set: { 'graph.services.2.concurrency': 30, 'graph.services.0.calls.1.timeout': 0.6 } }],
  },
  'fan-out with quorum and hedging': {
    duration: 120,
    bin: 1,
    load: { rate: 60 },
    client: { timeout: 1.5, retry: { maxRetries: 2, backoff: 'exponential', base: 0.05, cap: 1, jitter: 'full' } },
    server: { concurrency: 4, service: { dist: 'bimodal', mean: 0.02, slowFraction: 0.05, slowMean: 0.4 }, cancelOnTimeout: true },
    fanout: { n: 6, quorum: 5, hedge: { percentile: 0.95 } },
    triggers: [{ kind: 'capacity', at: 50, duration: 15, factor: 0.6, slots: 1 }],
  },
  'fan-out without quorum, queue limit': {
    duration: 100,
    bin: 1,
    load: { rate: 90 },
    client: { timeout: 0.8, retry: { maxRetries: 1 } },
    server: { concurrency: 2, service: { dist: 'lognormal', mean: 0.02, cv: 2 }, queue: { limit: 10 } },
    fanout: { n: 4 },
    triggers: [{ kind: 'outage', at: 40, duration: 4, stations: 2 }],
  },
  'partitions with a hot key, random outages': {
    duration: 150,
    bin: 1,
    load: { rate: 300, keys: 1000, zipf: 1.1 },
    client: { timeout: 0.5, retry: { maxRetries: 2, backoff: 'exponential', base: 0.02, cap: 1, jitter: 'equal' } },
    server: { concurrency: 6, service: { mean: 0.05 }, queue: { limit: 80, discipline: 'lifo' }, dropExpired: true },
    partitions: { shards: 5 },
    triggers: [{ kind: 'random-outages', at: 30, duration: 8, stations: 3, window: 60 }],
  },
  'closed loop with think time': {
    duration: 120,
    bin: 1,
    load: { clients: 40, thinkTime: 0.5 },
    client: { timeout: 0.6, retry: { maxRetries: 3, backoff: 'constant', base: 0.1, jitter: 'full' } },
    server: { concurrency: 5, service: { mean: 0.08 }, contention: { alpha: 0.02, beta: 0.001 } },
    triggers: [{ kind: 'spike', at: 40, duration: 20, factor: 2 }],
    actions: [{ at: 70, set: { 'load.clients': 15 } }, { at: 90, set: { 'load.clients': 60 } }],
  },
  'autoscaling after a spike': {
    duration: 200,
    bin: 2,
    load: { rate: 180 },
    client: { timeout: 1, retry: { maxRetries: 2 } },
    server: { concurrency: 20, service: { mean: 0.1 }, autoscale: { threshold: 0.8, window: 10, delay: 20, step: 4, max: 40 } },
    triggers: [{ kind: 'spike', at: 50, duration: 60, factor: 1.6 }],
  },
  'whole-server outage, budget, breaker, throttle': {
    duration: 150,
    bin: 1,
    warmup: 10.5,
    load: { rate: 250 },
    client: {
      timeout: 0.4,
      slo: 0.3,
      retry: { maxRetries: 3, backoff: 'exponential', base: 0.02, cap: 1, jitter: 'full', budget: { tokens: 10, ratio: 0.1 } },
      breaker: { failureRatio: 0.5, window: 5, minRequests: 20, cooldown: 3, probes: 3 },
      throttle: { k: 2, window: 10 },
    },
    server: { concurrency: 30, service: { mean: 0.1 }, queue: { limit: 300, codel: { target: 0.05, interval: 0.1 } } },
    triggers: [{ kind: 'outage', at: 40, duration: 5 }],
  },
  'cache flush, on-time and read-through fill': {
    duration: 150,
    bin: 1,
    load: { rate: 400, keys: 2000, zipf: 0.8 },
    client: { timeout: 0.3, retry: { maxRetries: 2 } },
    server: { concurrency: 10, service: { mean: 0.05 } },
    cache: { hitRate: 0.7 },
    triggers: [{ kind: 'cache-flush', at: 60 }],
    actions: [{ at: 100, set: { 'cache.fill': 'read-through', 'cache.hitRate': 0.5 } }],
  },
  'actions mid-run: profile, discipline, retries, slots': {
    duration: 160,
    bin: 0.5,
    warmup: 20,
    load: { profile: [{ at: 0, rate: 100 }, { at: 80, rate: 260 }, { at: 160, rate: 60 }] },
    client: { timeout: 0.5, retry: { maxRetries: 2, backoff: 'exponential', base: 0.05, cap: 2, jitter: 'decorrelated' } },
    server: { concurrency: 25, service: { dist: 'lognormal', mean: 0.1, cv: 1.2 }, queue: { discipline: 'adaptive-lifo' } },
    actions: [
      { at: 50, set: { 'server.queue.discipline': 'fifo', 'client.retry.maxRetries': 0 } },
      { at: 90, set: { 'server.concurrency': 15, 'load.rate': 200, 'load.profile': null } },
      { at: 120, set: { 'server.service.dist': 'exponential', 'client.timeout': null, 'load.clients': 30, 'load.thinkTime': 0.2 } },
      { at: 140, set: { 'load.clients': null } },
    ],
  },
  'the in-flight cap stops the run': {
    duration: 100,
    bin: 1,
    load: { rate: 200 },
    client: { timeout: null },
    server: { concurrency: 5, service: { mean: 0.05 } },
    limits: { maxInFlight: 2000 },
  },
  'errors: a steady share and an errors trigger, fan-out': {
    duration: 100,
    bin: 1,
    load: { rate: 120 },
    client: { timeout: 0.5, retry: { maxRetries: 2, backoff: 'exponential', base: 0.02, cap: 0.5, jitter: 'full' } },
    server: { concurrency: 20, service: { mean: 0.05 }, errors: { rate: 0.05 } },
    fanout: { n: 3, quorum: 2 },
    triggers: [{ kind: 'errors', at: 30, duration: 20, rate: 0.6 }],
    actions: [{ at: 70, set: { 'server.errors': null } }],
  },
  'finagle retry budget under an errors trigger': {
    duration: 100,
    bin: 1,
    load: { rate: 150 },
    client: { timeout: 0.5, retry: { maxRetries: 3, backoff: 'constant', base: 0.01, budget: { kind: 'finagle', ttl: 5, minRetriesPerSec: 5, percentCanRetry: 0.1 } } },
    server: { concurrency: 20, service: { mean: 0.05 } },
    triggers: [{ kind: 'errors', at: 30, duration: 30, rate: 0.9 }],
  },
  'envoy retry budget under an outage': {
    duration: 100,
    bin: 1,
    load: { rate: 150 },
    client: { timeout: 0.3, retry: { maxRetries: 3, backoff: 'exponential', base: 0.02, cap: 0.5, jitter: 'full', budget: { kind: 'envoy' } } },
    server: { concurrency: 20, service: { mean: 0.05 } },
    triggers: [{ kind: 'outage', at: 30, duration: 10 }],
  },
  'aws retry quota with errors and timeouts': {
    duration: 100,
    bin: 1,
    load: { rate: 150 },
    client: { timeout: 0.3, retry: { maxRetries: 2, backoff: 'exponential', base: 0.02, cap: 0.5, jitter: 'full', budget: { kind: 'aws', capacity: 100 } } },
    server: { concurrency: 20, service: { mean: 0.05 }, errors: { rate: 0.02 } },
    triggers: [{ kind: 'outage', at: 30, duration: 5 }, { kind: 'errors', at: 50, duration: 20, rate: 0.5 }],
  },
  'brooker token bucket, switched from grpc mid-run': {
    duration: 100,
    bin: 1,
    load: { rate: 150 },
    client: { timeout: 0.5, retry: { maxRetries: 3, budget: {} } },
    server: { concurrency: 20, service: { mean: 0.05 } },
    triggers: [{ kind: 'errors', at: 20, duration: 20, rate: 0.5 }, { kind: 'errors', at: 60, duration: 20, rate: 0.5 }],
    actions: [{ at: 50, set: { 'client.retry.budget.kind': 'brooker', 'client.retry.budget.bucketSize': 5 } }],
  },
  'admission control and a rate limit through an outage, retuned mid-run': {
    duration: 120,
    bin: 1,
    load: { rate: 250 },
    client: { timeout: 0.5, retry: { maxRetries: 2 }, admission: { window: 10, aggression: 2 }, rateLimit: { rate: 400, burst: 50 } },
    server: { concurrency: 30, service: { mean: 0.1 } },
    triggers: [{ kind: 'outage', at: 40, duration: 10 }],
    actions: [{ at: 80, set: { 'client.admission.successRate': 0.9, 'client.rateLimit.rate': 300 } }],
  },
  'AIMD limiter through an outage, CoDel and cancel on timeout': {
    duration: 120,
    bin: 1,
    load: { rate: 250 },
    client: { timeout: 1, retry: { maxRetries: 1 } },
    server: { concurrency: 30, queue: { codel: {} }, cancelOnTimeout: true, limiter: { kind: 'aimd', timeout: 0.5 } },
    triggers: [{ kind: 'outage', at: 40, duration: 10 }],
  },
  'Vegas limiter on two shards, switched to Gradient2 mid-run': {
    duration: 120,
    bin: 1,
    load: { rate: 250 },
    client: { timeout: 1, retry: { maxRetries: 1 } },
    server: { concurrency: 20, service: { dist: 'lognormal', cv: 0.3 }, queue: { limit: 40 }, dropExpired: true, limiter: { kind: 'vegas', smoothing: 0.5 } },
    partitions: { shards: 2 },
    triggers: [{ kind: 'spike', at: 30, duration: 30, factor: 1.4 }],
    actions: [{ at: 70, set: { 'server.limiter': { kind: 'gradient2', maxLimit: 500 } } }, { at: 100, set: { 'server.limiter': null } }],
  },
  'bulkhead with a wait, through an outage, retuned and turned off mid-run': {
    duration: 120,
    bin: 1,
    load: { rate: 250 },
    client: { timeout: 0.5, retry: { maxRetries: 2 }, breaker: { window: 5, cooldown: 3 }, bulkhead: { maxConcurrentCalls: 24, maxWait: 0.05 } },
    server: { concurrency: 30, service: { mean: 0.1 } },
    triggers: [{ kind: 'outage', at: 40, duration: 10 }],
    actions: [{ at: 70, set: { 'client.bulkhead.maxConcurrentCalls': 40 } }, { at: 90, set: { 'client.bulkhead': null } }, { at: 100, set: { 'client.bulkhead': {} } }],
  },
  'client AIMD limiter through a spike, switched to Vegas mid-run': {
    duration: 120,
    bin: 1,
    load: { rate: 250 },
    client: { timeout: 0.5, retry: { maxRetries: 2 }, limiter: { kind: 'aimd', minLimit: 5, timeout: 0.3 } },
    server: { concurrency: 30, service: { mean: 0.1 }, errors: { rate: 0.01 } },
    triggers: [{ kind: 'spike', at: 40, duration: 20, factor: 1.6 }],
    actions: [{ at: 80, set: { 'client.limiter': { kind: 'vegas' } } }],
  },
  'priority classes shed lowest first at a full queue and limiter, shares changed mid-run': {
    duration: 120,
    bin: 1,
    load: { rate: 300, priorities: [{ name: 'critical', share: 0.2 }, { name: 'normal', share: 0.3 }, { name: 'sheddable', share: 0.5 }] },
    client: { timeout: 0.6, retry: { maxRetries: 2, backoff: 'exponential', base: 0.02, jitter: 'full' } },
    server: { concurrency: 20, service: { mean: 0.1 }, queue: { limit: 30 }, limiter: { kind: 'gradient2', minLimit: 10 } },
    triggers: [{ kind: 'spike', at: 40, duration: 30, factor: 1.5 }],
    actions: [{ at: 80, set: { 'load.priorities': [{ name: 'critical', share: 0.5 }, { name: 'normal', share: 0.25 }, { name: 'sheddable', share: 0.25 }] } }],
  },
  'priority classes served highest first from a deep LIFO queue': {
    duration: 100,
    bin: 1,
    load: { rate: 280, priorities: [{ name: 'critical', share: 0.3 }, { name: 'sheddable', share: 0.7 }] },
    client: { timeout: 1, retry: { maxRetries: 1 } },
    server: { concurrency: 30, service: { mean: 0.1 }, queue: { limit: 600, priority: true, discipline: 'adaptive-lifo' }, dropExpired: true },
    triggers: [{ kind: 'outage', at: 30, duration: 10 }],
    actions: [{ at: 70, set: { 'server.queue.priority': false } }],
  },
  'write-conflict model': {
    model: 'write-conflict',
    duration: 600,
    bin: 10,
    writeConflict: { clients: 40 },
    client: { retry: { backoff: 'exponential', jitter: 'full', base: 0.005, cap: 2 } },
  },
};

/** A run driven live: sliced advances, `set` and `inject` mid-run (what the page does). */
function live(): string {
  const s = parse({
    duration: 120,
    bin: 0.5,
    load: { rate: 300, keys: 500, zipf: 0.9 },
    client: { timeout: 0.8, retry: { maxRetries: 3, backoff: 'exponential', base: 0.05, cap: 2, jitter: 'full' } },
    server: { concurrency: 30, service: { dist: 'lognormal', mean: 0.1, cv: 1.5 }, queue: { limit: 200 } },
    cache: { hitRate: 0.5 },
  });
  const sim = new Simulation(s);
  sim.advance(17.3);
  sim.set({ 'load.rate': 340, 'server.dropExpired': true });
  sim.advance(25);
  sim.inject({ kind: 'outage', duration: 2, stations: null });
  sim.advance(40.01);
  sim.inject({ kind: 'cache-flush' });
  sim.advance(60);
  sim.set({ 'server.cancelOnTimeout': true, 'client.retry.maxRetries': 1 });
  sim.inject({ kind: 'capacity', duration: 10, factor: 0.5, slots: 5 });
  sim.advance(99.99);
  sim.set({ 'server.queue.discipline': 'lifo' });
  sim.runToEnd();
  return canonical(sim);
}

/** Every case, in a fixed order. */
export function fingerprintCases(): FingerprintCase[] {
  const cases: FingerprintCase[] = [];
  for (const preset of PRESETS) {
    const s = parse({ ...preset.scenario });
    cases.push({ name: `preset ${preset.id} seed ${s.seed}`, run: () => whole(s) });
    cases.push({ name: `preset ${preset.id} seed ${s.seed + 1}`, run: () => whole({ ...s, seed: s.seed + 1 }) });
  }
  for (const [name, raw] of Object.entries(FEATURES)) {
    const s = parse(raw);
    cases.push({ name: `feature: ${name}`, run: () => whole(s) });
  }
  cases.push({ name: 'live: set, inject and sliced advance', run: live });
  return cases;
}

export function fingerprint(c: FingerprintCase): string {
  return sha256(c.run());
}
