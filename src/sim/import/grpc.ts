/**
 * A gRPC service config (JSON, as gRFC A6 defines retries, hedging and retry throttling): one `methodConfig` entry's
 * timeout and retry policy, and the channel's `retryThrottling`.
 */
import { ConfigImportError, type Collector, child, durationAt, isObj, numberAt, objectAt, secondsText, type Obj } from './collect';
import { PROTO_DURATION_FORMS, protoDuration } from './durations';

/** gRPC clients treat a larger maxAttempts as 5 (gRFC A6). */
const GRPC_MAX_ATTEMPTS = 5;

export function looksLikeGrpc(root: Obj): boolean {
  return Array.isArray(root.methodConfig) || isObj(root.retryThrottling);
}

function names(entry: Obj): string[] {
  const list = Array.isArray(entry.name) ? entry.name : [];
  return list.filter(isObj).map((n) => [n.service, n.method].filter((p) => typeof p === 'string' && p !== '').join('/') || '(every method)');
}

function pickEntry(list: unknown[], instance: string | undefined, c: Collector): { entry: Obj; path: string } | null {
  const entries = list.map((e, i) => ({ e, i })).filter((x): x is { e: Obj; i: number } => isObj(x.e));
  if (entries.length === 0) return null;
  const label = (x: { e: Obj; i: number }) => `methodConfig[${x.i}] (${names(x.e).join(', ') || 'no name'})`;
  let chosen = entries[0]!;
  if (instance !== undefined) {
    const found = entries.find((x) => String(x.i) === instance || names(x.e).some((n) => n === instance || n.split('/')[0] === instance));
    if (found === undefined) throw new ConfigImportError(`no methodConfig entry named ${JSON.stringify(instance)}; the entries: ${entries.map(label).join('; ')}`);
    chosen = found;
  }
  if (entries.length > 1) c.notes.push(`${entries.length} methodConfig entries: imported ${label(chosen)}; choose another by its index or service name (--instance)`);
  return { entry: chosen.e, path: `methodConfig[${chosen.i}]` };
}

function retryPolicy(p: Obj, path: string, c: Collector, callTimeout: number | undefined): void {
  const attempts = numberAt(p, 'maxAttempts', path, { min: 2, integer: true });
  if (attempts === undefined) throw new ConfigImportError(`${child(path, 'maxAttempts')}: required by gRPC (an integer above 1)`);
  const used = Math.min(attempts, GRPC_MAX_ATTEMPTS);
  c.set(child(path, 'maxAttempts'), 'client.retry.maxRetries', used - 1, attempts > GRPC_MAX_ATTEMPTS ? `gRPC clients treat ${attempts} as ${GRPC_MAX_ATTEMPTS} attempts` : 'maxAttempts counts the first attempt');
  const initial = durationAt(p, 'initialBackoff', path, protoDuration, PROTO_DURATION_FORMS, true);
  const max = durationAt(p, 'maxBackoff', path, protoDuration, PROTO_DURATION_FORMS, true);
  const multiplier = numberAt(p, 'backoffMultiplier', path, { min: 0, minExclusive: true });
  for (const [key, v] of [['initialBackoff', initial], ['maxBackoff', max], ['backoffMultiplier', multiplier]] as const) {
    if (v === undefined) throw new ConfigImportError(`${child(path, key)}: required by gRPC`);
  }
  c.set(child(path, 'initialBackoff'), 'client.retry.base', initial, null);
  c.set(child(path, 'maxBackoff'), 'client.retry.cap', max, null);
  const rule = 'gRPC waits a random time in [0, min(initialBackoff × backoffMultiplier^(n−1), maxBackoff)) before retry n';
  if (multiplier === 2) c.set(child(path, 'backoffMultiplier'), 'client.retry.backoff', 'exponential', `${rule}; the model doubles too`);
  else {
    c.set(path, 'client.retry.backoff', 'exponential', rule);
    c.approx(child(path, 'backoffMultiplier'), `${multiplier}: the model's exponential backoff doubles at each retry; imported as 2`);
  }
  c.set(path, 'client.retry.jitter', 'full', 'the random wait from 0 is full jitter');
  if (p.retryableStatusCodes !== undefined) {
    c.approx(child(path, 'retryableStatusCodes'), 'the model retries every failed attempt (a timeout, or an error answer where the scenario has them); status codes are not told apart');
  }
  const perAttempt = durationAt(p, 'perAttemptRecvTimeout', path, protoDuration, PROTO_DURATION_FORMS, true);
  if (perAttempt !== undefined) {
    c.set(child(path, 'perAttemptRecvTimeout'), 'client.timeout', perAttempt, null);
    if (callTimeout !== undefined) c.skip(child(path.replace(/\.retryPolicy$/, ''), 'timeout'), `${secondsText(callTimeout)}: the deadline of the whole call, retries included, is not modelled (each attempt times out on its own)`);
  } else if (callTimeout !== undefined) {
    c.set(child(path.replace(/\.retryPolicy$/, ''), 'timeout'), 'client.timeout', callTimeout, null);
    c.approx(child(path.replace(/\.retryPolicy$/, ''), 'timeout'), "gRPC's timeout is the deadline of the whole call, retries included; the model times each attempt out: imported as each attempt's timeout");
  }
  c.rest(p, path, ['maxAttempts', 'initialBackoff', 'maxBackoff', 'backoffMultiplier', 'retryableStatusCodes', 'perAttemptRecvTimeout'], {});
}

const METHOD_FIELDS: Record<string, string> = {
  waitForReady: 'not modelled: a call is sent at once',
  maxRequestMessageBytes: 'not modelled: message sizes',
  maxResponseMessageBytes: 'not modelled: message sizes',
  hedgingPolicy: "not imported: gRPC hedging sends up to maxAttempts copies hedgingDelay apart; the model's hedging (fanout.hedge) sends one copy of a fan-out call at a latency percentile",
};

const ROOT_FIELDS: Record<string, string> = {
  loadBalancingConfig: 'not modelled: one server (or a fan-out) behind the client',
  loadBalancingPolicy: 'not modelled: one server (or a fan-out) behind the client',
  healthCheckConfig: 'not modelled: health checks',
};

export function importGrpc(root: Obj, instance: string | undefined, c: Collector): string {
  let source = 'gRPC service config';
  const list = root.methodConfig;
  if (list !== undefined && !Array.isArray(list)) throw new ConfigImportError('methodConfig: expected a list');
  const picked = pickEntry(list ?? [], instance, c);
  if (picked !== null) {
    const { entry, path } = picked;
    source += `, ${path}`;
    const callTimeout = durationAt(entry, 'timeout', path, protoDuration, PROTO_DURATION_FORMS, true);
    const policy = objectAt(entry, 'retryPolicy', path);
    if (policy !== undefined) retryPolicy(policy, child(path, 'retryPolicy'), c, callTimeout);
    else {
      c.set(path, 'client.retry.maxRetries', 0, 'no retryPolicy: gRPC does not retry');
      if (callTimeout !== undefined) {
        c.set(child(path, 'timeout'), 'client.timeout', callTimeout, null);
        c.approx(child(path, 'timeout'), 'without retries the deadline of the call is the timeout of its one attempt');
      }
    }
    c.rest(entry, path, ['name', 'timeout', 'retryPolicy'], METHOD_FIELDS);
  }
  const throttling = objectAt(root, 'retryThrottling', '');
  if (throttling !== undefined) {
    const tokens = numberAt(throttling, 'maxTokens', 'retryThrottling', { min: 0, minExclusive: true, max: 1000 });
    const ratio = numberAt(throttling, 'tokenRatio', 'retryThrottling', { min: 0, minExclusive: true });
    if (tokens === undefined || ratio === undefined) throw new ConfigImportError('retryThrottling: maxTokens and tokenRatio are both required by gRPC');
    c.set('retryThrottling', 'client.retry.budget', { kind: 'grpc', tokens, ratio }, 'gRPC retry throttling is the budget the model has: −1 token a failed attempt, +tokenRatio a success, retries only above half of maxTokens');
    c.rest(throttling, 'retryThrottling', ['maxTokens', 'tokenRatio'], {});
  }
  c.rest(root, '', ['methodConfig', 'retryThrottling'], ROOT_FIELDS);
  return source;
}
