import { LogHistogram } from '../engine/histogram';
import { SERVICE_METRICS, type ServiceArrays, type ServiceSummary } from './serviceMetrics';

export { SERVICE_METRICS, type ServiceArrays, type ServiceMetric, type ServiceSummary } from './serviceMetrics';

// Per-service counters and time integrals, K values a service in one Float64Array, so a bin's figures
// are differences of two snapshots (as the user-level measurement does).
export const S_ARRIVALS = 0;
/** Good answers sent back. */
export const S_OK = 1;
/** Error answers sent back: the service's errors, and calls whose dependencies failed. */
export const S_ERRORS = 2;
/** Turned away: the replica's queue was full. */
export const S_REJECTED = 3;
/** Dropped from the queue past the deadline they carried. */
export const S_EXPIRED = 4;
/** Good answers whose caller no longer waited. */
export const S_WASTED = 5;
export const S_QUEUE_INT = 6;
export const S_SERVICE_INT = 7;
export const S_BUSY_INT = 8;
export const S_SLOTS_INT = 9;
/** Tries to this service that timed out at their caller. */
export const S_TIMEOUTS = 10;
/** First tries sent to this service: its callers' exchanges, before their retries. */
export const S_OFFERED = 11;
const K = 12;

/** The measurements of every service of a graph, bin by bin. */
const M = SERVICE_METRICS.length;

export class ServiceStats {
  readonly c: Float64Array;
  private readonly snap: Float64Array;
  private readonly hist: LogHistogram[];
  private values: Float64Array;
  /** Over the bins that start at or after the warm-up: counter sums, good answers' times, the users' arrivals and seconds. */
  private readonly win: Float64Array;
  private readonly winHist: LogHistogram[];
  private winUsers = 0;
  private winS = 0;
  constructor(
    readonly names: string[],
    nBins: number,
  ) {
    const n = names.length;
    this.c = new Float64Array(n * K);
    this.snap = new Float64Array(n * K);
    this.hist = names.map(() => new LogHistogram());
    this.win = new Float64Array(n * K);
    this.winHist = names.map(() => new LogHistogram());
    this.values = new Float64Array(nBins * n * M).fill(NaN);
  }

  static index(s: number, k: number): number {
    return s * K + k;
  }

  /** A good answer of service s after `lat` seconds there. */
  answered(s: number, lat: number): void {
    this.hist[s]!.add(lat);
  }

  /** Close bin i of length `len` seconds; `userArrivals` = the users' requests that arrived in it; `integrate(s)` brings service s's integrals to the bin's end first. */
  closeBin(i: number, len: number, userArrivals: number, inWindow: boolean, integrate: (s: number) => void): void {
    const n = this.names.length;
    const c = this.c;
    const snap = this.snap;
    const out = this.values;
    for (let s = 0; s < n; s++) {
      integrate(s);
      const d = (k: number): number => c[s * K + k]! - snap[s * K + k]!;
      const at = (i * n + s) * M;
      const rate = (k: number): number => (len > 0 ? d(k) / len : NaN);
      const slots = d(S_SLOTS_INT);
      const arrivals = d(S_ARRIVALS);
      out[at] = rate(S_ARRIVALS);
      out[at + 1] = len > 0 ? (d(S_OK) - d(S_WASTED)) / len : NaN;
      out[at + 2] = rate(S_ERRORS);
      out[at + 3] = rate(S_REJECTED);
      out[at + 4] = rate(S_EXPIRED);
      out[at + 5] = rate(S_WASTED);
      out[at + 6] = rate(S_TIMEOUTS);
      out[at + 7] = rate(S_QUEUE_INT);
      out[at + 8] = rate(S_SERVICE_INT);
      out[at + 9] = slots > 0 && slots !== Infinity ? d(S_BUSY_INT) / slots : NaN;
      const h = this.hist[s]!;
      out[at + 10] = h.count > 0 ? (h.quantile(0.5) ?? NaN) : NaN;
      out[at + 11] = h.count > 0 ? (h.quantile(0.99) ?? NaN) : NaN;
      out[at + 12] = userArrivals > 0 ? arrivals / userArrivals : NaN;
      out[at + 13] = rate(S_OFFERED);
      out[at + 14] = d(S_OFFERED) > 0 ? arrivals / d(S_OFFERED) : NaN;
      if (inWindow) {
        for (let k = 0; k < K; k++) this.win[s * K + k]! += d(k);
        this.winHist[s]!.mergeFrom(h);
      }
      h.reset();
    }
    if (inWindow) {
      this.winUsers += userArrivals;
      this.winS += len;
    }
    snap.set(c);
  }

  /** The series of bins [from, to). */
  arrays(from: number, to: number): ServiceArrays {
    const n = this.names.length;
    return {
      services: [...this.names],
      metrics: SERVICE_METRICS,
      bins: to - from,
      values: this.values.slice(from * n * M, to * n * M),
    };
  }

  /** Each service's figures over the closed bins that start at or after the warm-up (rates per second, means, shares). */
  summary(): ServiceSummary[] {
    const t = this.winS;
    return this.names.map((name, s) => {
      const w = (k: number): number => this.win[s * K + k]!;
      const per = (k: number): number | null => (t > 0 ? w(k) / t : null);
      const h = this.winHist[s]!;
      const slots = w(S_SLOTS_INT);
      return {
        name,
        offered: per(S_ARRIVALS),
        goodput: t > 0 ? (w(S_OK) - w(S_WASTED)) / t : null,
        errors: per(S_ERRORS),
        rejected: per(S_REJECTED),
        expired: per(S_EXPIRED),
        wasted: per(S_WASTED),
        timeouts: per(S_TIMEOUTS),
        queue: per(S_QUEUE_INT),
        inService: per(S_SERVICE_INT),
        utilisation: slots > 0 ? w(S_BUSY_INT) / slots : null,
        p50: h.quantile(0.5),
        p99: h.quantile(0.99),
        amplification: this.winUsers > 0 ? w(S_ARRIVALS) / this.winUsers : null,
        firstTries: per(S_OFFERED),
        retryFactor: w(S_OFFERED) > 0 ? w(S_ARRIVALS) / w(S_OFFERED) : null,
      };
    });
  }

  /** Totals of service s since the start (for the summary). */
  total(s: number, k: number): number {
    return this.c[s * K + k]!;
  }
}

/** Per-service series as JSON: service → metric → one value a bin (`null` for NaN). */
export function serviceSeriesJson(a: ServiceArrays): Record<string, Record<string, (number | null)[]>> {
  const out: Record<string, Record<string, (number | null)[]>> = {};
  const n = a.services.length;
  const m = a.metrics.length;
  a.services.forEach((name, s) => {
    const series: Record<string, (number | null)[]> = {};
    a.metrics.forEach((metric, j) => {
      const values: (number | null)[] = [];
      for (let i = 0; i < a.bins; i++) {
        const x = a.values[(i * n + s) * m + j]!;
        values.push(Number.isNaN(x) ? null : x);
      }
      series[metric] = values;
    });
    out[name] = series;
  });
  return out;
}
