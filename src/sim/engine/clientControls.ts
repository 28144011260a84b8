import type { BreakerSpec, RetryBudgetSpec, ThrottleSpec } from '../scenario/types';
import type { Rng } from './rng';
import { SlidingCounter } from './slidingCounter';

/** gRPC retry throttling: −1 token per failed attempt, +ratio per success; retry only while tokens > max/2. */
export class RetryBudget {
  tokens: number;
  constructor(private spec: RetryBudgetSpec) {
    this.tokens = spec.tokens;
  }
  /** Keep the tokens held when the limits change mid-run. */
  retune(spec: RetryBudgetSpec): void {
    this.spec = spec;
    this.tokens = Math.min(this.tokens, spec.tokens);
  }
  onFailure(): void {
    this.tokens = Math.max(0, this.tokens - 1);
  }
  onSuccess(): void {
    this.tokens = Math.min(this.spec.tokens, this.tokens + this.spec.ratio);
  }
  allowRetry(): boolean {
    return this.tokens > this.spec.tokens / 2;
  }
}

const CLOSED = 0;
const OPEN = 1;
const HALF_OPEN = 2;

/**
 * Circuit breaker: closed until the failure ratio over the window reaches `failureRatio` (with
 * at least `minRequests` outcomes); open for `cooldown`, refusing every attempt; then half-open,
 * letting up to `probes` attempts through: that many successes close it, one failure reopens it.
 */
export class CircuitBreaker {
  private state = CLOSED;
  private openUntil = 0;
  private probesOut = 0;
  private probesOk = 0;
  /** a = failures, b = successes */
  private window: SlidingCounter;

  constructor(private spec: BreakerSpec) {
    this.window = new SlidingCounter(spec.window);
  }

  retune(spec: BreakerSpec): void {
    if (spec.window !== this.spec.window) this.window = new SlidingCounter(spec.window);
    this.spec = spec;
  }

  get isHalfOpen(): boolean {
    return this.state === HALF_OPEN;
  }

  /** May an attempt go out at time t? A `true` in half-open takes a probe place. */
  allow(t: number): boolean {
    if (this.state === OPEN) {
      if (t < this.openUntil) return false;
      this.state = HALF_OPEN;
      this.probesOut = 0;
      this.probesOk = 0;
    }
    if (this.state === HALF_OPEN) {
      if (this.probesOut >= this.spec.probes) return false;
      this.probesOut++;
    }
    return true;
  }

  /** An attempt's outcome; in half-open only probes (attempts let through while half-open) count. */
  onOutcome(t: number, ok: boolean, probe: boolean): void {
    if (this.state === HALF_OPEN) {
      if (!probe) return;
      if (this.probesOut > 0) this.probesOut--;
      if (!ok) {
        this.trip(t);
      } else if (++this.probesOk >= this.spec.probes) {
        this.state = CLOSED;
        this.window.clear();
      }
      return;
    }
    if (this.state === OPEN) return;
    if (ok) this.window.addB(t);
    else this.window.addA(t);
    const total = this.window.sumA + this.window.sumB;
    if (total >= this.spec.minRequests && this.window.sumA >= this.spec.failureRatio * total) this.trip(t);
  }

  private trip(t: number): void {
    this.state = OPEN;
    this.openUntil = t + this.spec.cooldown;
  }
}

/**
 * Client-side adaptive throttling (Google SRE book, "Handling Overload"): reject locally with
 * probability max(0, (requests − k·accepts) / (requests + 1)) over a sliding window.
 */
/**
 * A client control for `spec` at t (breaker, throttle, admission control, rate limit): off (null), made anew, or the
 * one running retuned, so it keeps its state across a live change.
 */
export function inForce<S, C extends { retune(spec: S, t: number): void }>(spec: S | null, running: C | null, make: (spec: S, t: number) => C, t: number): C | null {
  if (spec === null) return null;
  if (running === null) return make(spec, t);
  running.retune(spec, t);
  return running;
}

export class AdaptiveThrottle {
  /** a = requests, b = accepts */
  private window: SlidingCounter;

  constructor(private spec: ThrottleSpec) {
    this.window = new SlidingCounter(spec.window);
  }

  retune(spec: ThrottleSpec): void {
    if (spec.window !== this.spec.window) this.window = new SlidingCounter(spec.window);
    this.spec = spec;
  }

  allow(t: number, rng: Rng): boolean {
    this.window.advance(t);
    const requests = this.window.sumA;
    const p = Math.max(0, (requests - this.spec.k * this.window.sumB) / (requests + 1));
    this.window.addA(t);
    return !(p > 0 && rng.uniform() < p);
  }

  onAccept(t: number): void {
    this.window.addB(t);
  }
}
