/**
 * The run's time series on the UI side: one growing Float64Array per series, filled from the worker's frames.
 * The series names (and so the frame layout) come from the worker, so the engine stays out of the main bundle.
 */
import type { SeriesName } from '../sim/format';

export class SeriesBuffer {
  private names: readonly string[] = [];
  private arrays = new Map<string, Float64Array>();
  private size = 0;
  private capacity: number;
  private generation = 0;
  private static readonly EMPTY = new Float64Array(0);

  constructor(names: readonly string[] = [], capacity = 512) {
    this.capacity = capacity;
    this.reset(names);
  }

  /** Bins held: [0, length). */
  get length(): number {
    return this.size;
  }

  /** The values of one series; only [0, length) is meaningful. Empty when the worker sends no such series. */
  values(name: SeriesName): Float64Array {
    return this.arrays.get(name) ?? SeriesBuffer.EMPTY;
  }

  /**
   * Changes whenever bins already held are forgotten or written again; frames that only add bins leave it. A view
   * that keeps what it drew of earlier bins (a chart's canvas) redraws them when it changes.
   */
  get epoch(): number {
    return this.generation;
  }

  /** Value of bin `i`, NaN when there is none. */
  at(name: SeriesName, i: number): number {
    if (i < 0 || i >= this.size) return NaN;
    return this.arrays.get(name)?.[i] ?? NaN;
  }

  /** Forget every bin and take the frame layout of a new session. */
  reset(names: readonly string[]): void {
    this.size = 0;
    this.generation++;
    if (names.length === this.names.length && names.every((n, i) => n === this.names[i])) return;
    this.names = [...names];
    this.arrays = new Map(names.map((n) => [n, new Float64Array(this.capacity).fill(NaN)]));
  }

  /** Write `bins` bins starting at `fromBin` from a frame's flat data (series after series, in the session's order). */
  write(fromBin: number, bins: number, data: Float64Array): void {
    const end = fromBin + bins;
    if (fromBin < this.size) this.generation++;
    this.ensure(end);
    this.names.forEach((name, s) => {
      this.arrays.get(name)!.set(data.subarray(s * bins, (s + 1) * bins), fromBin);
    });
    this.size = end;
  }

  /** The series as the CLI prints them: JSON arrays in the session's order, NaN as null. */
  toJSON(): Record<string, (number | null)[]> {
    const out: Record<string, (number | null)[]> = {};
    for (const name of this.names) {
      out[name] = Array.from(this.arrays.get(name)!.subarray(0, this.size), (v) => (Number.isNaN(v) ? null : v));
    }
    return out;
  }

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    while (this.capacity < n) this.capacity *= 2;
    for (const name of this.names) {
      const grown = new Float64Array(this.capacity).fill(NaN);
      grown.set(this.arrays.get(name)!.subarray(0, this.size));
      this.arrays.set(name, grown);
    }
  }
}
