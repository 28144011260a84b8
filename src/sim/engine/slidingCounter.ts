/** Two counts over a sliding time window, kept in `buckets` buckets (20 unless given) of window / buckets seconds. */
const BUCKETS = 20;

export class SlidingCounter {
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly widthS: number;
  private readonly buckets: number;
  private current = 0;
  sumA = 0;
  sumB = 0;

  constructor(windowS: number, buckets = BUCKETS) {
    this.buckets = buckets;
    this.a = new Float64Array(buckets);
    this.b = new Float64Array(buckets);
    this.widthS = windowS / buckets;
  }

  /** Move the window to time t, forgetting buckets that fell out of it. */
  advance(t: number): void {
    const idx = Math.floor(t / this.widthS);
    if (idx <= this.current) return;
    const steps = Math.min(idx - this.current, this.buckets);
    for (let k = 1; k <= steps; k++) {
      const j = (this.current + k) % this.buckets;
      this.sumA -= this.a[j]!;
      this.sumB -= this.b[j]!;
      this.a[j] = 0;
      this.b[j] = 0;
    }
    this.current = idx;
  }

  addA(t: number): void {
    this.advance(t);
    this.a[this.current % this.buckets]!++;
    this.sumA++;
  }

  addB(t: number): void {
    this.advance(t);
    this.b[this.current % this.buckets]!++;
    this.sumB++;
  }

  clear(): void {
    this.a.fill(0);
    this.b.fill(0);
    this.sumA = 0;
    this.sumB = 0;
  }
}
