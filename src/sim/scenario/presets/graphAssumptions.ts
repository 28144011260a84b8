import type { Assumption } from './assumptions';

// The assumptions of the graph presets (graphs.ts). Breaks set a service's or an edge's parameters by path.

const INNER_RETRIES = (n: number) => ({ 'graph.services.0.calls.0.retry.maxRetries': n, 'graph.services.1.calls.0.retry.maxRetries': n });
const DEADLINES = (on: boolean) => ({ 'graph.deadline': on, 'graph.services.0.calls.0.deadline': on, 'graph.services.1.calls.0.deadline': on });

export const GRAPH_ASSUMPTIONS: Readonly<Record<string, readonly Assumption[]>> = {
  'graph-retry-layers': [
    {
      id: 'inner-retries',
      text: 'front and mid retry their calls too',
      breaks: 'let only the users retry',
      change: { kind: 'set', set: INNER_RETRIES(0) },
      at: 30,
      verdicts: ['recovered'],
      says: 'at most three calls reach back per request: the outage passes and the run recovers',
    },
    {
      id: 'load-high',
      text: '27 calls for each of 80 requests a second are far more than back can serve',
      breaks: 'lower the load to 10 requests a second',
      change: { kind: 'set', set: { 'load.rate': 10 } },
      at: 30,
      verdicts: ['recovered'],
      says: '27 calls for each of 10 requests a second fit in back’s 300: the outage passes and the run recovers',
    },
  ],
  'graph-retry-edge': [
    {
      id: 'edge-only',
      text: 'only the users retry',
      breaks: 'let front and mid retry twice as well',
      change: { kind: 'set', set: INNER_RETRIES(2) },
      at: 30,
      verdicts: ['metastable'],
      says: 'up to 27 calls reach back per request: stuck after the outage',
    },
    {
      id: 'room-for-retries',
      text: 'three attempts of the load fit in back’s capacity',
      breaks: 'raise the load to 120 requests a second',
      change: { kind: 'set', set: { 'load.rate': 120 } },
      at: 30,
      verdicts: ['metastable'],
      says: 'three attempts of 120 a second exceed back’s 300: stuck after the outage',
    },
  ],
  'graph-no-deadline': [
    {
      id: 'no-deadline',
      text: 'no deadline is passed down',
      breaks: 'pass the users’ deadline down every call',
      change: { kind: 'set', set: DEADLINES(true) },
      at: 30,
      verdicts: ['recovered'],
      says: 'each layer drops work its user gave up on: the run recovers',
    },
    {
      id: 'user-retries',
      text: 'the users retry twice',
      breaks: 'stop the users’ retries',
      change: { kind: 'set', set: { 'client.retry.maxRetries': 0 } },
      at: 30,
      verdicts: ['recovered'],
      says: '120 calls a second fit in back’s 300 even with its backlog: the run recovers',
    },
  ],
  'graph-deadline': [
    {
      id: 'deadline',
      text: 'the deadline is passed down every call',
      breaks: 'stop passing it down',
      change: { kind: 'set', set: DEADLINES(false) },
      at: 30,
      verdicts: ['metastable', 'overloaded'],
      says: 'back serves work nobody waits for: stuck after the outage',
    },
    {
      id: 'load-fits',
      text: 'the load fits in back’s capacity',
      breaks: 'raise the load to 300 requests a second',
      change: { kind: 'set', set: { 'load.rate': 300 } },
      at: 30,
      verdicts: ['metastable', 'overloaded'],
      says: 'no deadline helps a server asked for more than it can do',
    },
  ],
  'graph-slow-dependency': [
    {
      id: 'few-front-slots',
      text: 'the front has 20 slots, few enough for reco’s callers to fill',
      breaks: 'give the front 60 slots',
      change: { kind: 'set', set: { 'graph.services.0.concurrency': 60 } },
      at: 30,
      verdicts: ['recovered'],
      says: 'calls waiting on reco no longer fill every slot: the run recovers',
    },
    {
      id: 'busy-front',
      text: 'the users’ retries ask more of the front than it can serve while its slots wait',
      breaks: 'halve the load to 100 requests a second',
      change: { kind: 'set', set: { 'load.rate': 100 } },
      at: 30,
      verdicts: ['recovered'],
      says: 'the front drains its queue once reco is fast again: the run recovers',
    },
  ],
  'graph-slow-dependency-bounded': [
    {
      id: 'bulkhead',
      text: 'at most 10 calls to reco are in flight from the front',
      breaks: 'remove the bulkhead, keeping the short timeout',
      change: { kind: 'set', set: { 'graph.services.0.calls.1.bulkhead': null } },
      at: 30,
      verdicts: ['metastable'],
      says: 'the front’s slots fill with calls waiting on reco: stuck after the slowdown',
    },
    {
      id: 'half-the-slots',
      text: 'the bulkhead leaves half the front’s 20 slots for other work',
      breaks: 'let 20 calls to reco be in flight',
      change: { kind: 'set', set: { 'graph.services.0.calls.1.bulkhead.maxConcurrentCalls': 20 } },
      at: 30,
      verdicts: ['metastable'],
      says: 'calls waiting on reco can take every slot again: stuck after the slowdown',
    },
  ],
  'graph-slow-replica': [
    {
      id: 'random',
      text: 'the balancer picks at random, blind to the slow replica',
      breaks: 'balance by power of two choices',
      change: { kind: 'set', set: { 'graph.services.0.balancer': 'power-of-two' } },
      at: 30,
      verdicts: ['stable'],
      says: 'the slow replica is seldom chosen: nothing goes wrong',
    },
    {
      id: 'busy-pool',
      text: 'the pool is 88% busy, with little room for retries',
      breaks: 'lower the load to 500 requests a second',
      change: { kind: 'set', set: { 'load.rate': 500 } },
      at: 30,
      verdicts: ['stable'],
      says: 'the other replicas absorb the retries: nothing goes wrong',
    },
  ],
  'graph-slow-replica-p2c': [
    {
      id: 'least-loaded-of-two',
      text: 'each call goes to the less busy of two replicas',
      breaks: 'balance at random',
      change: { kind: 'set', set: { 'graph.services.0.balancer': 'random' } },
      at: 30,
      verdicts: ['metastable'],
      says: 'the slow replica gets its tenth of the calls: stuck, as in the first preset',
    },
    {
      id: 'load-fits',
      text: 'the load fits in the pool',
      breaks: 'raise the load to 900 requests a second, above the pool’s 800',
      change: { kind: 'set', set: { 'load.rate': 900 } },
      at: 30,
      verdicts: ['overloaded', 'metastable'],
      says: 'no balancer helps a pool asked for more than it can do',
    },
  ],
};
