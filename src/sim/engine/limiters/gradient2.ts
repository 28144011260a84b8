import type { LimitAlgorithm } from './limit';
import { toInt } from './limit';

/** Gradient2 parameters (the library's `Gradient2Limit.Builder`, defaults in docs/scenario.md). */
export interface Gradient2Params {
  initialLimit: number;
  minLimit: number;
  /** The library's `maxConcurrency`. */
  maxLimit: number;
  /** Weight of the new estimate against the current one, in [0, 1]. */
  smoothing: number;
  /** Calls the limit may grow by per update while latency stays low (the default queue-size function is this constant). */
  queueSize: number;
  /** Samples over which the long-term RTT is averaged (exponential average, factor 2/(n+1)). */
  longWindow: number;
  /** Increase in RTT over the long-term RTT tolerated before the limit shrinks (≥ 1). */
  rttTolerance: number;
}

/** Samples averaged plainly before the long-term RTT becomes an exponential average (`ExpAvgMeasurement`'s warm-up). */
export const LONG_RTT_WARMUP = 10;

/**
 * `Gradient2Limit`: every sample updates the long-term RTT (plain mean of the first 10 samples,
 * then an exponential average with factor 2/(longWindow + 1)); when it exceeds twice the sample,
 * it is cut to 95 %. Unless the call was admitted with fewer than half the limit in flight, the
 * estimate becomes, smoothed, limit × gradient + queueSize with gradient = clamp(tolerance ×
 * longRtt / rtt, 0.5, 1), clamped to [minLimit, maxLimit]; the limit is its integer part.
 */
export class Gradient2Limit implements LimitAlgorithm {
  limit: number;
  private estimated: number;
  rtt = NaN;
  private long = 0;
  private sum = 0;
  private count = 0;
  gradient = NaN;

  constructor(private readonly p: Gradient2Params) {
    this.limit = p.initialLimit;
    this.estimated = p.initialLimit;
  }

  get rttNoLoad(): number {
    return this.count === 0 ? NaN : this.long;
  }

  /** `ExpAvgMeasurement.add`. */
  private addLong(sample: number): number {
    if (this.count < LONG_RTT_WARMUP) {
      this.count++;
      this.sum += sample;
      this.long = this.sum / this.count;
    } else {
      const factor = 2 / (this.p.longWindow + 1);
      this.long = this.long * (1 - factor) + sample * factor;
    }
    return this.long;
  }

  onSample(rtt: number, inflight: number, _didDrop: boolean): void {
    // A call shed the instant it was admitted has no round trip (the library's nanosecond clock never gives 0): it says
    // nothing of latency, and 0 / 0 would make the limit NaN. Vegas ignores such samples the same way.
    if (!(rtt > 0)) return;
    const p = this.p;
    const estimated = this.estimated;
    this.rtt = rtt;
    const longRtt = this.addLong(rtt);
    // Latency back to normal after a long overload: bring the long-term RTT down faster.
    if (longRtt / rtt > 2) this.long = this.long * 0.95;
    // Application-limited: no change.
    if (inflight < estimated / 2) return;
    const gradient = Math.max(0.5, Math.min(1, (p.rttTolerance * longRtt) / rtt));
    this.gradient = gradient;
    let next = estimated * gradient + p.queueSize;
    next = estimated * (1 - p.smoothing) + next * p.smoothing;
    next = Math.max(p.minLimit, Math.min(p.maxLimit, next));
    this.estimated = next;
    this.limit = toInt(next);
  }
}
