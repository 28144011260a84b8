import type { AdmissionSpec, RateLimitSpec } from '../scenario/types';
import { pow } from './portableMath';
import type { Rng } from './rng';
import { SlidingCounter } from './slidingCounter';

/**
 * A token bucket on the caller: `rate` tokens a second, at most `burst` held (full at the start); every attempt that
 * leaves takes one, and an attempt that finds none is refused. The bucket fills continuously.
 */
export class TokenBucket {
  private tokens: number;

  constructor(
    private spec: RateLimitSpec,
    private lastS: number,
  ) {
    this.tokens = spec.burst;
  }

  private fill(t: number): void {
    if (t > this.lastS) {
      this.tokens = Math.min(this.spec.burst, this.tokens + (t - this.lastS) * this.spec.rate);
      this.lastS = t;
    }
  }

  /** New parameters at t: the tokens held so far are kept (down to the new burst). */
  retune(spec: RateLimitSpec, t: number): void {
    this.fill(t);
    this.spec = spec;
    this.tokens = Math.min(this.tokens, spec.burst);
  }

  take(t: number): boolean {
    this.fill(t);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Envoy rounds the sampling window to whole seconds (at least one). */
function wholeSeconds(windowS: number): number {
  return Math.max(1, Math.round(windowS));
}

/**
 * Envoy's admission control filter: over a sliding window of whole seconds it counts requests that finished and
 * those that succeeded, and rejects a new request with probability
 *   min(maxRejection, max(0, (n − s / successRate) / (n + 1)) ^ (1 / aggression))
 * unless fewer than `minRps` requests a second finished in the window. It sits before the retries (a request is
 * judged once, and its outcome is that of its last attempt); requests it rejects are not counted.
 */
export class AdmissionControl {
  /** a = requests finished, b = of which succeeded; one bucket a second, as Envoy keeps them. */
  private window: SlidingCounter;
  private windowS: number;

  constructor(private spec: AdmissionSpec) {
    this.windowS = wholeSeconds(spec.window);
    this.window = new SlidingCounter(this.windowS, this.windowS);
  }

  retune(spec: AdmissionSpec): void {
    const windowS = wholeSeconds(spec.window);
    if (windowS !== this.windowS) {
      this.windowS = windowS;
      this.window = new SlidingCounter(windowS, windowS);
    }
    this.spec = spec;
  }

  /** The rejection probability at t, from the window's counts. */
  probability(t: number): number {
    this.window.advance(t);
    const n = this.window.sumA;
    const { successRate, aggression, minRps, maxRejection } = this.spec;
    if (n === 0 || n / this.windowS < minRps) return 0;
    const p = Math.max(0, (n - this.window.sumB / successRate) / (n + 1));
    return Math.min(maxRejection, p === 0 || aggression === 1 ? p : pow(p, 1 / aggression));
  }

  /** May a new request go out at t? */
  admit(t: number, rng: Rng): boolean {
    const p = this.probability(t);
    return !(p > 0 && rng.uniform() < p);
  }

  /** A request it admitted finished at t. */
  record(t: number, ok: boolean): void {
    this.window.addA(t);
    if (ok) this.window.addB(t);
  }
}

