import { pow2 } from './portableMath';

/**
 * Fixed-memory log-linear histogram for latencies in seconds (the HDR histogram layout): a
 * bucket is a binary octave split into 64 equal parts, read straight from the bits of the
 * double, so adding a value costs no logarithm. A bucket's midpoint is within 1/128 (0.8%) of
 * any value in it. Values below 2^-20 s (~1 µs) share the first bucket, values above 2^24 s
 * the last. A reported quantile is clamped to the exact min and max seen, so a constant
 * latency is reported exactly.
 */
const SUB_BITS = 6;
const SUB = 1 << SUB_BITS;
const MIN_EXP = -20;
const MAX_EXP = 24;
/** Number of buckets. */
export const HISTOGRAM_BUCKETS = (MAX_EXP - MIN_EXP) * SUB;
const BIASED_MIN_EXP = MIN_EXP + 1023;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the word holding the sign, exponent and top mantissa bits. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Bucket of a latency x (seconds). */
export function bucketOf(x: number): number {
  f64[0] = x;
  const hi = u32[HI]!;
  const b = ((hi >>> 20) - BIASED_MIN_EXP) * SUB + ((hi >>> (20 - SUB_BITS)) & (SUB - 1));
  if (hi >= 0x80000000 || b < 0) return 0;
  return b < HISTOGRAM_BUCKETS ? b : HISTOGRAM_BUCKETS - 1;
}

/** Midpoint of bucket b. */
function bucketValue(b: number): number {
  const octave = pow2(MIN_EXP + Math.floor(b / SUB));
  return octave * (1 + ((b % SUB) + 0.5) / SUB);
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
    this.addToBucket(bucketOf(x), x);
  }

  /** Add x whose bucket the caller already knows (one bucket computation for several histograms). */
  addToBucket(b: number, x: number): void {
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

  /** Add every sample of `other` to this histogram. */
  mergeFrom(other: LogHistogram): void {
    if (other.count === 0) return;
    const src = other.counts;
    const dst = this.counts;
    for (let b = other.lo; b <= other.hi; b++) dst[b]! += src[b]!;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /**
   * The p-quantile of this histogram's samples and `other`'s together, as if merged, without
   * merging: a bin's client latency reads its successes and its failures this way.
   */
  quantileWith(other: LogHistogram, p: number): number | null {
    if (other.count === 0) return this.quantile(p);
    if (this.count === 0) return other.quantile(p);
    const count = this.count + other.count;
    const min = this.min < other.min ? this.min : other.min;
    const max = this.max > other.max ? this.max : other.max;
    const rank = Math.max(1, Math.ceil(p * count - 1e-9));
    const lo = this.lo < other.lo ? this.lo : other.lo;
    const hi = this.hi > other.hi ? this.hi : other.hi;
    const a = this.counts;
    const b = other.counts;
    let acc = 0;
    for (let k = lo; k <= hi; k++) {
      acc += a[k]! + b[k]!;
      if (acc >= rank) {
        const v = bucketValue(k);
        return v < min ? min : v > max ? max : v;
      }
    }
    return max;
  }

  clone(): LogHistogram {
    const h = new LogHistogram();
    h.mergeFrom(this);
    return h;
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
