/**
 * The assumptions of the presets beyond the retry storm: caches, slowdowns, contention, queues, the ramp, M/M/1, the
 * invariants preset, tails, shards and replicas (lessons 1, 4 and 6–9). The verdicts and figures in `says` are the
 * engine's, measured over seeds 1–10.
 */
import { loadAboveCapacity, loadNearCapacity, openLoop, recovering, retriesOff, retriesOn, serverStaysUp, setBreak, type Assumption } from './assumptionBuilders';

/** Two slots: a slow call (about 1 s) then holds up half the backend, and the slow 1% doubles the work to 2 slot-seconds a second. */
const slotsLimited = (says: string): Assumption =>
  setBreak(
    'no-slot-limit',
    'the backend serves every call at once (no slot limit), so a slow call holds up no other',
    'limit the backend to 2 slots',
    { 'server.concurrency': 2 },
    ['overloaded'],
    says,
  );

/** Key popularity is skewed: broken, every key is as popular as any other. */
const skewedKeys = (says: string): Assumption =>
  setBreak('skewed-keys', 'key popularity is skewed (Zipf 1.1): the most popular key alone brings 18% of the load', 'make every key equally popular', { 'load.zipf': null }, ['stable'], says, 0);

/** No cache in front of the shards: broken, a look-aside cache answering 90% is turned on. */
const noCache = (says: string): Assumption =>
  setBreak('no-cache', 'no cache stands in front of the shards', 'turn on a cache that answers 90% of requests', { cache: { hitRate: 0.9 } }, ['stable'], says, 0);

export const OTHER_ASSUMPTIONS: Readonly<Record<string, readonly Assumption[]>> = {
  'cache-flush': [
    recovering(
      setBreak(
        'fill-on-time',
        'a miss fills its key only if the server answers before the client times out',
        'let the cache fill a key from every answer, even a late one (read-through)',
        { 'cache.fill': 'read-through' },
        ['recovered'],
        'each late answer still warms the cache and the hit rate climbs back: recovered about 1 min after the flush',
      ),
      45,
      70,
    ),
    loadNearCapacity(
      'the load (1,000/s) is more than the server alone can serve (300/s)',
      250,
      ['stable'],
      'the flush sends all 250/s to the server, which answers them in time, so every miss refills its key: stable',
    ),
  ],
  'cache-read-through': [
    setBreak(
      'fill-read-through',
      'the cache fills a key from every answer, even one that came too late',
      'fill a key only from answers that arrive in time',
      { 'cache.fill': 'on-time' },
      ['metastable'],
      'as in "cache-flush", timed-out misses never refill the cache: stuck after the flush',
    ),
    retriesOn(1, ['metastable'], 'timed-out misses come back as retries, the server stays saturated with misses and the hit rate stays near a third: stuck'),
  ],
  'slowdown-retries': [
    recovering(retriesOff(4, ['recovered'], 'nothing multiplies the load: the slowdown’s backlog drains within about 20 s of its end: recovered'), 8, 25),
    loadNearCapacity(
      'the load (50/s) is more than the slowed server serves (20/s)',
      15,
      ['stable'],
      'even slowed, the server keeps up with 15/s: no request times out, stable',
    ),
  ],
  'concurrency-collapse': [
    recovering(
      retriesOff(
        2,
        ['recovered'],
        'after the spike the load falls back to 40/s, concurrency and service times with it: recovered within about 20 s',
        10,
      ),
      8,
      25,
    ),
    recovering(
      setBreak(
        'contention',
        'each request in service slows the others by 1%',
        'cut the slowdown to 0.1% per request',
        { 'server.contention.alpha': 0.001 },
        ['stable', 'recovered'],
        'the spike no longer pushes service times past the timeout: stable, or bad only while the spike lasts',
        10,
      ),
      0,
      5,
    ),
  ],
  'queues-defer-pain': [
    loadAboveCapacity(250),
    setBreak(
      'clients-wait',
      'clients wait as long as it takes (no timeout, no retries)',
      'give clients a 1-s timeout and one immediate retry',
      { 'client.timeout': 1, 'client.retry.maxRetries': 1 },
      ['metastable'],
      'the spike’s backlog makes requests time out and retry, and the retries keep the queue full: stuck',
    ),
  ],
  hysteresis: [
    setBreak(
      'ramp-past-capacity',
      'the ramp climbs past capacity, to 400 requests per second',
      'make the ramp peak at 250/s, below capacity',
      { 'load.profile': [{ at: 0, rate: 100 }, { at: 300, rate: 250 }, { at: 600, rate: 100 }] },
      ['stable'],
      'the server keeps up all the way up and down: stable',
      10,
    ),
    openLoop(250, ['stable'], 'clients wait for their answers, so the load cannot outrun the server: stable', 10),
    setBreak(
      'fixed-capacity',
      'capacity stays at 30 slots (300 requests per second)',
      'let an autoscaler add 10 slots 5 s after utilisation stays above 80%, up to 60',
      { 'server.autoscale': { max: 60, delay: 5, step: 10 } },
      ['stable'],
      'capacity grows with the ramp ahead of the load: stable',
      10,
    ),
  ],
  mm1: [
    loadAboveCapacity(8, 10),
    serverStaysUp(20, 100, 'the queue the outage leaves drains at the 2/s of spare capacity: bad for a while, then recovered'),
  ],
  conservation: [
    loadAboveCapacity(
      400,
      600,
      30,
      'the load stays at 400 requests per second; the cache answers half, so the server (300/s) keeps up',
      800,
    ),
    setBreak(
      'queue-bounded',
      'the queue holds at most 200 calls',
      'remove the queue limit',
      { 'server.queue.limit': null },
      ['metastable'],
      'the triggers leave a backlog longer than the timeout: every request times out, no miss refills the cache (its hit rate falls to about 15%), and the misses keep the queue full: stuck',
    ),
  ],
  'tail-at-scale': [
    setBreak(
      'clients-wait',
      'clients wait for the slowest backend (no timeout)',
      'give clients a 0.5-s timeout',
      { 'client.timeout': 0.5 },
      ['overloaded'],
      'about 40% of requests wait more than 0.5 s for a slow backend and fail: goodput falls short with no trigger, overloaded',
    ),
    recovering(serverStaysUp(20, 100, 'no request completes while the backends are down (clients wait), and they catch up within seconds of coming back: recovered', 'the backends never stop'), 0, 10),
  ],
  'slow-tail': [
    slotsLimited('the slow calls hold the slots and the queue builds up: overloaded'),
    recovering(serverStaysUp(20, 100, 'requests wait out the outage, then the backlog drains within seconds: recovered', 'the backend never stops'), 0, 10),
  ],
  'hedged-requests': [
    slotsLimited('the slow calls and the hedges’ copies hold the slots and the queue builds up: overloaded'),
    recovering(serverStaysUp(20, 100, 'requests wait out the outage, then the backlog drains within seconds: recovered', 'the backend never stops'), 0, 10),
  ],
  'hot-shard': [
    skewedKeys('the load spreads evenly over the 16 shards, each far below its 40/s: stable'),
    noCache('the hot keys stop at the cache and every shard has room again: stable'),
  ],
  'hot-shard-more-shards': [
    skewedKeys('the load spreads evenly over the 32 shards, each far below its 40/s: stable'),
    noCache('the hot keys stop at the cache and every shard has room again: stable'),
  ],
  'hot-shard-cached': [
    setBreak('cache-on', 'the cache stays on', 'turn the cache off', { cache: null }, ['overloaded'], 'the hot shard drowns again, as in "hot-shard": overloaded', 0),
    setBreak(
      'load-low',
      'the load stays at 200 requests per second, so the 10% that misses the cache is light',
      'raise the load to 3,000/s',
      { 'load.rate': 3000 },
      ['overloaded'],
      'the misses swamp the shards that hold popular keys; timed-out misses never fill the cache, whose hit rate falls to about 25%: overloaded',
      10,
    ),
  ],
  'correlated-failure': [
    loadAboveCapacity(100, 1000, 30, 'the load (100/s) stays far below what each replica serves (1,000/s)'),
    retriesOn(
      10,
      ['metastable'],
      'requests failing during the outage retry, attempts climb to about 11 times the load, past the 1,000/s a replica serves, and the retries keep them there: stuck',
    ),
  ],
  'independent-failures': [
    loadAboveCapacity(100, 1000),
    {
      id: 'independent',
      text: 'failures are independent: one backend down at a time',
      breaks: 'inject a 30-s outage of every backend at once',
      change: { kind: 'inject', trigger: { kind: 'outage', duration: 30 } },
      at: 100,
      verdicts: ['recovered'],
      says: 'a correlated outage takes the quorum down with it: bad while it lasts, then recovered',
    },
  ],
};
