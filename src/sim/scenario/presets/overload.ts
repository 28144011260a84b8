import type { Preset } from './preset';
import { retryStormScenario } from './retryStorm';
import { variant } from './variant';

export const backoffOpenLoop: Preset = {
  id: 'backoff-open-loop',
  title: 'Backoff does not save an open-loop service',
  lesson: 3,
  story:
    'The retry storm with exponential backoff and full jitter (base 1 s, cap 30 s). New requests ' +
    'keep arriving from independent clients whatever the old ones do, so deferring each retry only ' +
    'moves it later: the retries still arrive, and the service stays stuck.',
  watch:
    'Attempts stay near twice the offered load, just spread out; goodput never returns. Backoff ' +
    'helps a client; it does not shed load from a service with many independent clients.',
  expected: 'metastable',
  claims: [
    { kind: 'window', measure: 'amplification', from: 100, min: 1.9, max: 2.1, says: 'Attempts stay near twice the offered load' },
    { kind: 'stuck', from: 70, says: 'goodput never returns' },
  ],
  scenario: variant(retryStormScenario('Backoff does not save an open-loop service', 280, 1), {
    client: { retry: { backoff: 'exponential', jitter: 'full', base: 1, cap: 30 } },
  }),
};

export const autoscaleLate: Preset = {
  id: 'autoscale-late',
  title: 'Autoscaling arrives late',
  lesson: 3,
  story:
    'The retry storm with autoscaling: slots are added 30 s after utilisation stays above 80%, ' +
    'up to 40 slots (400 requests per second). By the time they arrive the retries have doubled ' +
    'the load to about 560 per second, more than the new capacity can serve.',
  watch:
    'The capacity line steps up after the outage, but attempts stay above it and goodput stays ' +
    'near zero: capacity added after the storm has formed is too little, too late.',
  expected: 'metastable',
  claims: [
    { kind: 'window', measure: 'capacity', stat: 'max', from: 70, min: 399, max: 401, says: 'up to 40 slots (400 requests per second)', quote: [400] },
    { kind: 'window', measure: 'attempts', from: 200, min: 530, max: 590, says: 'doubled the load to about 560 per second', quote: [560] },
    { kind: 'stuck', from: 70, says: 'goodput stays near zero' },
  ],
  scenario: variant(retryStormScenario('Autoscaling arrives late', 280, 1), { server: { autoscale: { max: 40, delay: 30 } } }),
};

export const queuesDeferPain: Preset = {
  id: 'queues-defer-pain',
  title: 'Queues do not smooth load, they defer pain',
  lesson: 6,
  story:
    'A server at 83% load (250 of 300 per second) with an unbounded queue and clients that never ' +
    'time out. A 30 s spike to 375 per second adds 75 requests a second to the queue; when it ends ' +
    'the backlog of about 2,250 drains at the spare 50 per second.',
  watch:
    'Nothing fails, and goodput catches up as soon as the spike ends, but latency keeps climbing ' +
    'through the spike and stays high for about 45 s after it: the queue stored the spike.',
  expected: 'recovered',
  claims: [
    { kind: 'summary', field: 'failed', max: 0, says: 'Nothing fails' },
    { kind: 'recovery', min: 0, max: 5, says: 'goodput catches up as soon as the spike ends' },
    { kind: 'window', measure: 'queue', from: 88, to: 92, min: 1800, max: 2800, says: 'the backlog of about 2,250', quote: [2250] },
    { kind: 'window', measure: 'p50', from: 100, to: 101, min: 3, says: 'latency keeps climbing through the spike' },
    { kind: 'window', measure: 'p50', from: 150, max: 0.2, says: 'stays high for about 45 s after it' },
  ],
  scenario: {
    version: 1,
    name: 'Queues do not smooth load, they defer pain',
    seed: 1,
    duration: 300,
    bin: 1,
    load: { rate: 250 },
    client: { timeout: null, retry: { maxRetries: 0 } },
    server: { concurrency: 30, service: { dist: 'exponential', mean: 0.1 }, queue: { limit: null, discipline: 'fifo' } },
    cache: null,
    triggers: [{ kind: 'spike', at: 60, duration: 30, factor: 1.5 }],
    actions: [],
  },
};
