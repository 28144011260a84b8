import { C } from './counters';
import type { LogHistogram } from './histogram';
import type { RunSeries, SeriesArrays } from './result';
import { SERIES_NAMES, type SeriesName } from './result';
import { CLIENT_LIMITER_SERIES, type LimiterSeriesNames, SERVER_LIMITER_SERIES } from './limiters/serverLimiter';
import { badWindowBins, firstJudgedBin, isBadBin, MAX_WINDOW_S } from './verdict';

/** What a bin's values are computed from: counter differences over the bin and its histograms. */
export interface BinInput {
  start: number;
  len: number;
  /** Counter k's increase over the bin. */
  d: (k: number) => number;
  latency: LogHistogram;
  /** First attempt to failure of the requests that failed in the bin. */
  failed: LogHistogram;
  server: LogHistogram;
  /** Calls per attempt with a fan-out, else 1. */
  fanout: number;
  /** Whether the server has finitely many slots (utilisation and capacity exist). */
  bounded: boolean;
}

/** The limiters' series: kept only once a limiter records (a run without one has them all null). */
const LIMITER_SERIES: readonly SeriesName[] = [...SERVER_LIMITER_SERIES, ...CLIENT_LIMITER_SERIES];
const NONE = new Float64Array(0);

/**
 * The per-bin series of a run, as typed arrays (NaN = no sample), with the good/bad flag of each
 * bin judged as it closes, and per-station utilisation when there are several servers.
 */
export class BinSeries {
  readonly data: SeriesArrays;
  private readonly offered: Float64Array;
  private readonly good: Float64Array;
  private readonly badWindow: number;
  private readonly maxBadWindow: number;
  private readonly firstJudged: number;
  readonly shardUtil: Float64Array | null;
  private readonly nBins: number;

  constructor(
    nBins: number,
    binS: number,
    judgeFrom: number,
    readonly stations: number,
  ) {
    const data = {} as SeriesArrays;
    for (const name of SERIES_NAMES) data[name] = LIMITER_SERIES.includes(name) ? NONE : new Float64Array(nBins).fill(NaN);
    this.data = data;
    this.nBins = nBins;
    this.offered = new Float64Array(nBins);
    this.good = new Float64Array(nBins);
    this.badWindow = badWindowBins(binS);
    this.maxBadWindow = Math.max(this.badWindow, Math.floor(MAX_WINDOW_S / binS + 1e-9));
    this.firstJudged = firstJudgedBin(binS, judgeFrom, this.badWindow);
    this.shardUtil = stations > 1 ? new Float64Array(nBins * stations).fill(NaN) : null;
  }

  /** Write bin i. */
  record(i: number, x: BinInput): void {
    const S = this.data;
    const { d, len } = x;
    const arrivals = d(C.arrivals);
    const attempts = d(C.attempts);
    const succeeded = d(C.succeeded);
    S.t[i] = x.start;
    S.offered[i] = arrivals / len;
    S.attempts[i] = attempts / len;
    S.throughput[i] = d(C.completed) / len;
    S.goodput[i] = succeeded / len;
    S.wasted[i] = d(C.wasted) / len;
    S.queue[i] = d(C.queueInt) / len;
    S.inService[i] = d(C.serviceInt) / len;
    S.failed[i] = d(C.failed) / len;
    S.timedOut[i] = d(C.timedOut) / len;
    S.rejected[i] = d(C.rejected) / len;
    S.errors[i] = d(C.errors) / len;
    S.p50[i] = x.latency.quantile(0.5) ?? NaN;
    S.p99[i] = x.latency.quantile(0.99) ?? NaN;
    S.p999[i] = x.latency.quantile(0.999) ?? NaN;
    S.serverP99[i] = x.server.quantile(0.99) ?? NaN;
    S.clientP50[i] = x.latency.quantileWith(x.failed, 0.5) ?? NaN;
    S.clientP99[i] = x.latency.quantileWith(x.failed, 0.99) ?? NaN;
    S.clientP999[i] = x.latency.quantileWith(x.failed, 0.999) ?? NaN;
    const lookups = d(C.hits) + d(C.misses);
    S.hitRate[i] = lookups > 0 ? d(C.hits) / lookups : NaN;
    S.amplification[i] = arrivals > 0 ? (attempts + d(C.hedges) / x.fanout) / arrivals : NaN;
    const slotsInt = d(C.slotsInt);
    S.utilisation[i] = x.bounded && slotsInt > 0 ? d(C.busyInt) / slotsInt : NaN;
    S.capacity[i] = x.bounded ? d(C.capacityInt) / len : NaN;
    this.offered[i] = arrivals;
    this.good[i] = succeeded;
    const bad = i >= this.firstJudged ? isBadBin(this.offered, this.good, i, this.badWindow, this.maxBadWindow, this.firstJudged - this.badWindow + 1) : null;
    S.bad[i] = bad === null ? NaN : bad ? 1 : 0;
  }

  /** Bin i's utilisation of station k, from its busy-slot integral and its slots' integral. */
  recordStation(i: number, k: number, busy: number, slots: number): void {
    if (this.shardUtil !== null) this.shardUtil[i * this.stations + k] = slots > 0 ? busy / slots : NaN;
  }

  /** The series with these limiter series allocated (at the limiter's first record). */
  limiterData(names: LimiterSeriesNames): SeriesArrays {
    if (this.data[names[0]] === NONE) for (const name of names) this.data[name] = new Float64Array(this.nBins).fill(NaN);
    return this.data;
  }

  /** Typed-array copies of bins [from, to). */
  arrays(from: number, to: number): SeriesArrays {
    const out = {} as SeriesArrays;
    for (const name of SERIES_NAMES) {
      const src = this.data[name];
      out[name] = src === NONE ? new Float64Array(to - from).fill(NaN) : src.slice(from, to);
    }
    return out;
  }

  /** Bins [0, to) as JSON arrays, `null` for NaN. */
  json(to: number): RunSeries {
    const out = {} as RunSeries;
    for (const name of SERIES_NAMES) {
      const src = this.data[name];
      out[name] = src === NONE ? new Array<number | null>(to).fill(null) : nullable(src, 0, to);
    }
    if (this.shardUtil !== null) {
      const rows: (number | null)[][] = [];
      for (let i = 0; i < to; i++) rows.push(nullable(this.shardUtil, i * this.stations, (i + 1) * this.stations));
      out.shardUtilisation = rows;
    }
    return out;
  }

  /** Per-station utilisation of bins [from, to), bin-major; null with one server. */
  shardArrays(from: number, to: number): { stations: number; utilisation: Float64Array } | null {
    if (this.shardUtil === null) return null;
    return { stations: this.stations, utilisation: this.shardUtil.slice(from * this.stations, to * this.stations) };
  }
}

function nullable(src: Float64Array, from: number, to: number): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(to - from);
  for (let i = from; i < to; i++) {
    const v = src[i]!;
    out[i - from] = v === v ? v : null;
  }
  return out;
}
