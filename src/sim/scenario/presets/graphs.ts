import type { Preset, RawScenario } from './preset';

// Graphs of services (docs/scenario.md, "Graphs of services"): retries at every layer against retries at the edge
// only, and an outage with and without deadline propagation.

/**
 * Users → front → mid → back: front and mid do 5 ms of work each and wait on their callee; back is the retry storm's
 * server (30 slots, 0.1 s mean service, 300 calls/s) at 80 requests/s. Users time out after 3 s, front's calls to mid
 * after 1 s, mid's calls to back after 0.3 s; back is down for 10 s at t = 60 s. `retries`: retries on the users',
 * front's and mid's edges.
 */
function layers(name: string, retries: [number, number, number]): RawScenario {
  const [user, front, mid] = retries;
  return {
    version: 1,
    name,
    seed: 1,
    duration: 400,
    bin: 1,
    load: { rate: 80 },
    client: { timeout: 3, retry: { maxRetries: user } },
    graph: {
      services: [
        { name: 'front', concurrency: 200, service: { mean: 0.005 }, calls: [{ to: 'mid', timeout: 1, retry: { maxRetries: front } }] },
        { name: 'mid', concurrency: 200, service: { mean: 0.005 }, calls: [{ to: 'back', timeout: 0.3, retry: { maxRetries: mid } }] },
        { name: 'back', concurrency: 30, service: { mean: 0.1 } },
      ],
    },
    triggers: [{ kind: 'outage', at: 60, duration: 10, service: 'back' }],
  };
}

export const graphRetryLayers: Preset = {
  id: 'graph-retry-layers',
  title: 'Retries at every layer',
  lesson: 2,
  story:
    'Three layers each make three attempts: users retry the front, the front retries mid, mid retries back. ' +
    'While back is down for 10 seconds every user request becomes 27 calls to it, and once it is back the ' +
    'retried work keeps it full: its answers come after mid has given up, so mid retries again.',
  watch:
    'Back’s calls per user request climb several-fold and stay there; the front’s slots fill with calls waiting ' +
    'on mid, and goodput falls to almost nothing after the outage ends. The cure: retry at the edge only.',
  expected: 'metastable',
  claims: [
    { kind: 'stuck', from: 80, says: 'goodput falls to almost nothing after the outage ends' },
    { kind: 'window', measure: 'goodputShare', from: 80, max: 0.05, says: 'goodput falls to almost nothing after the outage ends' },
  ],
  scenario: layers('Retries at every layer', [2, 2, 2]),
};

export const graphRetryEdge: Preset = {
  id: 'graph-retry-edge',
  title: 'Retries at the edge only',
  lesson: 2,
  story:
    'The same three layers and outage, but only the users retry (three attempts); front and mid make one attempt ' +
    'each. At most three calls reach back per user request, 240 a second at the worst, inside its 300.',
  watch: 'Back’s calls per user request stay at 3 or below, and goodput is back within a minute of the outage’s end, once back has served its backlog.',
  expected: 'recovered',
  claims: [{ kind: 'recovery', min: 0, max: 60, says: 'goodput is back within a minute of the outage’s end' }],
  scenario: layers('Retries at the edge only', [2, 0, 0]),
};

/**
 * Users → front → mid → back as above, at 120 requests/s, with no timeouts inside the graph (each layer waits as
 * long as it takes) and users who time out after 1 s and retry twice. `deadline`: the users' deadline is passed
 * down every edge, so a layer drops work its user has already given up on.
 */
function deadlines(name: string, deadline: boolean): RawScenario {
  return {
    version: 1,
    name,
    seed: 1,
    duration: 400,
    bin: 1,
    load: { rate: 120 },
    client: { timeout: 1, retry: { maxRetries: 2 } },
    graph: {
      deadline,
      services: [
        { name: 'front', concurrency: null, service: { mean: 0.005 }, calls: [{ to: 'mid', timeout: null, deadline }] },
        { name: 'mid', concurrency: null, service: { mean: 0.005 }, calls: [{ to: 'back', timeout: null, deadline }] },
        { name: 'back', concurrency: 30, service: { mean: 0.1 } },
      ],
    },
    triggers: [{ kind: 'outage', at: 60, duration: 10, service: 'back' }],
  };
}

export const graphNoDeadline: Preset = {
  id: 'graph-no-deadline',
  title: 'No deadline propagation',
  lesson: 2,
  story:
    'Back is down for 10 seconds. Nothing inside the graph has a timeout, so back serves every call it queued, ' +
    'long after the user gave up after 1 second and retried: 360 calls a second reach a server of 300.',
  watch:
    'Back stays busy and the front’s answers are wasted: almost no request succeeds after the outage. ' +
    'The cure: pass the deadline down.',
  expected: 'metastable',
  claims: [
    { kind: 'stuck', from: 80, says: 'almost no request succeeds after the outage' },
    { kind: 'window', measure: 'goodputShare', from: 80, max: 0.05, says: 'almost no request succeeds after the outage' },
  ],
  scenario: deadlines('No deadline propagation', false),
};

export const graphDeadline: Preset = {
  id: 'graph-deadline',
  title: 'Deadline propagation',
  lesson: 2,
  story:
    'The same graph and outage with the users’ deadline passed down every call: each layer drops queued work ' +
    'whose user has given up, and stops waiting on its callee at the deadline.',
  watch: 'After the outage back drops the expired backlog at once, and goodput is back within 10 seconds.',
  expected: 'recovered',
  claims: [{ kind: 'recovery', min: 0, max: 10, says: 'goodput is back within 10 seconds', quote: [10] }],
  scenario: deadlines('Deadline propagation', true),
};
