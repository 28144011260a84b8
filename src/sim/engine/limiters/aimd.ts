import type { LimitAlgorithm } from './limit';
import { toInt } from './limit';

/** AIMD parameters (the library's `AIMDLimit.Builder`, defaults in docs/scenario.md). */
export interface AimdParams {
  initialLimit: number;
  minLimit: number;
  maxLimit: number;
  /** Multiplier applied to the limit on a drop, in [0.5, 1). */
  backoffRatio: number;
  /** An RTT above this many seconds counts as a drop. */
  timeout: number;
}

/**
 * Loss-based AIMD (`AIMDLimit`): on a drop (or an RTT above `timeout`) the limit becomes
 * ⌊limit × backoffRatio⌋; otherwise, when the call was admitted with at least half the limit in
 * flight (inflight × 2 ≥ limit), it grows by 1; the result is clamped to [minLimit, maxLimit].
 */
export class AimdLimit implements LimitAlgorithm {
  limit: number;
  readonly rtt = NaN;
  readonly rttNoLoad = NaN;
  readonly gradient = NaN;

  constructor(private readonly p: AimdParams) {
    this.limit = p.initialLimit;
  }

  onSample(rtt: number, inflight: number, didDrop: boolean): void {
    let current = this.limit;
    if (didDrop || rtt > this.p.timeout) current = toInt(current * this.p.backoffRatio);
    else if (inflight * 2 >= current) current = current + 1;
    this.limit = Math.min(this.p.maxLimit, Math.max(this.p.minLimit, current));
  }
}
