/**
 * Each backend's or shard's utilisation per bin, on the UI side: one growing bin-major
 * Float64Array (`stations` values per bin), filled from the worker's frames. Empty (0 stations)
 * when the run has one server.
 */
import type { ShardFrame } from '../worker/index';

export class ShardBuffer {
  private data = new Float64Array(0);
  private width = 0;
  private size = 0;

  /** Backends or shards per bin; 0 with one server. */
  get stations(): number {
    return this.width;
  }

  /** Bins held: [0, length). */
  get length(): number {
    return this.size;
  }

  /** Utilisation of station `k` in bin `i` (0–1), NaN when unknown or unbounded. */
  at(i: number, k: number): number {
    if (i < 0 || i >= this.size || k < 0 || k >= this.width) return NaN;
    return this.data[i * this.width + k] ?? NaN;
  }

  /** Forget every bin. */
  reset(): void {
    this.size = 0;
    this.width = 0;
  }

  /** Write a frame's bins starting at `fromBin` (a frame without per-station data empties the buffer). */
  write(fromBin: number, bins: number, frame: ShardFrame | null): void {
    if (frame === null || frame.stations === 0) {
      this.reset();
      return;
    }
    if (frame.stations !== this.width) {
      this.width = frame.stations;
      this.size = 0;
      this.data = new Float64Array(Math.max(256, fromBin + bins) * this.width).fill(NaN);
    }
    const end = fromBin + bins;
    if (end * this.width > this.data.length) {
      let capacity = this.data.length / this.width;
      while (capacity < end) capacity *= 2;
      const grown = new Float64Array(capacity * this.width).fill(NaN);
      grown.set(this.data.subarray(0, this.size * this.width));
      this.data = grown;
    }
    this.data.set(frame.utilisation.subarray(0, bins * this.width), fromBin * this.width);
    this.size = end;
  }
}
