import type { ProfilePoint } from '../scenario/types';

/**
 * A piecewise-linear rate over time through the given points (sorted by time): constant at the
 * first point's rate before it and at the last point's rate after it. Used for non-homogeneous
 * Poisson arrivals by time rescaling: the next arrival is where the integrated rate has grown by
 * one unit exponential.
 */
export class RateProfile {
  private readonly at: Float64Array;
  private readonly rate: Float64Array;

  constructor(points: readonly ProfilePoint[]) {
    this.at = Float64Array.from(points, (p) => p.at);
    this.rate = Float64Array.from(points, (p) => p.rate);
  }

  /** Index of the last point at or before t (−1 before the first). */
  private segment(t: number): number {
    const at = this.at;
    let lo = -1;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  rateAt(t: number): number {
    const i = this.segment(t);
    const n = this.at.length;
    if (i < 0) return this.rate[0]!;
    if (i >= n - 1) return this.rate[n - 1]!;
    const a = this.at[i]!;
    const b = this.at[i + 1]!;
    return this.rate[i]! + ((this.rate[i + 1]! - this.rate[i]!) * (t - a)) / (b - a);
  }

  /** End of the piece that contains t (Infinity for the last one). */
  private pieceEnd(t: number): number {
    const i = this.segment(t);
    return i + 1 < this.at.length ? this.at[i + 1]! : Infinity;
  }

  /** ∫ rate over [a, b]. */
  integral(a: number, b: number): number {
    let total = 0;
    let t = a;
    while (t < b) {
      const end = Math.min(b, this.pieceEnd(t));
      total += 0.5 * (this.rateAt(t) + this.rateAt(end)) * (end - t);
      t = end;
    }
    return total;
  }

  /** The time t ≥ a at which ∫ rate over [a, t] reaches `work`, or Infinity if it never does. */
  advance(a: number, work: number): number {
    let t = a;
    let left = work;
    for (;;) {
      const end = this.pieceEnd(t);
      const r0 = this.rateAt(t);
      if (end === Infinity) return r0 > 0 ? t + left / r0 : Infinity;
      const r1 = this.rateAt(end);
      const piece = 0.5 * (r0 + r1) * (end - t);
      if (piece >= left) {
        // r0·x + k·x²/2 = left, with k the slope; the stable root of the quadratic.
        const k = (r1 - r0) / (end - t);
        const disc = Math.max(0, r0 * r0 + 2 * k * left);
        const x = (2 * left) / (r0 + Math.sqrt(disc));
        return Math.min(end, t + x);
      }
      left -= piece;
      t = end;
    }
  }
}
