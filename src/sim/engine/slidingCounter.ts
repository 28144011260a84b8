/** Two counts over a sliding time window, kept in BUCKETS buckets of window/BUCKETS seconds. */
const BUCKETS = 20;

export class SlidingCounter {
  private readonly a = new Float64Array(BUCKETS);
  private readonly b = new Float64Array(BUCKETS);
  private readonly widthS: number;
  private current = 0;
  sumA = 0;
  sumB = 0;

  constructor(windowS: number) {
    this.widthS = windowS / BUCKETS;
  }

  /** Move the window to time t, forgetting buckets that fell out of it. */
  advance(t: number): void {
    const idx = Math.floor(t / this.widthS);
    if (idx <= this.current) return;
    const steps = Math.min(idx - this.current, BUCKETS);
    for (let k = 1; k <= steps; k++) {
      const j = (this.current + k) % BUCKETS;
      this.sumA -= this.a[j]!;
      this.sumB -= this.b[j]!;
      this.a[j] = 0;
      this.b[j] = 0;
    }
    this.current = idx;
  }

  addA(t: number): void {
    this.advance(t);
    this.a[this.current % BUCKETS]!++;
    this.sumA++;
  }

  addB(t: number): void {
    this.advance(t);
    this.b[this.current % BUCKETS]!++;
    this.sumB++;
  }

  clear(): void {
    this.a.fill(0);
    this.b.fill(0);
    this.sumA = 0;
    this.sumB = 0;
  }
}
