import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ConfigImportError, importConfig, type ImportResult } from '../../../src/sim/configImport';
import { findPreset } from '../../../src/sim/index';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8');

function errorOf(text: string, options = {}): string {
  try {
    importConfig(text, options);
    return '';
  } catch (e) {
    if (!(e instanceof ConfigImportError)) throw e;
    return e.message;
  }
}

/** Keys that choose what is read or how (a priority, a base config, a name, the kind of window) rather than set a value. */
const SELECTORS = ['priority', 'baseConfig', 'name', 'slidingWindowType'];

/** Every field holding a value under `node` (leaves of objects and lists, selectors left out), in the importer's notation. */
function keyPaths(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => keyPaths(v, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [path];
  return Object.entries(node).flatMap(([k, v]) => (SELECTORS.includes(k) ? [] : keyPaths(v, path === '' ? k : `${path}.${k}`)));
}

/**
 * Whether a field of the configuration is accounted for: set from exactly that field, or approximated or named as not
 * imported (itself, or a part of the configuration holding it).
 */
function accounted(r: ImportResult, path: string): boolean {
  const notes = [...r.approximated.map((a) => a.path), ...r.unsupported.map((u) => u.path)];
  return r.mapped.some((m) => m.from === path) || notes.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
}

describe('import: one sample configuration per format, through the scenario and back to its numbers', () => {
  it('Envoy: the route retry policy sets retries, per-try timeout and backoff; the rest is named', () => {
    const r = importConfig(fixture('envoy-route.yaml'));
    expect(r.format).toBe('envoy');
    const c = r.scenario.client;
    // num_retries 3, per_try_timeout 0.25s, base_interval 0.05s, max_interval 1s: full-jitter exponential backoff.
    expect([c.retry.maxRetries, c.timeout, c.retry.base, c.retry.cap, c.retry.backoff, c.retry.jitter]).toEqual([3, 0.25, 0.05, 1, 'exponential', 'full']);
    const policy = 'route_config.virtual_hosts[0].routes[0].route';
    expect(r.unsupported.map((u) => u.path)).toEqual([
      `${policy}.timeout`,
      `${policy}.retry_policy.retry_host_predicate`,
      'clusters[0].circuit_breakers.thresholds[1]',
      'clusters[0].circuit_breakers.thresholds[0].max_requests',
    ]);
    // max_retries 3: at most 3 retries in flight, Envoy's retry limit as the model's envoy budget kind at 0 %.
    expect(c.retry.budget).toMatchObject({ kind: 'envoy', budgetPercent: 0, minRetryConcurrency: 3 });
    expect(r.approximated.map((a) => a.path)).toEqual([`${policy}.retry_policy.retry_back_off`, `${policy}.retry_policy.retry_on`]);
    const doc = parseYaml(fixture('envoy-route.yaml')) as { route_config: { virtual_hosts: { routes: { route: unknown }[] }[] }; clusters: { circuit_breakers: unknown }[] };
    for (const p of keyPaths(doc.route_config.virtual_hosts[0]!.routes[0]!.route, policy).filter((p) => p.includes('retry_policy'))) expect(accounted(r, p), p).toBe(true);
    for (const p of keyPaths(doc.clusters[0]!.circuit_breakers, 'clusters[0].circuit_breakers')) expect(accounted(r, p), p).toBe(true);
  });

  it("Envoy: absent fields take Envoy's defaults (one retry, 25 ms, ten times the base), and say so", () => {
    const r = importConfig('retry_policy:\n  retry_on: 5xx\n');
    expect([r.scenario.client.retry.maxRetries, r.scenario.client.retry.base, r.scenario.client.retry.cap]).toEqual([1, 0.025, 0.25]);
    expect(r.mapped.filter((m) => m.note?.startsWith('absent')).map((m) => m.to)).toEqual(['client.retry.maxRetries', 'client.retry.base', 'client.retry.cap', 'client.retry.budget.kind']);
    // No circuit breakers: Envoy's default one still allows 3 retries in flight.
    expect(r.scenario.client.retry.budget).toMatchObject({ kind: 'envoy', budgetPercent: 0, minRetryConcurrency: 3 });
    // lowerCamel keys (proto3 JSON) read the same.
    expect(importConfig('{"retryPolicy": {"numRetries": 2, "perTryTimeout": "0.5s"}}').scenario.client.retry.maxRetries).toBe(2);
  });

  it('gRPC: retryPolicy and retryThrottling set retries, backoff, per-attempt timeout and the budget; every field of the entry is accounted for', () => {
    const text = fixture('grpc-service-config.json');
    const r = importConfig(text);
    expect(r.format).toBe('grpc');
    const c = r.scenario.client;
    // maxAttempts 4 → 3 retries; 0.1s, 1s, ×2; perAttemptRecvTimeout 0.5s; maxTokens 10, tokenRatio 0.1.
    expect([c.retry.maxRetries, c.retry.base, c.retry.cap, c.retry.backoff, c.retry.jitter, c.timeout]).toEqual([3, 0.1, 1, 'exponential', 'full', 0.5]);
    expect(c.retry.budget).toMatchObject({ kind: 'grpc', tokens: 10, ratio: 0.1 });
    expect(r.unsupported.map((u) => u.path)).toEqual(['methodConfig[0].timeout', 'methodConfig[0].waitForReady', 'loadBalancingConfig']);
    expect(r.notes[0]).toMatch(/^2 methodConfig entries: imported methodConfig\[0\] \(helloworld\.Greeter\/SayHello\)/);
    const doc = JSON.parse(text) as { methodConfig: unknown[]; retryThrottling: unknown };
    for (const p of keyPaths(doc.methodConfig[0], 'methodConfig[0]').filter((p) => !p.startsWith('methodConfig[0].name'))) expect(accounted(r, p), p).toBe(true);
    // The other entry, by its service name: no retry policy, so no retries, and its deadline is its one attempt's timeout.
    const admin = importConfig(text, { instance: 'helloworld.Admin' });
    expect([admin.scenario.client.retry.maxRetries, admin.scenario.client.timeout]).toEqual([0, 10]);
  });

  it('gRPC: maxAttempts over 5 counts as 5; a multiplier other than 2 is an approximation; the call timeout without a per-attempt one is too', () => {
    const r = importConfig(
      JSON.stringify({ methodConfig: [{ timeout: '1s', retryPolicy: { maxAttempts: 9, initialBackoff: '0.2s', maxBackoff: '3s', backoffMultiplier: 1.5, retryableStatusCodes: ['UNAVAILABLE'] } }] }),
    );
    expect(r.scenario.client.retry.maxRetries).toBe(4);
    expect(r.scenario.client.timeout).toBe(1);
    expect(r.approximated.map((a) => a.path)).toEqual(['methodConfig[0].retryPolicy.backoffMultiplier', 'methodConfig[0].retryPolicy.retryableStatusCodes', 'methodConfig[0].timeout']);
    expect(errorOf(JSON.stringify({ methodConfig: [{ retryPolicy: { maxAttempts: 3, maxBackoff: '1s', backoffMultiplier: 2 } }] }))).toBe('methodConfig[0].retryPolicy.initialBackoff: required by gRPC');
  });

  it('resilience4j: retry over its base config, circuit breaker, time limiter, semaphore bulkhead; the thread-pool bulkhead is named as not modelled', () => {
    const text = fixture('resilience4j.yaml');
    const r = importConfig(text);
    expect(r.format).toBe('resilience4j');
    const c = r.scenario.client;
    // maxAttempts 4, waitDuration 100ms from configs.default, ×2 up to 2s, no randomized wait; timeoutDuration 800ms.
    expect([c.retry.maxRetries, c.retry.base, c.retry.backoff, c.retry.cap, c.retry.jitter, c.timeout]).toEqual([3, 0.1, 'exponential', 2, 'none', 0.8]);
    // 50 %, TIME_BASED 10 s, 20 calls, 5 s open, 3 calls half-open.
    expect(c.breaker).toEqual({ failureRatio: 0.5, window: 10, minRequests: 20, cooldown: 5, probes: 3 });
    // maxConcurrentCalls 20, maxWaitDuration 50ms.
    expect(c.bulkhead).toEqual({ maxConcurrentCalls: 20, maxWait: 0.05 });
    expect(r.unsupported.map((u) => u.path)).toEqual([
      'resilience4j.retry.instances.backendA.retryExceptions',
      'resilience4j.circuitbreaker.instances.backendA.slowCallDurationThreshold',
      'resilience4j.timelimiter.instances.backendA.cancelRunningFuture',
      'resilience4j.bulkhead.instances.backendA.fairCallHandling',
      'resilience4j.thread-pool-bulkhead.instances.backendA.maxThreadPoolSize',
    ]);
    const doc = parseYaml(text) as { resilience4j: Record<string, { instances: Record<string, unknown> }> };
    for (const [mod, section] of Object.entries(doc.resilience4j)) {
      const base = `resilience4j.${mod}.instances.backendA`;
      for (const p of keyPaths(section.instances.backendA, base)) expect(accounted(r, p), p).toBe(true);
    }
  });

  it("resilience4j: the library's defaults fill what an instance leaves out; a count-based window becomes seconds at the scenario's rate", () => {
    const storm = findPreset('retry-storm')!.scenario;
    const plain = importConfig('resilience4j:\n  circuitbreaker:\n    instances:\n      a:\n        failureRateThreshold: 25\n  retry:\n    instances:\n      a:\n        maxAttempts: 2\n', { base: storm });
    // 100 calls (COUNT_BASED default) at the retry storm's 280/s last 100 / 280 s; 100 calls minimum; 60 s open; 10 half-open.
    expect(plain.scenario.client.breaker).toEqual({ failureRatio: 0.25, window: Number((100 / 280).toPrecision(4)), minRequests: 100, cooldown: 60, probes: 10 });
    // 2 attempts, 500 ms constant wait.
    expect([plain.scenario.client.retry.maxRetries, plain.scenario.client.retry.base, plain.scenario.client.retry.backoff]).toEqual([1, 0.5, 'constant']);
    // A bulkhead that says nothing takes resilience4j's defaults: 25 calls, no wait.
    const defaults = importConfig('resilience4j:\n  bulkhead:\n    instances:\n      a:\n        writableStackTraceEnabled: true\n', { base: storm });
    expect(defaults.scenario.client.bulkhead).toEqual({ maxConcurrentCalls: 25, maxWait: 0 });
    // The rest of the storm is as it was.
    expect(plain.scenario.load.rate).toBe(280);
    expect(plain.approximated.map((a) => a.path)).toContain('resilience4j.circuitbreaker.instances.a.slidingWindowSize');
  });
});

describe('import: refusals name the field and the range', () => {
  it('a value outside the model is named by both its configuration field and the scenario field', () => {
    expect(errorOf('retry_policy:\n  num_retries: 200\n')).toBe(
      "the imported values do not fit the model's ranges:\n  retry_policy.num_retries → client.retry.maxRetries: got 200, expected an integer from 0 to 100",
    );
    expect(errorOf('retry_policy:\n  per_try_timeout: soon\n')).toBe('retry_policy.per_try_timeout: got "soon", expected a positive a duration such as "0.25s" (or { seconds, nanos })');
    expect(errorOf('resilience4j:\n  retry:\n    instances:\n      a:\n        maxAttempts: -1\n')).toBe('resilience4j.retry.instances.a.maxAttempts: got -1, expected an integer of at least 1');
  });

  it('text that is none of the formats, or hostile, is refused with a message and nothing else', () => {
    expect(errorOf('{"version": 1}')).toMatch(/^not a configuration the lab reads/);
    expect(errorOf('just: [unclosed')).toMatch(/^not valid YAML or JSON/);
    expect(errorOf(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toMatch(/nested/);
    expect(errorOf(`a: ${'['.repeat(5000)}`)).toMatch(/nested/);
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(errorOf(laughs)).toMatch(/^not valid YAML or JSON: .*alias/i);
    expect(errorOf('x'.repeat(1024 * 1024 + 1))).toMatch(/^1048577 characters, expected at most 1048576/);
    expect(errorOf('resilience4j:\n  retry:\n    instances:\n      a: { maxAttempts: 2 }\n', { instance: 'b' })).toBe('no instance named "b"; the instances: a');
  });

  it('keys that name prototypes are fields like any other: named, never applied', () => {
    const r = importConfig('{"retry_policy": {"num_retries": 2, "__proto__": {"polluted": true}, "constructor": 1}}');
    expect(r.unsupported.map((u) => u.path)).toEqual(['retry_policy.__proto__', 'retry_policy.constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.scenario.client.retry.maxRetries).toBe(2);
  });
});

describe("import: Envoy's limits on retries and requests", () => {
  it('retry_budget sets the envoy budget kind (max_retries is then ignored, and named so); admission control and the local rate limit filters set theirs', () => {
    const yaml = [
      'retry_policy: { num_retries: 2, per_try_timeout: 0.5s }',
      'circuit_breakers:',
      '  thresholds:',
      '    - max_retries: 10',
      '      retry_budget: { budget_percent: { value: 25.0 }, min_retry_concurrency: 5 }',
      'http_filters:',
      '  - name: envoy.filters.http.admission_control',
      '    typed_config:',
      "      '@type': type.googleapis.com/envoy.extensions.filters.http.admission_control.v3.AdmissionControl",
      '      sampling_window: 10.4s',
      '      sr_threshold: { default_value: { value: 90.0 }, runtime_key: ac.sr }',
      '      aggression: { default_value: 1.5 }',
      '      max_rejection_probability: { default_value: { value: 70.0 } }',
      '      success_criteria: { http_criteria: {} }',
      '  - name: envoy.filters.http.local_ratelimit',
      '    typed_config:',
      "      '@type': type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
      '      stat_prefix: rl',
      '      token_bucket: { max_tokens: 50, tokens_per_fill: 10, fill_interval: 0.1s }',
    ].join('\n');
    const r = importConfig(yaml);
    const c = r.scenario.client;
    expect(c.retry.budget).toMatchObject({ kind: 'envoy', budgetPercent: 25, minRetryConcurrency: 5 });
    // 10.4 s rounds to 10; 90 % and 70 % as ratios; rps_threshold absent: 0.
    expect(c.admission).toEqual({ window: 10, successRate: 0.9, aggression: 1.5, minRps: 0, maxRejection: 0.7 });
    // 10 tokens every 0.1 s: 100 a second, 50 at most.
    expect(c.rateLimit).toEqual({ rate: 100, burst: 50 });
    expect(r.unsupported.map((u) => u.path)).toContain('circuit_breakers.thresholds[0].max_retries');
    expect(r.approximated.map((a) => a.path)).toEqual(
      expect.arrayContaining([
        'http_filters[0].typed_config.sr_threshold.runtime_key',
        'http_filters[0].typed_config.success_criteria',
        'http_filters[1].typed_config.token_bucket.fill_interval',
      ]),
    );
    // A filter alone is a configuration too.
    expect(importConfig(yaml.split('\n').slice(5).join('\n')).scenario.client.rateLimit).toEqual({ rate: 100, burst: 50 });
  });
});

describe("import: resilience4j's rate limiter", () => {
  it('limitForPeriod every limitRefreshPeriod becomes a token bucket of that rate and size; its default, far above any rate, sets none', () => {
    const r = importConfig('resilience4j:\n  ratelimiter:\n    instances:\n      a:\n        limitForPeriod: 20\n        limitRefreshPeriod: 100ms\n        timeoutDuration: 0\n');
    expect(r.scenario.client.rateLimit).toEqual({ rate: 200, burst: 20 });
    expect(r.approximated.map((a) => a.path)).toEqual(['resilience4j.ratelimiter.instances.a.limitRefreshPeriod', 'resilience4j.ratelimiter.instances.a.timeoutDuration']);
    const dflt = importConfig('resilience4j:\n  ratelimiter:\n    instances:\n      a:\n        timeoutDuration: 1s\n');
    expect(dflt.scenario.client.rateLimit).toBeNull();
    expect(dflt.approximated[0]!.text).toMatch(/^50 permits every 5e-7 s is 1\.0e8 a second, no limit/);
  });
});
