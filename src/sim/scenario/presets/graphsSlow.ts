import type { Preset, RawScenario } from './preset';

// Graphs of services: a slow dependency that exhausts its caller's slots, and one slow replica behind a balancer.

/**
 * Users → front, which calls `auth` (5 ms) and then `reco` (20 ms) for every request, each 20 slots; front has 20
 * slots and 10 ms of work, 200 requests/s; users time out after 1 s and retry twice. For 30 s from t = 60 s reco
 * runs 20 times slower. `cured`: front's calls to reco time out after 0.3 s and at most 10 are in flight from
 * front (a bulkhead); otherwise front waits up to 5 s.
 */
function slowDependency(name: string, cured: boolean): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 400,
    bin: 1,
    load: { rate: 200 },
    client: { timeout: 1, retry: { maxRetries: 2 } },
    graph: {
      services: [
        {
          name: 'front',
          concurrency: 20,
          service: { mean: 0.01 },
          calls: [{ to: 'auth', timeout: 1 }, cured ? { to: 'reco', timeout: 0.3, bulkhead: { maxConcurrentCalls: 10 } } : { to: 'reco', timeout: 5 }],
        },
        { name: 'auth', concurrency: 20, service: { mean: 0.005 } },
        { name: 'reco', concurrency: 20, service: { mean: 0.02 } },
      ],
    },
    triggers: [{ kind: 'capacity', at: 60, duration: 30, factor: 0.05, service: 'reco' }],
  };
}

export const graphSlowDependency: Preset = {
  id: 'graph-slow-dependency',
  title: 'A slow dependency takes the front’s slots',
  lesson: 2,
  story:
    'Reco runs 20 times slower for half a minute. The front holds a slot while it waits on reco, for up to 5 ' +
    'seconds, far longer than its users wait: its 20 slots fill with calls nobody waits for, the front’s queue ' +
    'grows, and the users’ retries keep it full after reco is fast again.',
  watch:
    'The front is 100% busy while reco and auth sit almost idle, and goodput falls to almost nothing after reco ' +
    'recovers. The cure: a timeout shorter than the caller’s, and a bounded pool of calls to reco.',
  expected: 'metastable',
  claims: [
    { kind: 'stuck', from: 100, says: 'goodput falls to almost nothing after reco recovers' },
    { kind: 'window', measure: 'goodputShare', from: 100, max: 0.05, says: 'goodput falls to almost nothing after reco recovers' },
    { kind: 'window', measure: 'utilisation', stat: 'min', from: 100, min: 0.99, says: 'The front is 100% busy', quote: [1] },
  ],
  scenario: slowDependency('A slow dependency takes the front’s slots', false),
};

export const graphSlowDependencyBounded: Preset = {
  id: 'graph-slow-dependency-bounded',
  title: 'A short timeout and a bulkhead',
  lesson: 2,
  story:
    'The same slowdown, with the front’s calls to reco timing out after 0.3 seconds and at most 10 of them in ' +
    'flight (a bulkhead): half the front’s slots stay free for other work, and requests fail fast while reco is ' +
    'slow. The bulkhead does the work: the short timeout alone does not save the run.',
  watch: 'Requests fail during the slowdown, and goodput is back within 10 seconds of its end.',
  expected: 'recovered',
  claims: [{ kind: 'recovery', min: 0, max: 10, says: 'goodput is back within 10 seconds of its end', quote: [10] }],
  scenario: slowDependency('A short timeout and a bulkhead', true),
};

/**
 * Ten replicas of 4 slots and 50 ms mean service (80 calls/s each, 800 together) take 700 requests/s; users time
 * out after 1 s and retry once. Replica 0 runs five times slower for a minute from t = 60 s.
 */
function slowReplica(name: string, balancer: 'random' | 'power-of-two'): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 400,
    bin: 1,
    load: { rate: 700 },
    client: { timeout: 1, retry: { maxRetries: 1 } },
    graph: { services: [{ name: 'pool', replicas: 10, balancer, concurrency: 4, service: { mean: 0.05 } }] },
    triggers: [{ kind: 'capacity', at: 60, duration: 60, factor: 0.2, service: 'pool', replica: 0 }],
  };
}

export const graphSlowReplica: Preset = {
  id: 'graph-slow-replica',
  title: 'One slow replica behind random balancing',
  lesson: 2,
  story:
    'One replica of ten runs five times slower for a minute. Random balancing still sends it a tenth of the calls, ' +
    'so its queue grows past the users’ timeout; their retries add load to every replica, which were 88% busy, ' +
    'and the whole pool’s queues grow.',
  watch: 'Goodput falls to almost nothing and stays there after the replica is fast again. The cure: power of two choices.',
  expected: 'metastable',
  claims: [
    { kind: 'stuck', from: 200, says: 'Goodput falls to almost nothing and stays there after the replica is fast again' },
    { kind: 'window', measure: 'goodputShare', from: 200, max: 0.05, says: 'Goodput falls to almost nothing and stays there after the replica is fast again' },
  ],
  scenario: slowReplica('One slow replica behind random balancing', 'random'),
};

export const graphSlowReplicaP2c: Preset = {
  id: 'graph-slow-replica-p2c',
  title: 'Power of two choices routes around it',
  lesson: 2,
  story:
    'The same slow replica behind power-of-two-choices balancing: each call goes to the less busy of two replicas ' +
    'drawn at random, so the slow one, whose calls pile up, is seldom chosen.',
  watch: 'At least 99% of requests succeed throughout, and the run is never judged bad.',
  expected: 'stable',
  claims: [{ kind: 'window', measure: 'goodputShare', from: 0, min: 0.99, says: 'At least 99% of requests succeed throughout', quote: [0.99] }],
  scenario: slowReplica('Power of two choices routes around it', 'power-of-two'),
};
