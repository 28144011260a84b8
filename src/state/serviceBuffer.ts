/**
 * A graph run's per-service series on the UI side: one growing Float64Array, bin-major, `services × metrics`
 * values per bin in the worker's layout (ServiceArrays), filled from the frames. Empty (no services) when
 * the run has one server.
 */
import type { ServiceArrays, ServiceMetric } from '../sim/format';

export class ServiceBuffer {
  private data = new Float64Array(0);
  private names: readonly string[] = [];
  private metricNames: readonly ServiceMetric[] = [];
  private width = 0;
  private size = 0;

  /** The services, entry first; empty with one server. */
  get services(): readonly string[] {
    return this.names;
  }

  /** Bins held: [0, length). */
  get length(): number {
    return this.size;
  }

  /** Index of a service by name, -1 when there is none. */
  indexOf(service: string): number {
    return this.names.indexOf(service);
  }

  /** Value of `metric` of service `s` in bin `i`; NaN when unknown. */
  at(i: number, s: number, metric: ServiceMetric): number {
    const m = this.metricNames.indexOf(metric);
    if (i < 0 || i >= this.size || s < 0 || s >= this.names.length || m < 0) return NaN;
    return this.data[i * this.width + s * this.metricNames.length + m] ?? NaN;
  }

  /** Every metric of service `s` in bin `i` (NaN where unknown): the figures a service map shows. */
  figures(i: number, s: number): Record<ServiceMetric, number> {
    const out = {} as Record<ServiceMetric, number>;
    for (const m of this.metricNames) out[m] = this.at(i, s, m);
    return out;
  }

  /** Forget every bin and every service. */
  reset(): void {
    this.size = 0;
    this.width = 0;
    this.names = [];
    this.metricNames = [];
  }

  /** Write a frame's bins starting at `fromBin` (a frame without services empties the buffer; a new layout starts it over). */
  write(fromBin: number, bins: number, frame: ServiceArrays | null): void {
    if (frame === null || frame.services.length === 0) {
      this.reset();
      return;
    }
    const width = frame.services.length * frame.metrics.length;
    if (!this.sameLayout(frame)) {
      this.names = [...frame.services];
      this.metricNames = [...frame.metrics];
      this.width = width;
      this.size = 0;
      this.data = new Float64Array(Math.max(256, fromBin + bins) * width).fill(NaN);
    }
    const end = fromBin + bins;
    if (end * width > this.data.length) {
      let capacity = this.data.length / width;
      while (capacity < end) capacity *= 2;
      const grown = new Float64Array(capacity * width).fill(NaN);
      grown.set(this.data.subarray(0, this.size * width));
      this.data = grown;
    }
    // Bins skipped between what is held and this frame (none in practice) read as no sample.
    if (fromBin > this.size) this.data.fill(NaN, this.size * width, fromBin * width);
    this.data.set(frame.values.subarray(0, bins * width), fromBin * width);
    this.size = end;
  }

  private sameLayout(frame: ServiceArrays): boolean {
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    return this.width > 0 && same(this.names, frame.services) && same(this.metricNames, frame.metrics);
  }
}
