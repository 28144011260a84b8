/**
 * Envoy's limits on retries and requests: the circuit breakers' retries in flight (`max_retries`, or `retry_budget`),
 * the admission control filter and the local rate limit filter, each read into the client's matching control.
 */
import { ConfigImportError, type Collector, child, durationAt, isObj, numberAt, type Obj } from './collect';
import { PROTO_DURATION_FORMS, protoDuration } from './durations';

/** Envoy's default circuit breaker: 3 retries in flight. */
const DEFAULT_MAX_RETRIES = 3;

/** A value that Envoy writes bare, as `{ value }` (Percent) or as `{ default_value, runtime_key }` (Runtime*). */
function unwrap(obj: Obj, key: string, path: string, c: Collector): { holder: Obj; key: string; path: string } | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) return { holder: obj, key, path };
  const p = child(path, key);
  if ('runtime_key' in v) c.approx(child(p, 'runtime_key'), 'a runtime override is not read: the default_value is');
  if ('default_value' in v) {
    const d = v.default_value;
    return isObj(d) ? { holder: d, key: 'value', path: child(p, 'default_value') } : { holder: v, key: 'default_value', path: p };
  }
  if ('value' in v) return { holder: v, key: 'value', path: p };
  throw new ConfigImportError(`${p}: expected a number, { value } or { default_value }`);
}

function numberIn(obj: Obj, key: string, path: string, c: Collector, range: Parameters<typeof numberAt>[3]): { value: number; from: string } | undefined {
  const at = unwrap(obj, key, path, c);
  if (at === undefined) return undefined;
  const value = numberAt(at.holder, at.key, at.path, range);
  return value === undefined ? undefined : { value, from: child(at.path, at.key) };
}

/**
 * The DEFAULT priority's thresholds: `retry_budget` (then `max_retries` is ignored, as Envoy ignores it) or
 * `max_retries` cap the retries in flight, which is the model's `envoy` budget kind (`max_retries` n: a budget of
 * 0 % with n retries always allowed). Without either, and with a retry policy, Envoy's default of 3 applies.
 */
export function retryLimit(thresholds: Obj | undefined, path: string | undefined, c: Collector, hasPolicy: boolean): string[] {
  const read: string[] = [];
  const budget = thresholds === undefined || path === undefined ? undefined : thresholds.retry_budget;
  if (thresholds !== undefined && path !== undefined && isObj(budget)) {
    const bPath = child(path, 'retry_budget');
    const percent = numberIn(budget, 'budget_percent', bPath, c, { min: 0, max: 100 });
    const min = numberAt(budget, 'min_retry_concurrency', bPath, { min: 0, integer: true });
    c.set(bPath, 'client.retry.budget.kind', 'envoy', 'retries in flight at most budget_percent of the attempts in flight, or min_retry_concurrency');
    c.set(percent?.from ?? child(bPath, 'budget_percent'), 'client.retry.budget.budgetPercent', percent?.value ?? 20, percent === undefined ? "absent: Envoy's default of 20 %" : null);
    c.set(child(bPath, 'min_retry_concurrency'), 'client.retry.budget.minRetryConcurrency', min ?? 3, min === undefined ? "absent: Envoy's default of 3" : null);
    c.rest(budget, bPath, ['budget_percent', 'min_retry_concurrency'], {});
    read.push('retry_budget');
    if (thresholds.max_retries !== undefined) c.skip(child(path, 'max_retries'), 'ignored by Envoy when retry_budget is set');
    read.push('max_retries');
    return read;
  }
  const max = thresholds === undefined || path === undefined ? undefined : numberAt(thresholds, 'max_retries', path, { min: 0, integer: true });
  if (max !== undefined) {
    const from = child(path!, 'max_retries');
    c.set(from, 'client.retry.budget.kind', 'envoy', 'retries in flight at most max_retries: the envoy budget kind at 0 % with that many always allowed');
    c.set(from, 'client.retry.budget.budgetPercent', 0, null);
    c.set(from, 'client.retry.budget.minRetryConcurrency', max, null);
    read.push('max_retries');
  } else if (hasPolicy) {
    const from = path === undefined ? '(circuit_breakers)' : child(path, 'max_retries');
    c.set(from, 'client.retry.budget.kind', 'envoy', "absent: Envoy's default circuit breaker allows 3 retries in flight");
    c.set(from, 'client.retry.budget.budgetPercent', 0, null);
    c.set(from, 'client.retry.budget.minRetryConcurrency', DEFAULT_MAX_RETRIES, null);
  }
  return read;
}

/** The admission control filter's settings (its typed_config): into `client.admission`. */
export function admissionControl(cfg: Obj, path: string, c: Collector): void {
  const window = durationAt(cfg, 'sampling_window', path, protoDuration, PROTO_DURATION_FORMS, true);
  c.set(child(path, 'sampling_window'), 'client.admission.window', Math.max(1, Math.round(window ?? 30)), window === undefined ? "absent: Envoy's default of 30 s" : 'rounded to whole seconds, as Envoy does');
  const fields: [string, string, number, (x: number) => number, Parameters<typeof numberAt>[3]][] = [
    ['aggression', 'client.admission.aggression', 1, (x) => Math.max(1, x), { min: 0 }],
    ['sr_threshold', 'client.admission.successRate', 0.95, (x) => x / 100, { min: 1, max: 100 }],
    ['rps_threshold', 'client.admission.minRps', 0, (x) => x, { min: 0 }],
    ['max_rejection_probability', 'client.admission.maxRejection', 0.8, (x) => x / 100, { min: 0, max: 100 }],
  ];
  for (const [key, to, dflt, convert, range] of fields) {
    const got = numberIn(cfg, key, path, c, range);
    c.set(got?.from ?? child(path, key), to, got === undefined ? dflt : convert(got.value), got === undefined ? "absent: Envoy's default" : key.endsWith('threshold') || key.startsWith('max') ? 'a percentage, as a ratio' : null);
  }
  if (cfg.success_criteria !== undefined) c.approx(child(path, 'success_criteria'), 'a request succeeds when its last attempt is answered in time; status codes are not told apart');
  c.rest(cfg, path, ['sampling_window', 'aggression', 'sr_threshold', 'rps_threshold', 'max_rejection_probability', 'success_criteria'], {
    enabled: 'read as on (a filter the file configures)',
    '@type': 'read: what the filter is',
  });
}

/** The local rate limit filter's token bucket: into `client.rateLimit`. */
export function localRateLimit(cfg: Obj, path: string, c: Collector): void {
  const bucket = cfg.token_bucket;
  if (!isObj(bucket)) throw new ConfigImportError(`${child(path, 'token_bucket')}: required by Envoy's local rate limit`);
  const bPath = child(path, 'token_bucket');
  const max = numberAt(bucket, 'max_tokens', bPath, { min: 1, integer: true });
  const perFill = numberAt(bucket, 'tokens_per_fill', bPath, { min: 1, integer: true }) ?? 1;
  const interval = durationAt(bucket, 'fill_interval', bPath, protoDuration, PROTO_DURATION_FORMS, true);
  if (max === undefined || interval === undefined) throw new ConfigImportError(`${bPath}: max_tokens and fill_interval are required by Envoy`);
  c.set(child(bPath, 'max_tokens'), 'client.rateLimit.burst', max, null);
  c.set(child(bPath, 'tokens_per_fill'), 'client.rateLimit.rate', perFill / interval, `tokens_per_fill / fill_interval = ${perFill} / ${interval} s`);
  c.approx(child(bPath, 'fill_interval'), 'Envoy adds tokens_per_fill every fill_interval; the model fills the bucket continuously at the same rate');
  c.rest(bucket, bPath, ['max_tokens', 'tokens_per_fill', 'fill_interval'], {});
  c.rest(cfg, path, ['token_bucket'], {
    stat_prefix: 'not modelled: statistics',
    filter_enabled: 'read as on (a filter the file configures)',
    filter_enforced: 'read as on (a filter the file configures)',
    '@type': 'read: what the filter is',
  });
}
