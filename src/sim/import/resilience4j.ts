/**
 * resilience4j's Spring Boot properties (YAML or JSON): the retry, circuit breaker, time limiter and bulkhead of one
 * instance, each instance's settings over its `baseConfig` (or the `default` config), with the library's defaults.
 */
import { booleanAt, ConfigImportError, type Collector, child, durationAt, isObj, numberAt, type Obj } from './collect';
import { SPRING_DURATION_FORMS, springDuration } from './durations';

const MODULES = ['retry', 'circuitbreaker', 'timelimiter', 'bulkhead', 'thread-pool-bulkhead', 'ratelimiter'] as const;

/** The scenario's longest backoff cap, seconds: resilience4j's exponential backoff has no maximum unless one is set. */
const UNCAPPED_S = 36_000;

export function looksLikeResilience4j(root: Obj): boolean {
  if (isObj(root.resilience4j)) return true;
  return MODULES.some((m) => isObj(root[m]) && (isObj((root[m]).instances) || isObj((root[m]).configs)));
}

interface Section {
  settings: Obj;
  path: string;
  /** Where the settings came from, for the note. */
  from: string;
}

/** The instance's settings over its base config, or null when the module has no such instance. */
function sectionOf(mod: Obj, modPath: string, instance: string): Section | null {
  const instances = isObj(mod.instances) ? mod.instances : {};
  const configs = isObj(mod.configs) ? mod.configs : {};
  const own = instances[instance];
  if (!isObj(own)) return null;
  const baseName = typeof own.baseConfig === 'string' ? own.baseConfig : 'default';
  const base = configs[baseName];
  if (typeof own.baseConfig === 'string' && !isObj(base)) throw new ConfigImportError(`${modPath}.instances.${instance}.baseConfig: no config named ${JSON.stringify(own.baseConfig)} under ${modPath}.configs`);
  const settings: Obj = {};
  for (const src of [isObj(base) ? base : {}, own]) for (const [k, v] of Object.entries(src)) Object.defineProperty(settings, k, { value: v, enumerable: true, writable: true, configurable: true });
  return { settings, path: child(child(modPath, 'instances'), instance), from: isObj(base) ? ` (over configs.${baseName})` : '' };
}

function fieldPath(s: Section, key: string): string {
  return child(s.path, key);
}

const RETRY_FIELDS: Record<string, string> = {
  retryExceptions: 'not modelled: every failed attempt is retried',
  ignoreExceptions: 'not modelled: every failed attempt is retried',
  retryExceptionPredicate: 'not modelled: every failed attempt is retried',
  resultPredicate: 'not modelled: an answer is a success',
  failAfterMaxAttempts: 'not modelled: exceptions',
  writableStackTraceEnabled: 'not modelled: exceptions',
  eventConsumerBufferSize: 'not modelled: events',
};

function retry(s: Section, c: Collector): void {
  const o = s.settings;
  const p = s.path;
  const attempts = numberAt(o, 'maxAttempts', p, { min: 1, integer: true });
  c.set(fieldPath(s, 'maxAttempts'), 'client.retry.maxRetries', (attempts ?? 3) - 1, attempts === undefined ? "absent: resilience4j's default of 3 attempts" : 'maxAttempts counts the first attempt');
  const wait = durationAt(o, 'waitDuration', p, springDuration, SPRING_DURATION_FORMS) ?? 0.5;
  c.set(fieldPath(s, 'waitDuration'), 'client.retry.base', wait, o.waitDuration === undefined ? "absent: resilience4j's default of 500 ms" : null);
  const exponential = booleanAt(o, 'enableExponentialBackoff', p) ?? false;
  c.set(fieldPath(s, 'enableExponentialBackoff'), 'client.retry.backoff', exponential ? 'exponential' : 'constant', null);
  if (exponential) {
    const multiplier = numberAt(o, 'exponentialBackoffMultiplier', p, { min: 1, minExclusive: true }) ?? 1.5;
    if (multiplier === 2) c.set(fieldPath(s, 'exponentialBackoffMultiplier'), 'client.retry.backoff', 'exponential', 'the model doubles the wait at each retry too');
    else c.approx(fieldPath(s, 'exponentialBackoffMultiplier'), `${multiplier}${o.exponentialBackoffMultiplier === undefined ? " (resilience4j's default)" : ''}: the model's exponential backoff doubles at each retry; imported as 2`);
    const max = durationAt(o, 'exponentialMaxWaitDuration', p, springDuration, SPRING_DURATION_FORMS);
    c.set(fieldPath(s, 'exponentialMaxWaitDuration'), 'client.retry.cap', max ?? UNCAPPED_S, max === undefined ? `absent: no maximum in resilience4j; the model's largest cap, ${UNCAPPED_S} s` : null);
  }
  const randomized = booleanAt(o, 'enableRandomizedWait', p) ?? false;
  if (randomized) {
    const factor = numberAt(o, 'randomizedWaitFactor', p, { min: 0, max: 1, minExclusive: true }) ?? 0.5;
    c.set(fieldPath(s, 'enableRandomizedWait'), 'client.retry.jitter', 'equal', null);
    c.approx(fieldPath(s, 'randomizedWaitFactor'), `${factor}: resilience4j waits a random time in [d × ${1 - factor}, d × ${1 + factor}] around the wait d; the model's equal jitter waits in [d / 2, d]`);
  } else c.set(fieldPath(s, 'enableRandomizedWait'), 'client.retry.jitter', 'none', null);
  c.rest(o, p, ['baseConfig', 'maxAttempts', 'waitDuration', 'enableExponentialBackoff', 'exponentialBackoffMultiplier', 'exponentialMaxWaitDuration', 'enableRandomizedWait', 'randomizedWaitFactor'], RETRY_FIELDS);
}

const BREAKER_FIELDS: Record<string, string> = {
  slowCallRateThreshold: 'not modelled: the breaker counts timeouts and errors as failures, not slow answers',
  slowCallDurationThreshold: 'not modelled: the breaker counts timeouts and errors as failures, not slow answers',
  maxWaitDurationInHalfOpenState: 'not modelled: half-open lasts until its probes are answered',
  automaticTransitionFromOpenToHalfOpenEnabled: 'not modelled: the breaker turns half-open at the first attempt after the wait',
  recordExceptions: 'not modelled: every timeout or error is a failure',
  ignoreExceptions: 'not modelled: every timeout or error is a failure',
  recordFailurePredicate: 'not modelled: every timeout or error is a failure',
  ignoreExceptionPredicate: 'not modelled: every timeout or error is a failure',
  recordResultPredicate: 'not modelled: an answer is a success',
  registerHealthIndicator: 'not modelled: health indicators',
  allowHealthIndicatorToFail: 'not modelled: health indicators',
  eventConsumerBufferSize: 'not modelled: events',
  writableStackTraceEnabled: 'not modelled: exceptions',
};

function breaker(s: Section, c: Collector, ratePerS: number): void {
  const o = s.settings;
  const p = s.path;
  const threshold = numberAt(o, 'failureRateThreshold', p, { min: 0, max: 100, minExclusive: true }) ?? 50;
  c.set(fieldPath(s, 'failureRateThreshold'), 'client.breaker.failureRatio', threshold / 100, o.failureRateThreshold === undefined ? "absent: resilience4j's default of 50 %" : 'a percentage, as a ratio');
  const type = o.slidingWindowType ?? 'COUNT_BASED';
  if (type !== 'COUNT_BASED' && type !== 'TIME_BASED') throw new ConfigImportError(`${fieldPath(s, 'slidingWindowType')}: got ${JSON.stringify(type)}, expected COUNT_BASED or TIME_BASED`);
  const size = numberAt(o, 'slidingWindowSize', p, { min: 1, integer: true }) ?? 100;
  if (type === 'TIME_BASED') c.set(fieldPath(s, 'slidingWindowSize'), 'client.breaker.window', size, 'seconds (TIME_BASED)');
  else {
    const window = Number((size / ratePerS).toPrecision(4));
    c.set(fieldPath(s, 'slidingWindowSize'), 'client.breaker.window', window, null);
    c.approx(fieldPath(s, 'slidingWindowSize'), `${size} calls (COUNT_BASED${o.slidingWindowSize === undefined ? ", resilience4j's default" : ''}); the model's window is in seconds: ${size} calls at the scenario's ${Number(ratePerS.toPrecision(4))} requests per second last ${window} s`);
  }
  const minCalls = numberAt(o, 'minimumNumberOfCalls', p, { min: 1, integer: true }) ?? 100;
  c.set(fieldPath(s, 'minimumNumberOfCalls'), 'client.breaker.minRequests', minCalls, o.minimumNumberOfCalls === undefined ? "absent: resilience4j's default of 100" : null);
  const open = durationAt(o, 'waitDurationInOpenState', p, springDuration, SPRING_DURATION_FORMS, true) ?? 60;
  c.set(fieldPath(s, 'waitDurationInOpenState'), 'client.breaker.cooldown', open, o.waitDurationInOpenState === undefined ? "absent: resilience4j's default of 60 s" : null);
  const halfOpen = numberAt(o, 'permittedNumberOfCallsInHalfOpenState', p, { min: 1, integer: true }) ?? 10;
  c.set(fieldPath(s, 'permittedNumberOfCallsInHalfOpenState'), 'client.breaker.probes', halfOpen, null);
  c.approx(fieldPath(s, 'permittedNumberOfCallsInHalfOpenState'), `${halfOpen}: resilience4j lets ${halfOpen} calls through half-open and closes if their failure rate is under the threshold; the model closes after ${halfOpen} successful probes and opens again at the first failed one`);
  c.rest(o, p, ['baseConfig', 'failureRateThreshold', 'slidingWindowType', 'slidingWindowSize', 'minimumNumberOfCalls', 'waitDurationInOpenState', 'permittedNumberOfCallsInHalfOpenState'], BREAKER_FIELDS);
}

function timeLimiter(s: Section, c: Collector): void {
  const o = s.settings;
  const p = s.path;
  const timeout = durationAt(o, 'timeoutDuration', p, springDuration, SPRING_DURATION_FORMS, true) ?? 1;
  c.set(fieldPath(s, 'timeoutDuration'), 'client.timeout', timeout, o.timeoutDuration === undefined ? "absent: resilience4j's default of 1 s" : 'each attempt, as the time limiter sits inside the retry');
  c.rest(o, p, ['baseConfig', 'timeoutDuration'], {
    cancelRunningFuture: "not modelled here: a timed-out call goes on at the server unless the scenario's server.cancelOnTimeout is on",
    eventConsumerBufferSize: 'not modelled: events',
  });
}

/** The model's highest rate limit, a second: resilience4j's default (50 permits every 500 ns) is far above it. */
const MAX_RATE = 1e7;

function rateLimiter(s: Section, c: Collector): void {
  const o = s.settings;
  const p = s.path;
  const limit = numberAt(o, 'limitForPeriod', p, { min: 1, integer: true }) ?? 50;
  const period = durationAt(o, 'limitRefreshPeriod', p, springDuration, SPRING_DURATION_FORMS, true) ?? 500e-9;
  const rate = limit / period;
  if (rate > MAX_RATE) {
    c.approx(fieldPath(s, 'limitRefreshPeriod'), `${limit} permits every ${period} s is ${rate.toExponential(1).replace('e+', 'e')} a second, no limit at the model's rates: not set`);
  } else {
    c.set(fieldPath(s, 'limitForPeriod'), 'client.rateLimit.burst', limit, o.limitForPeriod === undefined ? "absent: resilience4j's default of 50" : null);
    c.set(fieldPath(s, 'limitRefreshPeriod'), 'client.rateLimit.rate', rate, `limitForPeriod / limitRefreshPeriod`);
    c.approx(fieldPath(s, 'limitRefreshPeriod'), 'resilience4j hands out limitForPeriod permits anew every period; the model fills a bucket of that size continuously at the same rate');
  }
  const wait = durationAt(o, 'timeoutDuration', p, springDuration, SPRING_DURATION_FORMS);
  c.approx(fieldPath(s, 'timeoutDuration'), `${wait ?? 5} s${wait === undefined ? " (resilience4j's default)" : ''}: resilience4j makes a call wait that long for a permit; the model refuses it at once`);
  c.rest(o, p, ['baseConfig', 'limitForPeriod', 'limitRefreshPeriod', 'timeoutDuration'], {
    eventConsumerBufferSize: 'not modelled: events',
    registerHealthIndicator: 'not modelled: health indicators',
    writableStackTraceEnabled: 'not modelled: exceptions',
  });
}

/** The semaphore bulkhead, as client.bulkhead (resilience4j's defaults: 25 calls, no wait). */
function bulkhead(s: Section, c: Collector): void {
  const o = s.settings;
  const p = s.path;
  const calls = numberAt(o, 'maxConcurrentCalls', p, { min: 1, integer: true }) ?? 25;
  c.set(fieldPath(s, 'maxConcurrentCalls'), 'client.bulkhead.maxConcurrentCalls', calls, o.maxConcurrentCalls === undefined ? "absent: resilience4j's default of 25" : 'attempts in flight: the bulkhead sits inside the retry, around each call');
  const wait = durationAt(o, 'maxWaitDuration', p, springDuration, SPRING_DURATION_FORMS) ?? 0;
  c.set(fieldPath(s, 'maxWaitDuration'), 'client.bulkhead.maxWait', wait, o.maxWaitDuration === undefined ? "absent: resilience4j's default of 0 (no wait)" : null);
  c.rest(o, p, ['baseConfig', 'maxConcurrentCalls', 'maxWaitDuration'], {
    fairCallHandling: 'not modelled: the model always serves waiting calls first come, first served (resilience4j’s default)',
    writableStackTraceEnabled: 'not modelled: exceptions',
    eventConsumerBufferSize: 'not modelled: events',
  });
}

function threadPoolBulkhead(s: Section, c: Collector): void {
  for (const key of Object.keys(s.settings)) {
    c.skip(child(s.path, key), 'not modelled: a thread-pool bulkhead runs calls on its own threads with a queue of its own; the model has the semaphore bulkhead (client.bulkhead) only');
  }
}

/** Every instance name, in the order the modules list them. */
function instanceNames(root: Obj): string[] {
  const names: string[] = [];
  for (const m of MODULES) {
    const mod = root[m];
    if (isObj(mod) && isObj(mod.instances)) for (const n of Object.keys(mod.instances)) if (!names.includes(n)) names.push(n);
  }
  return names;
}

export function importResilience4j(doc: Obj, instance: string | undefined, c: Collector, ratePerS: number): string {
  const prefix = isObj(doc.resilience4j) ? 'resilience4j' : '';
  const root = isObj(doc.resilience4j) ? doc.resilience4j : doc;
  const names = instanceNames(root);
  if (names.length === 0) throw new ConfigImportError(`${prefix || '(root)'}: no instances (resilience4j.<module>.instances.<name>) to import`);
  if (instance !== undefined && !names.includes(instance)) throw new ConfigImportError(`no instance named ${JSON.stringify(instance)}; the instances: ${names.join(', ')}`);
  const name = instance ?? names[0]!;
  if (names.length > 1) c.notes.push(`instances ${names.join(', ')}: imported ${name}; choose another with --instance`);
  const used: string[] = [];
  for (const m of MODULES) {
    const mod = root[m];
    if (!isObj(mod)) continue;
    const s = sectionOf(mod, child(prefix, m), name);
    if (s === null) continue;
    used.push(`${m}${s.from}`);
    if (m === 'retry') retry(s, c);
    else if (m === 'circuitbreaker') breaker(s, c, ratePerS);
    else if (m === 'timelimiter') timeLimiter(s, c);
    else if (m === 'bulkhead') bulkhead(s, c);
    else if (m === 'thread-pool-bulkhead') threadPoolBulkhead(s, c);
    else rateLimiter(s, c);
  }
  for (const key of Object.keys(root)) {
    if (!(MODULES as readonly string[]).includes(key)) c.skip(child(prefix, key), 'not read: not a resilience4j module the lab imports');
  }
  if (prefix !== '') for (const key of Object.keys(doc)) if (key !== 'resilience4j') c.skip(key, 'not read: outside resilience4j');
  return `resilience4j instance ${name} (${used.join(', ')})`;
}
