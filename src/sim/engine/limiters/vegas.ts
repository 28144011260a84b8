import type { LimitAlgorithm } from './limit';
import { log10Root, toInt } from './limit';

/** Vegas parameters (the library's `VegasLimit.Builder`, defaults in docs/scenario.md). */
export interface VegasParams {
  initialLimit: number;
  /** The library's `maxConcurrency`. */
  maxLimit: number;
  /** Weight of the new estimate against the current one, in [0, 1]. */
  smoothing: number;
  /** The no-load RTT is re-probed every U(0.5, 1) × probeMultiplier × limit samples. */
  probeMultiplier: number;
  /** Constant alpha, or null: 3 × log10Root(limit). */
  alpha: number | null;
  /** Constant beta, or null: 6 × log10Root(limit). */
  beta: number | null;
  /** Constant threshold, or null: log10Root(limit). */
  threshold: number | null;
}

/**
 * `VegasLimit` (TCP Vegas): queue use q = ⌈limit × (1 − rttNoLoad/rtt)⌉. On a drop the limit
 * decreases by log10Root(limit); otherwise, if the call was admitted with at least half the
 * limit in flight: q ≤ threshold → + beta; q < alpha → + log10Root(limit); q > beta →
 * − log10Root(limit); else unchanged. The new value is clamped to [1, maxLimit] and smoothed.
 * The no-load RTT is the least RTT seen since the last probe; every U(0.5, 1) × probeMultiplier
 * × limit samples the current sample replaces it (the probe), whatever its size.
 */
export class VegasLimit implements LimitAlgorithm {
  limit: number;
  private estimated: number;
  rtt = NaN;
  private noLoad = 0;
  private probeCount = 0;
  private probeJitter: number;

  /** `jitter` draws the probe jitter, uniform on [0, 1) (the library's ThreadLocalRandom). */
  constructor(
    private readonly p: VegasParams,
    private readonly jitter: () => number,
  ) {
    this.limit = p.initialLimit;
    this.estimated = p.initialLimit;
    this.probeJitter = this.drawJitter();
  }

  readonly gradient = NaN;

  get rttNoLoad(): number {
    return this.noLoad === 0 ? NaN : this.noLoad;
  }

  private drawJitter(): number {
    return 0.5 + 0.5 * this.jitter();
  }

  onSample(rtt: number, inflight: number, didDrop: boolean): void {
    if (!(rtt > 0)) return;
    this.rtt = rtt;
    this.probeCount++;
    if (this.probeJitter * this.p.probeMultiplier * this.estimated <= this.probeCount) {
      this.probeJitter = this.drawJitter();
      this.probeCount = 0;
      this.noLoad = rtt;
      return;
    }
    if (this.noLoad === 0 || rtt < this.noLoad) {
      this.noLoad = rtt;
      return;
    }
    this.update(rtt, this.noLoad, inflight, didDrop);
  }

  private update(rtt: number, noLoad: number, inflight: number, didDrop: boolean): void {
    const p = this.p;
    const estimated = this.estimated;
    const queueSize = Math.ceil(estimated * (1 - noLoad / rtt));
    const whole = toInt(estimated);
    let next: number;
    if (didDrop) {
      next = estimated - log10Root(whole);
    } else if (inflight * 2 < estimated) {
      return;
    } else {
      const alpha = p.alpha ?? 3 * log10Root(whole);
      const beta = p.beta ?? 6 * log10Root(whole);
      const threshold = p.threshold ?? log10Root(whole);
      if (queueSize <= threshold) next = estimated + beta;
      else if (queueSize < alpha) next = estimated + log10Root(whole);
      else if (queueSize > beta) next = estimated - log10Root(whole);
      else return;
    }
    next = Math.max(1, Math.min(p.maxLimit, next));
    next = (1 - p.smoothing) * estimated + p.smoothing * next;
    this.estimated = next;
    this.limit = toInt(next);
  }
}
