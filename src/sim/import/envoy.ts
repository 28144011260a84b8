/**
 * Envoy: a route's `retry_policy` (with the route's `timeout`) and a cluster's `circuit_breakers`, found anywhere in
 * a route configuration, a listener, a cluster or a bootstrap (YAML or JSON; lowerCamel keys are read as snake_case).
 */
import { ConfigImportError, type Collector, child, durationAt, isObj, numberAt, objectAt, secondsText, type Obj } from './collect';
import { PROTO_DURATION_FORMS, protoDuration } from './durations';
import { admissionControl, localRateLimit, retryLimit } from './envoyLimits';

/** Envoy's defaults: one retry, a 25-ms base interval, a maximum of ten times the base. */
const DEFAULT_RETRIES = 1;
const DEFAULT_BASE_S = 0.025;
/** Most objects walked looking for the policies: a configuration is far smaller. */
const MAX_NODES = 100_000;

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}

/** The same value with every object key in snake_case (Envoy's proto3 JSON accepts either). */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, snake(k), { value: snakeKeys(v), enumerable: true, writable: true, configurable: true });
  return out;
}

interface Found {
  path: string;
  value: Obj;
  /** The object holding it (a route action holds `retry_policy` and `timeout`). */
  parent: Obj;
  /** `name` fields on the way down (route, virtual host, cluster). */
  names: string[];
}

/** Every object under `key`, breadth first, with where it was. */
function findAll(root: Obj, key: string): Found[] {
  const out: Found[] = [];
  const queue: { node: unknown; path: string; names: string[] }[] = [{ node: root, path: '', names: [] }];
  for (let i = 0; i < queue.length && i < MAX_NODES; i++) {
    const { node, path, names } = queue[i]!;
    if (Array.isArray(node)) {
      node.forEach((v, j) => queue.push({ node: v, path: child(path, j), names }));
      continue;
    }
    if (!isObj(node)) continue;
    const here = typeof node.name === 'string' ? [...names, node.name] : names;
    for (const [k, v] of Object.entries(node)) {
      if (k === key && isObj(v)) out.push({ path: child(path, k), value: v, parent: node, names: here });
      else queue.push({ node: v, path: child(path, k), names: here });
    }
  }
  return out;
}

export function looksLikeEnvoy(raw: Obj): boolean {
  const root = snakeKeys(raw) as Obj;
  return findAll(root, 'retry_policy').length > 0 || findAll(root, 'circuit_breakers').length > 0 || filterConfigs(root, 'admission_control').length + filterConfigs(root, 'local_ratelimit').length > 0;
}

function pick(found: Found[], what: string, instance: string | undefined, c: Collector): Found | undefined {
  if (found.length === 0) return undefined;
  let chosen = found[0]!;
  if (instance !== undefined) {
    const match = found.find((f) => f.path === instance || f.names.includes(instance));
    if (match !== undefined) chosen = match;
  }
  if (found.length > 1) c.notes.push(`${found.length} ${what} found (${found.map((f) => f.path).join(', ')}): imported ${chosen.path}; choose another by a route, virtual host or cluster name (--instance)`);
  return chosen;
}

const RETRY_FIELDS: Record<string, string> = {
  per_try_idle_timeout: 'not modelled: streams',
  retry_priority: 'not modelled: one priority of hosts',
  retry_host_predicate: 'not modelled: every attempt goes to the same server (or fan-out)',
  retry_options_predicates: 'not modelled: every attempt goes to the same server (or fan-out)',
  host_selection_retry_max_attempts: 'not modelled: every attempt goes to the same server (or fan-out)',
  retriable_status_codes: 'not modelled: every failed attempt is retried',
  retriable_headers: 'not modelled: every failed attempt is retried',
  retriable_request_headers: 'not modelled: every request may be retried',
  rate_limited_retry_back_off: 'not modelled: rate-limit headers',
};

function retryPolicy(f: Found, c: Collector): void {
  const p = f.value;
  const path = f.path;
  const retries = numberAt(p, 'num_retries', path, { min: 0, integer: true });
  c.set(child(path, 'num_retries'), 'client.retry.maxRetries', retries ?? DEFAULT_RETRIES, retries === undefined ? "absent: Envoy's default" : null);
  const perTry = durationAt(p, 'per_try_timeout', path, protoDuration, PROTO_DURATION_FORMS, true);
  const routeTimeout = durationAt(f.parent, 'timeout', path.replace(/\.retry_policy$/, ''), protoDuration, PROTO_DURATION_FORMS);
  const routePath = child(path.replace(/\.retry_policy$/, ''), 'timeout');
  if (perTry !== undefined) {
    c.set(child(path, 'per_try_timeout'), 'client.timeout', perTry, null);
    if (routeTimeout !== undefined) c.skip(routePath, `${secondsText(routeTimeout)}: the deadline of the whole request, retries included, is not modelled (each attempt times out on its own)`);
  } else if (routeTimeout !== undefined && routeTimeout > 0) {
    c.set(routePath, 'client.timeout', routeTimeout, null);
    c.approx(routePath, "without per_try_timeout every attempt shares the route's timeout, so Envoy does not retry a timed-out request; the model times each attempt out: imported as each attempt's timeout");
  }
  const backOff = objectAt(p, 'retry_back_off', path) ?? {};
  const boPath = child(path, 'retry_back_off');
  const base = durationAt(backOff, 'base_interval', boPath, protoDuration, PROTO_DURATION_FORMS, true) ?? DEFAULT_BASE_S;
  const max = durationAt(backOff, 'max_interval', boPath, protoDuration, PROTO_DURATION_FORMS, true);
  c.set(child(boPath, 'base_interval'), 'client.retry.base', base, backOff.base_interval === undefined ? "absent: Envoy's default of 25 ms" : null);
  c.set(child(boPath, 'max_interval'), 'client.retry.cap', max ?? 10 * base, max === undefined ? "absent: Envoy's default of ten times base_interval" : null);
  c.set(path, 'client.retry.backoff', 'exponential', null);
  c.set(path, 'client.retry.jitter', 'full', null);
  c.approx(boPath, 'Envoy draws the wait before retry N from [0, (2^N − 1) × base_interval]; the model from [0, base × 2^(N−1)]: the same first wait, shorter later ones, both capped at max_interval');
  c.rest(backOff, boPath, ['base_interval', 'max_interval'], {});
  if (p.retry_on !== undefined) c.approx(child(path, 'retry_on'), 'the model retries every failed attempt (a timeout, or an error answer where the scenario has them); the conditions are not told apart');
  c.rest(p, path, ['num_retries', 'per_try_timeout', 'retry_back_off', 'retry_on'], RETRY_FIELDS);
}

const THRESHOLD_FIELDS: Record<string, string> = {
  max_connections: 'not modelled: connections',
  max_pending_requests: "not modelled: the client's queue of requests waiting for a connection",
  max_requests: 'not modelled: a cap on requests in flight from the client',
  track_remaining: 'not modelled: statistics',
  max_connection_pools: 'not modelled: connection pools',
};

/** The circuit breakers: the DEFAULT priority's retry limits are read (envoyLimits.ts); the rest is named. */
function circuitBreakers(f: Found | undefined, c: Collector, hasPolicy: boolean): void {
  const list = f?.value.thresholds;
  if (f !== undefined && list !== undefined && !Array.isArray(list)) throw new ConfigImportError(`${child(f.path, 'thresholds')}: expected a list`);
  let defaults: { t: Obj; path: string } | undefined;
  ((list as unknown[] | undefined) ?? []).forEach((t: unknown, i: number) => {
    const path = child(child(f!.path, 'thresholds'), i);
    if (!isObj(t)) throw new ConfigImportError(`${path}: expected an object`);
    const priority = t.priority ?? 'DEFAULT';
    if (priority !== 'DEFAULT' || defaults !== undefined) {
      c.skip(path, `priority ${JSON.stringify(priority)}: the model has one priority of requests (the first DEFAULT thresholds apply)`);
      return;
    }
    defaults = { t, path };
  });
  const read = retryLimit(defaults?.t, defaults?.path, c, hasPolicy);
  if (defaults !== undefined) c.rest(defaults.t, defaults.path, ['priority', ...read], THRESHOLD_FIELDS);
  if (f !== undefined) c.rest(f.value, f.path, ['thresholds'], { per_host_thresholds: 'not modelled: hosts' });
}

/** The typed_config of every HTTP filter whose @type names `marker`. */
function filterConfigs(root: Obj, marker: string): Found[] {
  return findAll(root, 'typed_config').filter((f) => typeof f.value['@type'] === 'string' && f.value['@type'].includes(marker));
}

export function importEnvoy(rawRoot: Obj, instance: string | undefined, c: Collector): string {
  const root = snakeKeys(rawRoot) as Obj;
  const policies = findAll(root, 'retry_policy');
  const breakers = findAll(root, 'circuit_breakers');
  const policy = pick(policies, 'retry policies', instance, c);
  const breaker = pick(breakers, 'circuit_breakers', instance, c);
  if (policy !== undefined) retryPolicy(policy, c);
  else c.notes.push('no retry_policy: Envoy does not retry unless a route or virtual host sets one; the scenario keeps its retries');
  circuitBreakers(breaker, c, policy !== undefined);
  const admission = pick(filterConfigs(root, 'admission_control'), 'admission control filters', instance, c);
  if (admission !== undefined) admissionControl(admission.value, admission.path, c);
  const rateLimit = pick(filterConfigs(root, 'local_ratelimit'), 'local rate limit filters', instance, c);
  if (rateLimit !== undefined) localRateLimit(rateLimit.value, rateLimit.path, c);
  for (const f of findAll(root, 'outlier_detection').slice(0, 1)) {
    c.skip(f.path, 'not modelled: outlier detection ejects single hosts; the model has one server (its client-side breaker is client.breaker)');
  }
  const used = [policy, breaker, admission, rateLimit].filter((f) => f !== undefined).map((f) => f.path.split(/[.[]/)[0]);
  for (const key of Object.keys(rawRoot)) {
    if (!used.includes(snake(key)) && snake(key) !== 'retry_policy' && snake(key) !== 'circuit_breakers') c.skip(child('', key), 'not read: the lab imports a retry policy and circuit breakers, not the rest of a configuration');
  }
  return ['Envoy', policy?.path, breaker?.path, admission?.path, rateLimit?.path].filter((x) => x !== undefined).join(', ');
}
