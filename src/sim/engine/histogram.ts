/**
 * Fixed-memory log histogram for latencies in seconds. Buckets grow by GROWTH = 1.02, so the
 * geometric midpoint of a bucket is within 1% of any value in it; values below MIN_S share
 * bucket 0. The reported quantile is clamped to the exact min and max seen, so a constant
 * latency is reported exactly.
 */
const MIN_S = 1e-6;
const GROWTH = 1.02;
const INV_LN_GROWTH = 1 / Math.log(GROWTH);
const LN_MIN = Math.log(MIN_S);
/** Covers 1 µs to about 1e7 s. */
export const HISTOGRAM_BUCKETS = 1 + Math.ceil((Math.log(1e7) - LN_MIN) * INV_LN_GROWTH);
const MID = Math.sqrt(GROWTH);

export function bucketOf(x: number): number {
  if (!(x > MIN_S)) return 0;
  const b = 1 + Math.floor((Math.log(x) - LN_MIN) * INV_LN_GROWTH);
  return b < HISTOGRAM_BUCKETS ? b : HISTOGRAM_BUCKETS - 1;
}

/** Representative value of bucket b: the geometric midpoint of its range. */
function bucketValue(b: number): number {
  return b === 0 ? MIN_S : MIN_S * Math.pow(GROWTH, b - 1) * MID;
}

export class LogHistogram {
  readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  /** Lowest and highest bucket touched since the last reset, so a reset and a scan cost what was used. */
  private lo = HISTOGRAM_BUCKETS;
  private hi = -1;

  add(x: number): void {
    const b = bucketOf(x);
    this.counts[b]!++;
    if (b < this.lo) this.lo = b;
    if (b > this.hi) this.hi = b;
    this.count++;
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** The p-quantile (0 < p ≤ 1) by the nearest-rank rule, or null with no sample. */
  quantile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(p * this.count - 1e-9));
    let acc = 0;
    const counts = this.counts;
    for (let b = this.lo; b <= this.hi; b++) {
      acc += counts[b]!;
      if (acc >= rank) {
        const v = bucketValue(b);
        return v < this.min ? this.min : v > this.max ? this.max : v;
      }
    }
    return this.max;
  }

  mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }

  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = HISTOGRAM_BUCKETS;
    this.hi = -1;
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }
}
