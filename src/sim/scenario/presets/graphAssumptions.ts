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
};
