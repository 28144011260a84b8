import type { Scenario } from '../scenario/types';
import { BinSeries } from './binSeries';
import { CLIENT_LIMITER_SERIES, SERVER_LIMITER_SERIES } from './limiters/serverLimiter';
import type { Client } from './client';
import { C as COUNTERS, COUNTER_COUNT } from './counters';
import { bucketOf as histogramBucketOf, LogHistogram } from './histogram';
import { Priorities } from './priorities';
import type { RunSeries, Summary } from './result';
import type { Server } from './server';
import type { ServerLimiter } from './limiters/serverLimiter';
import { buildSummary } from './summary';
import { judge, judgeFromS } from './verdict';

// Hot-path imports bound to module constants: a loader that compiles modules to CommonJS (as the
// benchmark's tsx does) turns every read of an imported binding into a getter call.
const C = COUNTERS;
const bucketOf = histogramBucketOf;

/** What the measurement reads of the servers: the one server, or a graph's entry service. */
export type MeasuredServer = Pick<Server, 'queueLive' | 'inService' | 'busy' | 'slots' | 'capacityRate' | 'stIn' | 'concurrency' | 'limiter'>;
/** What the measurement reads of the client. */
export type MeasuredClient = Pick<Client, 'fanoutN' | 'binClosed'> & { readonly gate: { readonly limiter: ServerLimiter | null } };

/** What the summary takes besides the measurements. */
export interface SummaryContext {
  endS: number;
  spans: readonly { at: number; end: number }[];
  inFlight: number;
  /** The last action that rescued a run judged recovered (see Simulation). */
  findRescue: (lastBadEndS: number | null) => Summary['rescue'];
  hasCache: boolean;
  slo: number | null;
  stopped: string | null;
}

/**
 * Measurement: the counters and time integrals (one Float64Array, so the summary window and
 * each bin are differences of two snapshots), the latency histograms, the bins and their
 * series, the per-station figures, the warm-up, and the summary with its verdict.
 */
export class Measurement {
  readonly c = new Float64Array(COUNTER_COUNT);
  private readonly binSnap = new Float64Array(COUNTER_COUNT);
  private readonly warmSnap = new Float64Array(COUNTER_COUNT);
  private readonly latency = new LogHistogram();
  private readonly serverLatency = new LogHistogram();
  private readonly binLatency = new LogHistogram();
  /** Failed requests, first attempt to failure: with the successes, the latency clients experience. */
  private readonly failLatency = new LogHistogram();
  private readonly binFail = new LogHistogram();
  private readonly binServer = new LogHistogram();
  /** Whether now is past the warm-up (what the summary counts). */
  inWindow: boolean;
  /**
   * Summary histograms take a bin's samples when it closes if the bin starts at or after the
   * warm-up (one bucket computation per sample); only the bin that straddles the warm-up adds
   * its in-window samples to them directly.
   */
  private binMerges: boolean;
  private directSummary = false;
  /** The series (with the good/bad flags the verdict reads). */
  readonly bins: BinSeries;
  /** Priority classes and their counts, or null without `load.priorities`. */
  readonly classes: Priorities | null;

  // Bins and warm-up.
  private readonly durationS: number;
  readonly binS: number;
  private readonly nBins: number;
  /** Bins closed so far. */
  binIndex = 0;
  private nextBinEnd: number;
  private readonly warmupS: number;
  warmupPending: boolean;
  /** The next bin end or warm-up end: the loop closes bins when an event reaches it. */
  nextCheckpoint: number;
  /** Time the event integrals (queue, in service, busy) and the steady ones (slots, capacity) reach. */
  lastIntegrateT = 0;
  private lastSteadyT = 0;

  // Cost measures (docs/model.md, "Cost measures"): the longest queue wait of a served call in the window, and the
  // first refusal or shed at or after the earliest trigger's start.
  /** Longest queue wait of a call served in the window so far; -1 before the first. */
  longestWaitS = -1;
  private shedWatchFromS = Infinity;
  private firstShedS: number | null = null;

  // Per station (several backends or shards), cumulative: calls arrived, answers or successes, ∫ busy slots dt.
  readonly stations: number;
  readonly stOffered: Float64Array;
  readonly stGood: Float64Array;
  private readonly stBusyInt: Float64Array;
  private readonly stLastT: Float64Array;
  private readonly stBinSnap: Float64Array;
  private readonly stWarmOffered: Float64Array;
  private readonly stWarmGood: Float64Array;
  private readonly stWarmBusy: Float64Array;

  // Set once by `connect`; declared, not initialised, so the first value fixes the fields' types.
  private declare server: MeasuredServer;
  private declare client: MeasuredClient;

  constructor(scenario: Scenario, stations: number) {
    this.durationS = scenario.duration;
    this.binS = scenario.bin;
    this.nBins = Math.max(1, Math.ceil(scenario.duration / scenario.bin - 1e-9));
    this.nextBinEnd = this.binEndAt(0);
    this.warmupS = scenario.warmup;
    this.warmupPending = scenario.warmup > 0;
    this.inWindow = !this.warmupPending;
    this.binMerges = this.warmupS <= 0;
    this.nextCheckpoint = this.warmupPending ? Math.min(this.warmupS, this.nextBinEnd) : this.nextBinEnd;
    this.stations = stations;
    this.stOffered = new Float64Array(stations);
    this.stGood = new Float64Array(stations);
    this.stBusyInt = new Float64Array(stations);
    this.stLastT = new Float64Array(stations);
    this.stBinSnap = new Float64Array(stations);
    this.stWarmOffered = new Float64Array(stations);
    this.stWarmGood = new Float64Array(stations);
    this.stWarmBusy = new Float64Array(stations);
    this.classes = scenario.load.priorities === null ? null : new Priorities(scenario.load.priorities, scenario.seed, this.nBins);
    if (this.classes !== null && !this.warmupPending) this.classes.warmedUp();
    this.bins = new BinSeries(this.nBins, this.binS, judgeFromS(scenario.warmup, scenario.client.timeout, scenario.server.service.mean), stations);
  }

  connect(server: MeasuredServer, client: MeasuredClient): void {
    this.server = server;
    this.client = client;
  }

  // ---------------------------------------------------------------- samples

  /** A request succeeded after `lat` seconds; returns nothing, counts an SLO miss in the window. */
  success(lat: number, sloS: number): void {
    const b = bucketOf(lat);
    this.binLatency.addToBucket(b, lat);
    if (this.directSummary) this.latency.addToBucket(b, lat);
    if (this.inWindow && lat > sloS) this.c[C.sloMisses]!++;
  }

  /** A request failed `lat` seconds after it arrived. */
  failure(lat: number, sloS: number): void {
    const b = bucketOf(lat);
    this.binFail.addToBucket(b, lat);
    if (this.directSummary) this.failLatency.addToBucket(b, lat);
    if (this.inWindow && sloS !== Infinity) this.c[C.sloMisses]!++;
  }

  /** A call left the server after `inServer` seconds there; returns its histogram bucket. */
  served(inServer: number): number {
    const b = bucketOf(inServer);
    this.binServer.addToBucket(b, inServer);
    if (this.directSummary) this.serverLatency.addToBucket(b, inServer);
    return b;
  }

  // ---------------------------------------------------------------- integrals

  /** Accumulate the integrals of what events change (queue, in service, busy slots) up to t. */
  integrate(t: number): void {
    const dt = t - this.lastIntegrateT;
    if (dt <= 0) return;
    const c = this.c;
    const server = this.server;
    c[C.queueInt]! += dt * server.queueLive;
    c[C.serviceInt]! += dt * server.inService;
    c[C.busyInt]! += dt * server.busy;
    this.lastIntegrateT = t;
  }

  /**
   * Accumulate the integrals of what only controls and autoscaling change (slots, capacity) up
   * to t: called before each such change and at every bin end, never per event.
   */
  integrateSteady(t: number): void {
    const dt = t - this.lastSteadyT;
    if (dt <= 0) return;
    const server = this.server;
    if (server.slots !== Infinity) {
      this.c[C.slotsInt]! += dt * server.slots * this.stations;
      this.c[C.capacityInt]! += dt * server.capacityRate;
    }
    this.lastSteadyT = t;
  }

  /** Per-station busy integrals (kept only with several stations), brought up to t for station k. */
  integrateStation(k: number, t: number): void {
    const dt = t - this.stLastT[k]!;
    if (dt <= 0) return;
    const n = this.server.stIn[k]!;
    const slots = this.server.slots;
    this.stBusyInt[k]! += dt * (n < slots ? n : slots);
    this.stLastT[k] = t;
  }

  integrateStations(t: number): void {
    if (this.stations === 1 || this.server.slots === Infinity) return;
    for (let k = 0; k < this.stations; k++) this.integrateStation(k, t);
  }

  // ---------------------------------------------------------------- bins

  private binEndAt(i: number): number {
    return Math.min((i + 1) * this.binS, this.durationS);
  }

  /** Close every bin that ends at or before t, and take the warm-up snapshot when t passes it. */
  closeUpTo(t: number): void {
    for (;;) {
      const warm = this.warmupPending ? this.warmupS : Infinity;
      const binEnd = this.binIndex < this.nBins ? this.nextBinEnd : Infinity;
      const next = warm <= binEnd ? warm : binEnd;
      if (next > t) break;
      this.integrate(next);
      this.integrateSteady(next);
      if (warm <= binEnd) {
        this.warmSnap.set(this.c);
        this.integrateStations(next);
        this.stWarmOffered.set(this.stOffered);
        this.stWarmGood.set(this.stGood);
        this.stWarmBusy.set(this.stBusyInt);
        this.warmupPending = false;
        if (this.classes !== null) this.classes.warmedUp();
        this.inWindow = true;
        this.directSummary = !this.binMerges;
      } else {
        this.closeBin();
      }
    }
    const warm = this.warmupPending ? this.warmupS : Infinity;
    const binEnd = this.binIndex < this.nBins ? this.nextBinEnd : Infinity;
    this.nextCheckpoint = warm < binEnd ? warm : binEnd;
  }

  private closeBin(): void {
    const i = this.binIndex;
    const c = this.c;
    const snap = this.binSnap;
    const server = this.server;
    const start = i * this.binS;
    const d = (k: number): number => c[k]! - snap[k]!;
    this.bins.record(i, {
      start,
      len: this.nextBinEnd - start,
      d,
      latency: this.binLatency,
      failed: this.binFail,
      server: this.binServer,
      fanout: this.client.fanoutN,
      bounded: server.concurrency !== Infinity,
    });
    if (server.limiter !== null) server.limiter.record(this.bins.limiterData(SERVER_LIMITER_SERIES), i, SERVER_LIMITER_SERIES);
    if (this.classes !== null) this.classes.closeBin(i, this.nextBinEnd - start);
    const clientLimiter = this.client.gate.limiter;
    if (clientLimiter !== null) clientLimiter.record(this.bins.limiterData(CLIENT_LIMITER_SERIES), i, CLIENT_LIMITER_SERIES);
    if (this.stations > 1 && server.slots !== Infinity) {
      this.integrateStations(this.nextBinEnd);
      const perStation = d(C.slotsInt) / this.stations;
      for (let k = 0; k < this.stations; k++) this.bins.recordStation(i, k, this.stBusyInt[k]! - this.stBinSnap[k]!, perStation);
      this.stBinSnap.set(this.stBusyInt);
    }
    if (this.binMerges) {
      this.latency.mergeFrom(this.binLatency);
      this.failLatency.mergeFrom(this.binFail);
      this.serverLatency.mergeFrom(this.binServer);
    }
    this.client.binClosed();
    this.binLatency.reset();
    this.binFail.reset();
    this.binServer.reset();
    this.binSnap.set(c);
    this.binIndex = i + 1;
    this.binMerges = this.binIndex * this.binS >= this.warmupS;
    this.directSummary = this.inWindow && !this.binMerges;
    this.nextBinEnd = this.binEndAt(this.binIndex);
  }

  // ---------------------------------------------------------------- cost measures

  /** A trigger starts at `at` (scenario or live): refusals and sheds from the earliest one on count for `firstShed`. */
  watchShedsFrom(at: number): void {
    if (at < this.shedWatchFromS) this.shedWatchFromS = at;
  }

  /** A request or call refused or shed on purpose (budget, breaker, throttle, queue limit, CoDel). */
  noteShed(t: number): void {
    if (this.firstShedS === null && t >= this.shedWatchFromS) this.firstShedS = t;
  }

  // ---------------------------------------------------------------- summary

  /** The summary over [warmup, endS], with the verdict judged on the bins closed so far. */
  summary(x: SummaryContext): Summary {
    const endS = x.endS;
    const v = judge(this.bins.data.bad, this.binIndex, this.binS, Math.min(endS, this.binIndex * this.binS), x.spans);
    return buildSummary({
      c: this.c,
      warm: this.warmupPending ? null : this.warmSnap,
      windowS: Math.max(0, endS - this.warmupS),
      latency: this.withOpenBin(this.latency, this.binLatency),
      failLatency: this.withOpenBin(this.failLatency, this.binFail),
      serverLatency: this.withOpenBin(this.serverLatency, this.binServer),
      inFlight: x.inFlight,
      verdict: v,
      rescue: v.verdict === 'recovered' ? x.findRescue(v.lastBadEndS) : null,
      hasCache: x.hasCache,
      bounded: this.server.concurrency !== Infinity,
      slo: x.slo,
      endS,
      stopped: x.stopped,
      fanout: this.client.fanoutN,
      shards: this.stations > 1 ? this.shardSummaries(endS) : null,
      longestWait: this.longestWaitS < 0 ? null : this.longestWaitS,
      firstShed: this.firstShedS,
      classes: this.classes === null ? null : this.classes.summary(Math.max(0, endS - this.warmupS)),
    });
  }

  /** The series of the closed bins as JSON arrays, with each priority class's. */
  seriesJson(): RunSeries {
    const out = this.bins.json(this.binIndex);
    if (this.classes !== null) out.classes = this.classes.json(this.binIndex);
    return out;
  }

  private shardSummaries(endS: number): Summary['shards'] {
    const windowS = Math.max(0, endS - this.warmupS);
    const slots = this.server.slots;
    const slotsS = slots === Infinity ? Infinity : (this.c[C.slotsInt]! - (this.warmupPending ? 0 : this.warmSnap[C.slotsInt]!)) / this.stations;
    const out: NonNullable<Summary['shards']> = [];
    for (let k = 0; k < this.stations; k++) {
      const warm = !this.warmupPending;
      const offered = this.stOffered[k]! - (warm ? this.stWarmOffered[k]! : this.stOffered[k]!);
      const good = this.stGood[k]! - (warm ? this.stWarmGood[k]! : this.stGood[k]!);
      const busy = this.stBusyInt[k]! - (warm ? this.stWarmBusy[k]! : this.stBusyInt[k]!);
      out.push({
        offered: windowS > 0 ? offered / windowS : 0,
        goodput: windowS > 0 ? good / windowS : 0,
        utilisation: slotsS === Infinity || !(slotsS > 0) ? null : busy / slotsS,
      });
    }
    return out;
  }

  /** A summary histogram including the samples of the bin still open, when that bin merges at its close. */
  private withOpenBin(summary: LogHistogram, open: LogHistogram): LogHistogram {
    if (!this.binMerges || open.count === 0) return summary;
    const h = summary.clone();
    h.mergeFrom(open);
    return h;
  }
}
