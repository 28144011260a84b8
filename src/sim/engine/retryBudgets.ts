import type { RetryBudgetKind, RetryBudgetSpec } from '../scenario/types';
import { RetryBudget as GrpcBucket } from './clientControls';

/**
 * The retry budgets, one class per implementation (docs/model.md, "Retry budgets"), behind the
 * one interface the client calls. Request ids are the client's request records, live from the
 * request's arrival to its end.
 */
export interface RetryBudgetControl {
  readonly kind: RetryBudgetKind;
  /** New parameters of the same kind at time t; the budget keeps its state. */
  retune(spec: RetryBudgetSpec, t: number): void;
  /** Request r's first attempt leaves for the servers (past the cache) at t. */
  requestStarted(t: number): void;
  /** An attempt left for the servers and awaits its answer. */
  attemptStarted(): void;
  /** Request r's attempt ended: answered (ok), or failed (an error, a refusal, or a timeout). */
  attemptEnded(r: number, ok: boolean): void;
  /** May request r retry now, after an error or a timeout? `true` takes what the retry costs. */
  allowRetry(r: number, t: number, timedOut: boolean): boolean;
  /** Request r ended, whatever the outcome. */
  requestEnded(r: number): void;
}

/** gRPC retry throttling (the `grpc` kind): the client's original bucket, unchanged. */
class GrpcBudget implements RetryBudgetControl {
  readonly kind = 'grpc';
  private readonly bucket: GrpcBucket;
  constructor(spec: RetryBudgetSpec) {
    this.bucket = new GrpcBucket(spec);
  }
  retune(spec: RetryBudgetSpec): void {
    this.bucket.retune(spec);
  }
  requestStarted(): void {}
  attemptStarted(): void {}
  attemptEnded(_r: number, ok: boolean): void {
    if (ok) this.bucket.onSuccess();
    else this.bucket.onFailure();
  }
  allowRetry(): boolean {
    return this.bucket.allowRetry();
  }
  requestEnded(): void {}
}

/**
 * Finagle's RetryBudget (TokenRetryBudget over twitter-util's leaky TokenBucket): each request
 * deposits 1000 units, a retry withdraws ⌊1000 / percentCanRetry⌋; deposits and withdrawals
 * expire after `ttl` (a WindowedAdder of 10 slices); a reserve of minRetriesPerSec × ttl retries
 * is always counted. A retry is allowed while the count ≥ the withdrawal.
 */
class FinagleBudget implements RetryBudgetControl {
  readonly kind = 'finagle';
  private depositAmount = 0;
  private withdrawal = 1;
  private reserve = 0;
  private empty = false;
  // WindowedAdder(range = ttl, slices = 10): the current slice (`writer`) and the last 9.
  private sliceS = 1;
  private buf: number[] = [];
  private i = 0;
  private writer = 0;
  private old = 0;

  constructor(spec: RetryBudgetSpec, t: number) {
    this.retune(spec, t);
  }

  retune(spec: RetryBudgetSpec, t: number): void {
    const scale = 1000;
    this.empty = spec.minRetriesPerSec === 0 && spec.percentCanRetry === 0;
    this.depositAmount = spec.percentCanRetry === 0 ? 0 : scale;
    this.withdrawal = spec.percentCanRetry === 0 ? 1 : Math.trunc(scale / spec.percentCanRetry);
    this.reserve = spec.minRetriesPerSec * spec.ttl * this.withdrawal;
    const sliceS = spec.ttl / 10;
    if (sliceS !== this.sliceS || this.buf.length === 0) {
      this.sliceS = sliceS;
      this.buf = new Array<number>(9).fill(0);
      this.i = 0;
      this.writer = 0;
      // The adder starts its first slice when it is made, as WindowedAdder does.
      this.old = t;
    }
  }

  /** Roll the window forward to t, as WindowedAdder does on each read or write. */
  private roll(t: number): void {
    if (t - this.old < this.sliceS) return;
    const n = this.buf.length;
    this.buf[this.i] = this.writer;
    this.writer = 0;
    this.i = (this.i + 1) % n;
    const skip = Math.min(Math.floor((t - this.old) / this.sliceS) - 1, n);
    for (let j = 0; j < skip; j++) {
      this.buf[this.i] = 0;
      this.i = (this.i + 1) % n;
    }
    this.old = t;
  }

  private count(t: number): number {
    this.roll(t);
    let sum = this.writer;
    for (const x of this.buf) sum += x;
    return sum + this.reserve;
  }

  requestStarted(t: number): void {
    if (this.empty) return;
    this.roll(t);
    this.writer += this.depositAmount;
  }
  attemptStarted(): void {}
  attemptEnded(): void {}
  allowRetry(_r: number, t: number): boolean {
    if (this.empty || this.count(t) < this.withdrawal) return false;
    this.writer -= this.withdrawal;
    return true;
  }
  requestEnded(): void {}
}

/**
 * Envoy's retry budget (circuit_breakers.thresholds.retry_budget): retries in flight may not
 * exceed max(⌊budgetPercent / 100 × active⌋, minRetryConcurrency), active = attempts awaiting an
 * answer. A retry holds its place from the moment it is allowed (backoff included) until its
 * attempt's outcome is known, as Envoy's RetryStateImpl holds the `retries` resource.
 */
class EnvoyBudget implements RetryBudgetControl {
  readonly kind = 'envoy';
  private active = 0;
  private retries = 0;
  private readonly holding = new Set<number>();
  constructor(private spec: RetryBudgetSpec) {}
  retune(spec: RetryBudgetSpec): void {
    this.spec = spec;
  }
  requestStarted(): void {}
  attemptStarted(): void {
    this.active++;
  }
  attemptEnded(r: number): void {
    if (this.active > 0) this.active--;
    this.release(r);
  }
  allowRetry(r: number): boolean {
    this.release(r);
    const max = Math.max(Math.floor((this.spec.budgetPercent / 100) * this.active), this.spec.minRetryConcurrency);
    if (this.retries >= max) return false;
    this.retries++;
    this.holding.add(r);
    return true;
  }
  requestEnded(r: number): void {
    this.release(r);
  }
  private release(r: number): void {
    if (this.holding.delete(r)) this.retries--;
  }
}

/**
 * The AWS SDKs' retry quota ("standard" retry mode): a retry takes `retryCost` (`timeoutCost`
 * after a timeout) while the quota holds that much; a success gives back what its request's last
 * retry took, or `noRetryIncrement` when it needed no retry; the quota never exceeds `capacity`.
 */
class AwsBudget implements RetryBudgetControl {
  readonly kind = 'aws';
  private available: number;
  private readonly lastCost = new Map<number, number>();
  constructor(private spec: RetryBudgetSpec) {
    this.available = spec.capacity;
  }
  retune(spec: RetryBudgetSpec): void {
    this.spec = spec;
    this.available = Math.min(this.available, spec.capacity);
  }
  requestStarted(): void {}
  attemptStarted(): void {}
  attemptEnded(r: number, ok: boolean): void {
    if (!ok) return;
    this.available = Math.min(this.spec.capacity, this.available + (this.lastCost.get(r) ?? this.spec.noRetryIncrement));
  }
  allowRetry(r: number, _t: number, timedOut: boolean): boolean {
    const cost = timedOut ? this.spec.timeoutCost : this.spec.retryCost;
    if (this.available < cost) return false;
    this.available -= cost;
    this.lastCost.set(r, cost);
    return true;
  }
  requestEnded(r: number): void {
    this.lastCost.delete(r);
  }
}

/**
 * The token bucket of Brooker's "Fixing retries with token buckets and circuit breakers": each
 * successful call adds `deposit` tokens (up to `bucketSize`); a retry takes one whole token and
 * is allowed only while the bucket holds at least one. It starts full.
 */
class BrookerBudget implements RetryBudgetControl {
  readonly kind = 'brooker';
  private tokens: number;
  constructor(private spec: RetryBudgetSpec) {
    this.tokens = spec.bucketSize;
  }
  retune(spec: RetryBudgetSpec): void {
    this.spec = spec;
    this.tokens = Math.min(this.tokens, spec.bucketSize);
  }
  requestStarted(): void {}
  attemptStarted(): void {}
  attemptEnded(_r: number, ok: boolean): void {
    if (ok) this.tokens = Math.min(this.spec.bucketSize, this.tokens + this.spec.deposit);
  }
  allowRetry(): boolean {
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  requestEnded(): void {}
}

/** The budget a spec asks for at time t, or the current one retuned when its kind is unchanged. */
export function retryBudgetFor(spec: RetryBudgetSpec | null, current: RetryBudgetControl | null, t: number): RetryBudgetControl | null {
  if (spec === null) return null;
  if (current !== null && current.kind === spec.kind) {
    current.retune(spec, t);
    return current;
  }
  switch (spec.kind) {
    case 'grpc':
      return new GrpcBudget(spec);
    case 'finagle':
      return new FinagleBudget(spec, t);
    case 'envoy':
      return new EnvoyBudget(spec);
    case 'aws':
      return new AwsBudget(spec);
    case 'brooker':
      return new BrookerBudget(spec);
  }
}
