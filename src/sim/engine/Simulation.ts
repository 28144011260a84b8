import type { Action, Scenario, Trigger } from '../scenario/types';
import { AttemptQueue } from './attemptQueue';
import { backoffDelay } from './backoff';
import { BinSeries } from './binSeries';
import { AdaptiveThrottle, CircuitBreaker, RetryBudget } from './clientControls';
import { C as COUNTERS, COUNTER_COUNT } from './counters';
import { EventQueue } from './eventQueue';
import { bucketOf as histogramBucketOf, LogHistogram } from './histogram';
import { KeySampler, shardOfKey } from './keySampler';
import { LookasideCache } from './lookasideCache';
import { RateProfile } from './rateProfile';
import type { RunSeries, SeriesArrays, Summary } from './result';
import { Rng, Stream } from './rng';
import { applySet, parseScenario } from '../scenario/index';
import { ORDER_ACTION, ORDER_TRIGGER_END, ORDER_TRIGGER_START, Timeline } from './timeline';
import { growF64, growI32, growU8 } from './typedArrays';
import { judge, judgeFromS } from './verdict';
import { buildSummary } from './summary';
import { ServiceSampler } from './serviceSampler';

// Hot-path imports bound to module constants: a loader that compiles modules to CommonJS (as the
// benchmark's tsx does) turns every read of an imported binding into a getter call.
const C = COUNTERS;
const bucketOf = histogramBucketOf;

// Event kinds (4 bits).
const EV_ARRIVAL = 0;
const EV_COMPLETE = 1;
const EV_TIMEOUT = 2;
const EV_RETRY = 3;
const EV_HIT = 4;
const EV_SCALE_CHECK = 5;
const EV_SCALE_ADD = 6;
const EV_THINK = 7;
const EV_HEDGE = 8;

// Request states.
const R_FREE = 0;
const R_WAIT = 1;
const R_BACKOFF = 2;
const R_HIT = 3;

// Call states. A call of a try still in progress stays allocated until the try ends, so the
// try's list of calls stays intact: DONE (answered) and GONE (turned away, shed or cancelled)
// calls are freed then; a call of a finished try is freed as soon as it leaves the server.
const A_FREE = 0;
const A_QUEUED = 1;
const A_SERVICE = 2;
const A_DONE = 3;
const A_GONE = 4;

const FIFO = 0;
const LIFO = 1;
const ADAPTIVE_LIFO = 2;
/** A guard against a model that loops without time advancing: it stops the run instead of hanging. */
const MAX_EVENTS_AT_INSTANT = 10_000_000;
/** Congestion interval for adaptive LIFO when CoDel is off (Fail at Scale's default). */
const DEFAULT_CONGESTION_INTERVAL_S = 0.1;


/** A trigger without its start time: what "inject now" takes. */
export type TriggerNow = Trigger extends infer T ? (T extends Trigger ? Omit<T, 'at'> : never) : never;

/**
 * The discrete-event engine. Deterministic for a scenario and seed: output does not depend on
 * how `advance` slices the run. Live changes (`set`, `inject`) take effect at the current
 * simulated time and are recorded in `scenario()`, so the run replays exactly.
 */
export class Simulation {
  private readonly base: Scenario;
  private readonly liveActions: Action[] = [];
  private readonly liveTriggers: Trigger[] = [];
  /** The parameters in force now (scenario with the actions applied so far). */
  private eff: Scenario;

  private readonly events = new EventQueue();
  private readonly rngArrivals: Rng;
  private readonly rngService: Rng;
  private readonly rngJitter: Rng;
  private readonly rngKeys: Rng;
  private readonly rngCache: Rng;
  private readonly rngThrottle: Rng;
  private readonly service: ServiceSampler;

  // Clock and bins.
  private nowS = 0;
  private readonly durationS: number;
  private readonly binS: number;
  private readonly nBins: number;
  private binIndex = 0;
  private nextBinEnd: number;
  private readonly warmupS: number;
  private warmupPending: boolean;
  private nextCheckpoint: number;
  private lastIntegrateT = 0;
  private lastSteadyT = 0;
  private stoppedMsg: string | null = null;
  private eventsAtInstant = 0;

  // Counters, snapshots and histograms.
  private readonly c = new Float64Array(COUNTER_COUNT);
  private readonly binSnap = new Float64Array(COUNTER_COUNT);
  private readonly warmSnap = new Float64Array(COUNTER_COUNT);
  private readonly latency = new LogHistogram();
  private readonly serverLatency = new LogHistogram();
  private readonly binLatency = new LogHistogram();
  /** Failed requests, first attempt to failure: with the successes, the latency clients experience. */
  private readonly failLatency = new LogHistogram();
  private readonly binFail = new LogHistogram();
  private readonly binServer = new LogHistogram();
  private inWindow: boolean;
  /**
   * Summary histograms take a bin's samples when it closes if the bin starts at or after the
   * warm-up (one bucket computation per sample); only the bin that straddles the warm-up adds
   * its in-window samples to them directly.
   */
  private binMerges: boolean;
  private directSummary = false;

  // Series (with the good/bad flags the verdict reads).
  private readonly bins: BinSeries;

  // Controls (triggers and actions) in time order.
  private readonly timeline = new Timeline();
  private triggerSpans: { at: number; end: number }[] = [];
  // Cost measures (docs/model.md, "Cost measures"): the longest queue wait of a served call in the window, and the
  // first refusal or shed at or after the earliest trigger's start.
  private longestWaitS = -1;
  private shedWatchFromS = Infinity;
  private firstShedS: number | null = null;

  // Load.
  private arrivalGen = 0;
  private arrivalNext = Infinity;
  /** The constant open-loop rate (spikes included) the pending arrival was timed with. */
  private arrivalRate = 0;
  /** The profile and spike factor the pending arrival was timed with, when a profile is in force. */
  private arrivalProfile: RateProfile | null = null;
  private arrivalSpike = 1;
  /** Unit work left before the next arrival, while none is scheduled (rate 0). */
  private arrivalWork = 0;
  private clientsActive = 0;
  private clientGen = new Int32Array(0);
  private spikeFactor = 1;
  private keys: KeySampler | null = null;

  // Client parameters.
  private timeoutS = Infinity;
  private maxRetries = 0;
  private baseS = 0;
  private sloS = Infinity;
  private budget: RetryBudget | null = null;
  private breaker: CircuitBreaker | null = null;
  private throttle: AdaptiveThrottle | null = null;

  // Server parameters. With a fan-out or partitions there are several servers ("stations"),
  // each with the `server` parameters and its own queue and slots; `slots` is per station.
  private readonly stations: number;
  private readonly fanoutN: number;
  private readonly quorum: number;
  private readonly partitioned: boolean;
  private readonly hedgePercentile: number;
  private hedgeDelayS = Infinity;
  /** Latency of primary calls (cancelled ones at their cancellation), for the hedge delay. */
  private readonly callLatency: LogHistogram | null;
  private concurrency = Infinity;
  private scaledSlots = 0;
  private slotsLost = 0;
  private slots = Infinity;
  /** Whole-server outages in force. */
  private outages = 0;
  /** Stations down through per-station outages (counted once each). */
  private stationsDown = 0;
  private speed = 1;
  private capacityRate = 0;
  private queueLimit = Infinity;
  private discipline = FIFO;
  private codelTarget = Infinity;
  private codelInterval = DEFAULT_CONGESTION_INTERVAL_S;
  private codelOn = false;
  private dropExpired = false;
  private cancelOnTimeout = false;
  private alpha = 0;
  private beta = 0;
  private meanServiceS = 0;
  private scalePending = false;
  private scaleGen = 0;
  private scaleBusyMark = 0;
  private scaleSlotsMark = 0;

  // Station state, and the totals over stations that the integrals use.
  private readonly stIn: Int32Array;
  private readonly stQueued: Int32Array;
  private readonly stLastEmpty: Float64Array;
  private readonly stDown: Int32Array;
  private readonly stQueue: AttemptQueue[];
  /** Per station, cumulative: calls arrived, answers or successes, ∫ busy slots dt (shard series). */
  private readonly stOffered: Float64Array;
  private readonly stGood: Float64Array;
  private readonly stBusyInt: Float64Array;
  private readonly stLastT: Float64Array;
  private readonly stBinSnap: Float64Array;
  private readonly stWarmOffered: Float64Array;
  private readonly stWarmGood: Float64Array;
  private readonly stWarmBusy: Float64Array;
  private inService = 0;
  private queueLive = 0;
  /** Σ over stations of min(in service, slots). */
  private busy = 0;

  // Cache.
  private cache: LookasideCache | null = null;
  private readThrough = false;
  private hitLatencyS = 0;

  // Request pool (client-side records).
  private reqCap = 1024;
  private reqFirst = new Float64Array(1024);
  private reqPrevDelay = new Float64Array(1024);
  private reqTries = new Int32Array(1024);
  private reqGen = new Int32Array(1024);
  private reqKey = new Int32Array(1024);
  private reqClient = new Int32Array(1024);
  private reqClientGen = new Int32Array(1024);
  private reqState = new Uint8Array(1024);
  /** The attempt in progress: a run-wide unique id (0 = none), its answers and refused calls, its calls. */
  private reqTry = new Int32Array(1024);
  private reqAnswers = new Int32Array(1024);
  private reqRefused = new Int32Array(1024);
  private reqCalls = new Int32Array(1024);
  private reqProbe = new Uint8Array(1024);
  private reqFree = new Int32Array(1024);
  private reqFreeTop = 0;
  private reqTop = 0;
  private reqLive = 0;
  private trySeq = 0;

  // Call pool: what the servers hold, one record per call (the engine's "attempts" at a server).
  private attCap = 1024;
  private attReq = new Int32Array(1024);
  private attTry = new Int32Array(1024);
  private attStation = new Int32Array(1024);
  private attNext = new Int32Array(1024);
  private attPeer = new Int32Array(1024);
  private attKey = new Int32Array(1024);
  private attEnq = new Float64Array(1024);
  private attGen = new Int32Array(1024);
  private attState = new Uint8Array(1024);
  /** 1 when this call went to the server on a cache miss (so its answer may fill the cache). */
  private attMiss = new Uint8Array(1024);
  /** 1 when this call is a hedged copy. */
  private attHedge = new Uint8Array(1024);
  private attFree = new Int32Array(1024);
  private attFreeTop = 0;
  private attTop = 0;
  private attLive = 0;
  private readonly maxInFlight: number;

  constructor(scenario: Scenario) {
    this.base = scenario;
    this.eff = scenario;
    const seed = scenario.seed;
    this.rngArrivals = new Rng(seed, Stream.arrivals);
    this.rngService = new Rng(seed, Stream.service);
    this.rngJitter = new Rng(seed, Stream.jitter);
    this.rngKeys = new Rng(seed, Stream.keys);
    this.rngCache = new Rng(seed, Stream.cacheInit);
    this.rngThrottle = new Rng(seed, Stream.throttle);
    this.service = new ServiceSampler(this.rngService);

    this.durationS = scenario.duration;
    this.binS = scenario.bin;
    this.nBins = Math.max(1, Math.ceil(scenario.duration / scenario.bin - 1e-9));
    this.nextBinEnd = this.binEndAt(0);
    this.warmupS = scenario.warmup;
    this.warmupPending = scenario.warmup > 0;
    this.inWindow = !this.warmupPending;
    this.binMerges = this.warmupS <= 0;
    this.nextCheckpoint = this.warmupPending ? Math.min(this.warmupS, this.nextBinEnd) : this.nextBinEnd;
    this.maxInFlight = scenario.limits.maxInFlight;

    const n = scenario.fanout?.n ?? scenario.partitions?.shards ?? 1;
    this.stations = n;
    this.fanoutN = scenario.fanout?.n ?? 1;
    this.quorum = scenario.fanout === null ? 1 : (scenario.fanout.quorum ?? scenario.fanout.n);
    this.partitioned = scenario.partitions !== null;
    this.hedgePercentile = scenario.fanout?.hedge?.percentile ?? 0;
    this.callLatency = this.hedgePercentile > 0 ? new LogHistogram() : null;
    this.stIn = new Int32Array(n);
    this.stQueued = new Int32Array(n);
    this.stLastEmpty = new Float64Array(n);
    this.stDown = new Int32Array(n);
    this.stQueue = Array.from({ length: n }, () => new AttemptQueue());
    this.stOffered = new Float64Array(n);
    this.stGood = new Float64Array(n);
    this.stBusyInt = new Float64Array(n);
    this.stLastT = new Float64Array(n);
    this.stBinSnap = new Float64Array(n);
    this.stWarmOffered = new Float64Array(n);
    this.stWarmGood = new Float64Array(n);
    this.stWarmBusy = new Float64Array(n);
    this.bins = new BinSeries(this.nBins, this.binS, judgeFromS(scenario.warmup, scenario.client.timeout, scenario.server.service.mean), n);

    this.configure(scenario, 0, null);
    this.buildControls();
  }

  // ---------------------------------------------------------------- public API

  get now(): number {
    return this.nowS;
  }

  get done(): boolean {
    return this.stoppedMsg !== null || this.nowS >= this.durationS;
  }

  /** Bins closed so far: series values exist for bins [0, binsClosed). */
  get binsClosed(): number {
    return this.binIndex;
  }

  get stopped(): string | null {
    return this.stoppedMsg;
  }

  /** Run every event before `toS` (clamped to the duration), then close the bins that ended. */
  advance(toS: number): void {
    const T = Math.min(toS, this.durationS);
    if (this.stoppedMsg !== null || T <= this.nowS) return;
    for (;;) {
      const ctl = this.timeline.peek();
      if (ctl !== undefined && ctl.at < T) {
        this.runEvents(ctl.at);
        if (this.stoppedMsg !== null) return;
        this.closeUpTo(ctl.at);
        this.integrate(ctl.at);
        this.integrateSteady(ctl.at);
        this.nowS = Math.max(this.nowS, ctl.at);
        this.timeline.shift();
        ctl.apply(ctl.at);
        continue;
      }
      this.runEvents(T);
      if (this.stoppedMsg !== null) return;
      // No integration to T here: splitting an interval at a slice end would change the
      // floating-point sums, and output must not depend on slicing.
      this.closeUpTo(T);
      this.nowS = T;
      return;
    }
  }

  /** Run to the end of the scenario. */
  runToEnd(): void {
    this.advance(this.durationS);
  }

  /**
   * Change parameters now: `{ "load.rate": 300 }`. Validated like a scenario (throws
   * ScenarioError naming the field and its range); recorded as an
   * action at the current time so the run replays exactly. Takes effect before any event at
   * or after now.
   */
  set(set: Record<string, unknown>): void {
    this.assertLive();
    const at = this.nowS;
    // Validate against the parameters in force once every pending control at `now` has run.
    let probe = this.eff;
    for (const ctl of this.timeline.pending()) {
      if (ctl.at > at || ctl.order !== ORDER_ACTION) continue;
      probe = applySet(probe, this.allActions()[ctl.index]!.set);
    }
    applySet(probe, set);
    const action: Action = { at, set: { ...set } };
    this.liveActions.push(action);
    const index = this.base.actions.length + this.liveActions.length - 1;
    this.timeline.insert({ at, order: ORDER_ACTION, index, apply: (t) => this.applyAction(action, t) });
  }

  /**
   * Start a trigger now ("inject now"); validated like a scenario's triggers (throws
   * ScenarioError naming the field and its range) and recorded in the scenario's triggers.
   */
  inject(trigger: TriggerNow): void {
    this.assertLive();
    const current = this.scenario();
    const { scenario } = parseScenario({ ...current, triggers: [...current.triggers, { ...trigger, at: this.nowS }] });
    const full = scenario.triggers[scenario.triggers.length - 1]!;
    this.liveTriggers.push(full);
    this.addTriggerControls(full, this.base.triggers.length + this.liveTriggers.length - 1);
  }

  /** The replayable scenario: the original plus every live action and trigger, in order. */
  scenario(): Scenario {
    return {
      ...this.base,
      triggers: [...this.base.triggers, ...this.liveTriggers],
      actions: this.allActions(),
    };
  }

  /** Typed-array copies of the series for bins [from, binsClosed); NaN where a bin has no sample. */
  seriesArrays(from = 0): SeriesArrays {
    return this.bins.arrays(from, this.binIndex);
  }

  /** The series of the closed bins as JSON arrays (`null` for NaN). */
  series(): RunSeries {
    return this.bins.json(this.binIndex);
  }

  /** Per-bin utilisation of each backend or shard for bins [from, binsClosed), bin-major (`stations` values a bin); null with one server. */
  shardArrays(from = 0): { stations: number; utilisation: Float64Array } | null {
    return this.bins.shardArrays(from, this.binIndex);
  }

  /** Requests whose client is still waiting, counted from the live client-side records. */
  countInFlight(): number {
    let n = 0;
    const st = this.reqState;
    for (let r = 0; r < this.reqTop; r++) if (st[r] !== R_FREE) n++;
    return n;
  }

  /** Live state for the invariants panel and property tests. */
  state(): { queue: number; inService: number; slots: number; arrivals: number; succeeded: number; failed: number; inFlight: number } {
    return {
      queue: this.queueLive,
      inService: this.inService,
      // Across every backend or shard.
      slots: this.slots * this.stations,
      arrivals: this.c[C.arrivals]!,
      succeeded: this.c[C.succeeded]!,
      failed: this.c[C.failed]!,
      inFlight: this.countInFlight(),
    };
  }

  /**
   * The engine's own bookkeeping checked from scratch (for tests; it walks every pool): queue
   * counts match the live queue entries, in-service counts match the calls in service, the
   * free lists hold each record once and only free ones. Returns the problems found.
   */
  selfCheck(): string[] {
    const problems: string[] = [];
    const calls = this.attState;
    let inService = 0;
    let held = 0;
    for (let a = 0; a < this.attTop; a++) {
      if (calls[a] === A_SERVICE) inService++;
      if (calls[a] !== A_FREE) held++;
    }
    if (held !== this.attLive) problems.push(`calls held ${held}, counted ${this.attLive}`);
    if (inService !== this.inService) problems.push(`calls in service ${inService}, counted ${this.inService}`);
    let stIn = 0;
    for (let k = 0; k < this.stations; k++) {
      stIn += this.stIn[k]!;
      const live = this.stQueue[k]!.count((a, gen) => gen === this.attGen[a] && calls[a] === A_QUEUED && this.attStation[a] === k);
      if (live !== this.stQueued[k]) problems.push(`station ${k}: ${live} calls queued, counted ${this.stQueued[k]}`);
    }
    if (stIn !== this.inService) problems.push(`stations' in service ${stIn}, total ${this.inService}`);
    const seen = new Set<number>();
    for (let i = 0; i < this.attFreeTop; i++) {
      const a = this.attFree[i]!;
      if (seen.has(a) || calls[a] !== A_FREE) problems.push(`call ${a} on the free list twice or in use`);
      seen.add(a);
    }
    const seenReq = new Set<number>();
    for (let i = 0; i < this.reqFreeTop; i++) {
      const r = this.reqFree[i]!;
      if (seenReq.has(r) || this.reqState[r] !== R_FREE) problems.push(`request ${r} on the free list twice or in use`);
      seenReq.add(r);
    }
    return problems;
  }

  /** The summary over [warmup, now], with the verdict judged on the bins closed so far. */
  summary(): Summary {
    const endS = this.nowS;
    const spans = this.triggerSpans.filter((s) => s.at < endS);
    const v = judge(this.bins.data.bad, this.binIndex, this.binS, Math.min(endS, this.binIndex * this.binS), spans);
    return buildSummary({
      c: this.c,
      warm: this.warmupPending ? null : this.warmSnap,
      windowS: Math.max(0, endS - this.warmupS),
      latency: this.withOpenBin(this.latency, this.binLatency),
      failLatency: this.withOpenBin(this.failLatency, this.binFail),
      serverLatency: this.withOpenBin(this.serverLatency, this.binServer),
      inFlight: this.countInFlight(),
      verdict: v,
      rescue: v.verdict === 'recovered' ? this.findRescue(spans, v.lastBadEndS) : null,
      hasCache: this.cache !== null || this.c[C.hits]! + this.c[C.misses]! > 0,
      bounded: this.concurrency !== Infinity,
      slo: this.eff.client.slo,
      endS,
      stopped: this.stoppedMsg,
      fanout: this.fanoutN,
      shards: this.stations > 1 ? this.shardSummaries(endS) : null,
      longestWait: this.longestWaitS < 0 ? null : this.longestWaitS,
      firstShed: this.firstShedS,
    });
  }

  private shardSummaries(endS: number): Summary['shards'] {
    const windowS = Math.max(0, endS - this.warmupS);
    const slotsS = this.slots === Infinity ? Infinity : (this.c[C.slotsInt]! - (this.warmupPending ? 0 : this.warmSnap[C.slotsInt]!)) / this.stations;
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

  // ---------------------------------------------------------------- configuration

  private allActions(): Action[] {
    return [...this.base.actions, ...this.liveActions];
  }

  private assertLive(): void {
    if (this.stoppedMsg !== null) throw new Error(`the run has stopped: ${this.stoppedMsg}`);
  }

  private buildControls(): void {
    this.base.triggers.forEach((tr, i) => this.addTriggerControls(tr, i));
    this.base.actions.forEach((action, i) => {
      this.timeline.insert({ at: action.at, order: ORDER_ACTION, index: i, apply: (t) => this.applyAction(action, t) });
    });
  }

  private addTriggerControls(tr: Trigger, index: number): void {
    if (tr.at < this.shedWatchFromS) this.shedWatchFromS = tr.at;
    if (tr.kind === 'cache-flush') {
      this.triggerSpans.push({ at: tr.at, end: tr.at });
      this.timeline.insert({ at: tr.at, order: ORDER_TRIGGER_START, index, apply: () => this.cache?.flush() });
      return;
    }
    if (tr.kind === 'random-outages') {
      // Each of the first `stations` stations goes down once, at a time drawn from its own
      // trigger's stream (seed, trigger index), so the draws never shift other randomness.
      this.triggerSpans.push({ at: tr.at, end: tr.at + tr.window });
      const rng = new Rng(this.base.seed ^ Math.imul(index + 1, 0x27d4eb2f), Stream.failures);
      for (let k = 0; k < tr.stations; k++) {
        const start = tr.at + rng.uniform() * (tr.window - tr.duration);
        this.timeline.insert({ at: start, order: ORDER_TRIGGER_START, index, apply: (t) => this.stationDown(k, +1, t) });
        this.timeline.insert({ at: start + tr.duration, order: ORDER_TRIGGER_END, index, apply: (t) => this.stationDown(k, -1, t) });
      }
      return;
    }
    const end = tr.at + tr.duration;
    this.triggerSpans.push({ at: tr.at, end });
    this.timeline.insert({ at: tr.at, order: ORDER_TRIGGER_START, index, apply: (t) => this.applyTrigger(tr, +1, t) });
    this.timeline.insert({ at: end, order: ORDER_TRIGGER_END, index, apply: (t) => this.applyTrigger(tr, -1, t) });
  }

  /** Take station k down (+1) or bring it back (−1): no service starts there while it is down. */
  private stationDown(k: number, sign: 1 | -1, t: number): void {
    const before = this.stDown[k]!;
    this.stDown[k] = before + sign;
    if (before === 0 && sign > 0) this.stationsDown++;
    if (before + sign === 0 && sign < 0) this.stationsDown--;
    this.updateCapacityRate();
    if (this.stDown[k] === 0) this.tryStart(k, t);
  }

  private applyTrigger(tr: Exclude<Trigger, { kind: 'cache-flush' | 'random-outages' }>, sign: 1 | -1, t: number): void {
    switch (tr.kind) {
      case 'spike':
        this.spikeFactor = sign > 0 ? this.spikeFactor * tr.factor : this.spikeFactor / tr.factor;
        this.retimeArrivals(t);
        break;
      case 'outage':
        if (tr.stations === null) {
          this.outages += sign;
          this.updateCapacityRate();
          if (this.outages === 0) this.tryStartAll(t);
        } else {
          for (let k = 0; k < tr.stations; k++) this.stationDown(k, sign, t);
        }
        break;
      case 'capacity':
        this.speed = sign > 0 ? this.speed * tr.factor : this.speed / tr.factor;
        this.slotsLost += sign * tr.slots;
        this.updateSlots(t);
        break;
    }
  }

  private applyAction(action: Action, t: number): void {
    const next = applySet(this.eff, action.set);
    this.configure(next, t, this.eff);
  }

  /** Put a scenario's parameters in force at time t (`prev` = those in force before, or null at start). */
  private configure(s: Scenario, t: number, prev: Scenario | null): void {
    this.eff = s;
    const cl = s.client;
    this.timeoutS = cl.timeout ?? Infinity;
    this.maxRetries = cl.retry.maxRetries;
    this.baseS = cl.retry.base;
    this.sloS = cl.slo ?? Infinity;
    if (cl.retry.budget === null) this.budget = null;
    else if (this.budget === null) this.budget = new RetryBudget(cl.retry.budget);
    else this.budget.retune(cl.retry.budget);
    if (cl.breaker === null) this.breaker = null;
    else if (this.breaker === null) this.breaker = new CircuitBreaker(cl.breaker);
    else this.breaker.retune(cl.breaker);
    if (cl.throttle === null) this.throttle = null;
    else if (this.throttle === null) this.throttle = new AdaptiveThrottle(cl.throttle);
    else this.throttle.retune(cl.throttle);

    const sv = s.server;
    this.service.configure(sv.service);
    this.meanServiceS = this.service.meanS;
    this.queueLimit = sv.queue.limit ?? Infinity;
    this.discipline = sv.queue.discipline === 'fifo' ? FIFO : sv.queue.discipline === 'lifo' ? LIFO : ADAPTIVE_LIFO;
    this.codelOn = sv.queue.codel !== null;
    this.codelTarget = sv.queue.codel?.target ?? Infinity;
    this.codelInterval = sv.queue.codel?.interval ?? DEFAULT_CONGESTION_INTERVAL_S;
    this.dropExpired = sv.dropExpired;
    this.cancelOnTimeout = sv.cancelOnTimeout;
    this.alpha = sv.contention?.alpha ?? 0;
    this.beta = sv.contention?.beta ?? 0;
    this.concurrency = sv.concurrency ?? Infinity;
    if (sv.autoscale === null) {
      this.scaleGen++;
      this.scalePending = false;
    } else if (prev === null || prev.server.autoscale === null) {
      this.scaleGen++;
      this.scaleBusyMark = this.c[C.busyInt]!;
      this.scaleSlotsMark = this.c[C.slotsInt]!;
      this.events.push(t + sv.autoscale.window, EV_SCALE_CHECK, 0, this.scaleGen);
    }

    // Load: open or closed loop, and the key space.
    const ld = s.load;
    const keysChanged = prev === null || prev.load.keys !== ld.keys || prev.load.zipf !== ld.zipf;
    if (keysChanged) this.keys = s.cache !== null || s.partitions !== null ? new KeySampler(ld.keys, ld.zipf) : null;
    if (ld.clients === null) {
      if (prev === null || prev.load.clients !== null) {
        this.setClients(0, t);
        this.arrivalNext = Infinity;
        this.arrivalWork = this.rngArrivals.exp1();
        this.retimeArrivals(t);
      } else if (prev.load.rate !== ld.rate || JSON.stringify(prev.load.profile) !== JSON.stringify(ld.profile)) {
        this.retimeArrivals(t);
      }
    } else {
      if (prev !== null && prev.load.clients === null) {
        // Leaving open loop: cancel the pending arrival.
        this.arrivalGen++;
        this.arrivalNext = Infinity;
      }
      this.setClients(ld.clients, t);
    }

    // Cache.
    if (s.cache === null) {
      this.cache = null;
    } else {
      if (this.keys === null) this.keys = new KeySampler(ld.keys, ld.zipf);
      const rate = this.cacheRate(s, t);
      if (this.cache === null || keysChanged) {
        this.cache = new LookasideCache(s.cache, this.keys, ld.zipf === null, rate, t, this.rngCache);
      } else {
        this.cache.retune(s.cache, rate);
      }
      this.readThrough = s.cache.fill === 'read-through';
      this.hitLatencyS = s.cache.hitLatency;
    }

    this.updateSlots(t);
  }

  /**
   * The request rate the cache TTL is derived from: the open-loop rate (a profile's rate at the
   * moment the cache is configured), or the closed loop's nominal rate.
   */
  private cacheRate(s: Scenario, t: number): number {
    const ld = s.load;
    if (ld.clients === null) return ld.profile === null ? ld.rate : new RateProfile(ld.profile).rateAt(t);
    return ld.clients / Math.max(1e-9, ld.thinkTime + s.server.service.mean);
  }

  private updateSlots(t: number): void {
    this.integrate(t);
    this.integrateSteady(t);
    this.integrateStations(t);
    const slots = this.concurrency + this.scaledSlots - this.slotsLost;
    this.slots = slots > 0 ? slots : 0;
    let busy = 0;
    for (let k = 0; k < this.stations; k++) busy += Math.min(this.stIn[k]!, this.slots);
    this.busy = busy;
    this.updateCapacityRate();
    this.tryStartAll(t);
  }

  /** What the servers could complete per second now: slots × speed / mean service over the stations up. */
  private updateCapacityRate(): void {
    const up = this.outages > 0 ? 0 : this.stations - this.stationsDown;
    this.capacityRate = this.slots === Infinity ? 0 : (up * this.slots * this.speed) / this.meanServiceS;
  }

  /**
   * Open loop: re-time the pending arrival for the load now in force. Time rescaling: the unit
   * work left before the next arrival (under the rate it was timed with) is spent at the new
   * rate, so each arrival still costs exactly one random draw.
   */
  private retimeArrivals(t: number): void {
    if (this.eff.load.clients !== null) return;
    let work = this.arrivalWork;
    if (this.arrivalNext !== Infinity) {
      work =
        this.arrivalProfile !== null
          ? this.arrivalSpike * this.arrivalProfile.integral(t, this.arrivalNext)
          : (this.arrivalNext - t) * this.arrivalRate;
    }
    const profile = this.eff.load.profile;
    this.arrivalProfile = profile === null ? null : new RateProfile(profile);
    this.arrivalSpike = this.spikeFactor;
    this.arrivalRate = this.eff.load.rate * this.spikeFactor;
    this.arrivalGen++;
    this.scheduleArrival(t, work);
  }

  /** Schedule the next open-loop arrival after `work` units of integrated rate from t. */
  private scheduleArrival(t: number, work: number): void {
    let next: number;
    if (this.arrivalProfile !== null) next = this.arrivalSpike > 0 ? this.arrivalProfile.advance(t, work / this.arrivalSpike) : Infinity;
    else next = this.arrivalRate > 0 ? t + work / this.arrivalRate : Infinity;
    this.arrivalNext = next;
    if (next === Infinity) this.arrivalWork = work;
    else this.events.push(next, EV_ARRIVAL, 0, this.arrivalGen);
  }

  /** Closed loop: make n clients active; new ones start thinking at t. */
  private setClients(n: number, t: number): void {
    if (n > this.clientGen.length) this.clientGen = growI32(this.clientGen, Math.max(n, this.clientGen.length * 2));
    for (let i = this.clientsActive; i < n; i++) {
      this.clientGen[i]!++;
      this.scheduleThink(i, t);
    }
    for (let i = n; i < this.clientsActive; i++) this.clientGen[i]!++;
    this.clientsActive = n;
  }

  private scheduleThink(client: number, t: number): void {
    const think = (this.eff.load.thinkTime * this.rngArrivals.exp1()) / this.spikeFactor;
    this.events.push(t + think, EV_THINK, client, this.clientGen[client]!);
  }

  // ---------------------------------------------------------------- the event loop

  private binEndAt(i: number): number {
    return Math.min((i + 1) * this.binS, this.durationS);
  }

  /** Process every event with time < limit. */
  private runEvents(limit: number): void {
    const q = this.events;
    while (q.size > 0 && q.peekTime() < limit) {
      q.pop();
      const t = q.time;
      if (t >= this.nextCheckpoint) this.closeUpTo(t);
      if (t > this.lastIntegrateT) this.eventsAtInstant = 0;
      else if (++this.eventsAtInstant > MAX_EVENTS_AT_INSTANT) {
        this.stop(t, `simulated time stopped advancing at t = ${t.toFixed(3)} s (over ${MAX_EVENTS_AT_INSTANT} events at one instant); the run stopped there`);
        return;
      }
      this.integrate(t);
      switch (q.kind) {
        case EV_ARRIVAL:
          if (q.gen === this.arrivalGen) this.onArrival(t);
          break;
        case EV_COMPLETE:
          if (q.gen === this.attGen[q.id]) this.onComplete(q.id, t);
          break;
        case EV_TIMEOUT:
          if (q.gen === this.reqTry[q.id]) this.onTimeout(q.id, t);
          break;
        case EV_HEDGE:
          if (q.gen === this.attGen[q.id]) this.onHedge(q.id, t);
          break;
        case EV_RETRY:
          if (q.gen === this.reqGen[q.id] && this.reqState[q.id] === R_BACKOFF) this.sendAttempt(q.id, t);
          break;
        case EV_HIT:
          if (q.gen === this.reqGen[q.id] && this.reqState[q.id] === R_HIT) this.succeed(q.id, t);
          break;
        case EV_THINK:
          if (q.gen === this.clientGen[q.id] && q.id < this.clientsActive) this.newRequest(t, q.id);
          break;
        case EV_SCALE_CHECK:
          if (q.gen === this.scaleGen) this.onScaleCheck(t);
          break;
        case EV_SCALE_ADD:
          if (q.gen === this.scaleGen) this.onScaleAdd(t);
          break;
      }
      if (this.stoppedMsg !== null) {
        this.nowS = t;
        return;
      }
    }
  }

  /** Accumulate the integrals of what events change (queue, in service, busy slots) up to t. */
  private integrate(t: number): void {
    const dt = t - this.lastIntegrateT;
    if (dt <= 0) return;
    const c = this.c;
    c[C.queueInt]! += dt * this.queueLive;
    c[C.serviceInt]! += dt * this.inService;
    c[C.busyInt]! += dt * this.busy;
    this.lastIntegrateT = t;
  }

  /**
   * Accumulate the integrals of what only controls and autoscaling change (slots, capacity) up
   * to t: called before each such change and at every bin end, never per event.
   */
  private integrateSteady(t: number): void {
    const dt = t - this.lastSteadyT;
    if (dt <= 0) return;
    if (this.slots !== Infinity) {
      this.c[C.slotsInt]! += dt * this.slots * this.stations;
      this.c[C.capacityInt]! += dt * this.capacityRate;
    }
    this.lastSteadyT = t;
  }

  /** Per-station busy integrals (kept only with several stations), brought up to t for station k. */
  private integrateStation(k: number, t: number): void {
    const dt = t - this.stLastT[k]!;
    if (dt <= 0) return;
    const n = this.stIn[k]!;
    this.stBusyInt[k]! += dt * (n < this.slots ? n : this.slots);
    this.stLastT[k] = t;
  }

  private integrateStations(t: number): void {
    if (this.stations === 1 || this.slots === Infinity) return;
    for (let k = 0; k < this.stations; k++) this.integrateStation(k, t);
  }

  /** Close every bin that ends at or before t, and take the warm-up snapshot when t passes it. */
  private closeUpTo(t: number): void {
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
    const start = i * this.binS;
    const d = (k: number): number => c[k]! - snap[k]!;
    this.bins.record(i, {
      start,
      len: this.nextBinEnd - start,
      d,
      latency: this.binLatency,
      failed: this.binFail,
      server: this.binServer,
      fanout: this.fanoutN,
      bounded: this.concurrency !== Infinity,
    });
    if (this.stations > 1 && this.slots !== Infinity) {
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
    if (this.callLatency !== null) {
      // Hedging waits for this quantile of the backend latency seen so far (see callLatency).
      this.hedgeDelayS = this.callLatency.quantile(this.hedgePercentile) ?? Infinity;
    }
    this.binLatency.reset();
    this.binFail.reset();
    this.binServer.reset();
    this.binSnap.set(c);
    this.binIndex = i + 1;
    this.binMerges = this.binIndex * this.binS >= this.warmupS;
    this.directSummary = this.inWindow && !this.binMerges;
    this.nextBinEnd = this.binEndAt(this.binIndex);
  }

  // ---------------------------------------------------------------- clients

  private onArrival(t: number): void {
    if (this.arrivalProfile === null) {
      this.arrivalNext = t + this.rngArrivals.exp1() / this.arrivalRate;
      this.events.push(this.arrivalNext, EV_ARRIVAL, 0, this.arrivalGen);
    } else {
      this.scheduleArrival(t, this.rngArrivals.exp1());
    }
    this.newRequest(t, -1);
  }

  private newRequest(t: number, client: number): void {
    if (this.reqLive >= this.maxInFlight) {
      this.stop(t, `requests in flight reached limits.maxInFlight (${this.maxInFlight}) at t = ${t.toFixed(3)} s; the run stopped there`);
      return;
    }
    const r = this.allocRequest();
    this.reqFirst[r] = t;
    this.reqTries[r] = 0;
    this.reqPrevDelay[r] = this.baseS;
    this.reqClient[r] = client;
    this.reqClientGen[r] = client >= 0 ? this.clientGen[client]! : 0;
    this.reqKey[r] = this.keys !== null ? this.keys.draw(this.rngKeys) : 0;
    if (this.partitioned) this.stOffered[shardOfKey(this.reqKey[r], this.stations)]!++;
    this.c[C.arrivals]!++;
    this.sendAttempt(r, t);
  }

  /** A first attempt or a retry leaves the client: a cache lookup, then one call (or `fanout.n`) to the servers. */
  private sendAttempt(r: number, t: number): void {
    const c = this.c;
    if (this.cache !== null) {
      if (this.cache.isFresh(this.reqKey[r]!, t)) {
        c[C.attempts]!++;
        c[C.hits]!++;
        this.reqState[r] = R_HIT;
        this.events.push(t + this.hitLatencyS, EV_HIT, r, this.reqGen[r]!);
        return;
      }
    }
    let probe = 0;
    if (this.breaker !== null) {
      if (!this.breaker.allow(t)) {
        c[C.refused]!++;
        this.noteShed(t);
        this.fail(r, t);
        return;
      }
      probe = this.breaker.isHalfOpen ? 1 : 0;
    }
    if (this.throttle !== null && !this.throttle.allow(t, this.rngThrottle)) {
      c[C.refused]!++;
      this.noteShed(t);
      this.fail(r, t);
      return;
    }
    if (this.attLive + this.fanoutN > this.maxInFlight) {
      this.stop(t, `calls held by the servers reached limits.maxInFlight (${this.maxInFlight}) at t = ${t.toFixed(3)} s; the run stopped there`);
      return;
    }
    c[C.attempts]!++;
    if (this.cache !== null) c[C.misses]!++;
    const tryId = ++this.trySeq;
    this.reqTry[r] = tryId;
    if (this.fanoutN > 1) {
      this.reqAnswers[r] = 0;
      this.reqRefused[r] = 0;
    }
    this.reqCalls[r] = -1;
    if (this.breaker !== null) this.reqProbe[r] = probe;
    this.reqState[r] = R_WAIT;
    if (this.fanoutN === 1) {
      this.sendCall(r, tryId, this.partitioned ? shardOfKey(this.reqKey[r]!, this.stations) : 0, t, 0);
    } else {
      // A refused call can end the attempt (quorum out of reach) and start a retry at once.
      for (let k = 0; k < this.fanoutN && this.reqTry[r] === tryId; k++) this.sendCall(r, tryId, k, t, 0);
    }
    if (this.reqTry[r] === tryId && this.timeoutS !== Infinity) this.events.push(t + this.timeoutS, EV_TIMEOUT, r, tryId);
  }

  /** One call of attempt `tryId` to station k: the server starts it, queues it or turns it away. */
  private sendCall(r: number, tryId: number, k: number, t: number, hedge: number): number {
    const c = this.c;
    const a = this.allocAttempt();
    this.attReq[a] = r;
    this.attTry[a] = tryId;
    this.attStation[a] = k;
    this.attEnq[a] = t;
    if (this.cache !== null) {
      this.attKey[a] = this.reqKey[r]!;
      this.attMiss[a] = 1;
    } else {
      this.attMiss[a] = 0;
    }
    if (this.hedgePercentile > 0) {
      this.attHedge[a] = hedge;
      this.attPeer[a] = -1;
    }
    this.attNext[a] = this.reqCalls[r]!;
    this.reqCalls[r] = a;
    c[C.calls]!++;
    if (this.stations > 1 && !this.partitioned) this.stOffered[k]!++;
    if (this.stQueued[k] === 0 && this.stIn[k]! < this.slots && this.outages === 0 && this.stDown[k] === 0) {
      this.startService(a, t);
    } else if (this.stQueued[k]! >= this.queueLimit) {
      c[C.rejected]!++;
      this.noteShed(t);
      this.callRefused(a, t);
      return a;
    } else {
      if (this.stQueued[k] === 0) this.stLastEmpty[k] = t;
      this.attState[a] = A_QUEUED;
      this.stQueue[k]!.pushBack(a, this.attGen[a]!);
      this.stQueued[k]!++;
      this.queueLive++;
    }
    if (this.hedgePercentile > 0 && hedge === 0 && this.hedgeDelayS !== Infinity) {
      this.events.push(t + this.hedgeDelayS, EV_HEDGE, a, this.attGen[a]!);
    }
    return a;
  }

  /** Whether the client still waits on this call's attempt. */
  private callLive(a: number): boolean {
    const r = this.attReq[a]!;
    return this.attTry[a] === this.reqTry[r] && this.reqState[r] === R_WAIT;
  }

  /** A call was turned away (queue full) or shed (CoDel): the attempt fails once its quorum is out of reach. */
  private callRefused(a: number, t: number): void {
    if (!this.callLive(a)) {
      this.freeAttempt(a);
      return;
    }
    this.attState[a] = A_GONE;
    this.attGen[a]!++;
    if (this.hedgePercentile > 0 && this.attHedge[a] === 1) return;
    const r = this.attReq[a]!;
    if (this.fanoutN === 1 || this.fanoutN - ++this.reqRefused[r]! < this.quorum) {
      const probe = this.reqProbe[r]!;
      this.endTry(r, t, false);
      this.attemptFailed(r, t, probe);
    }
  }

  /**
   * The attempt in progress ends (answered, failed or timed out): free its finished calls and
   * leave those still at a server as orphans, or cancel them (`cancelOnTimeout`). Slots freed by
   * cancelling are refilled only after the walk, so no call of this list is freed under it.
   */
  private endTry(r: number, t: number, cancel: boolean): void {
    let a = this.reqCalls[r]!;
    this.reqCalls[r] = -1;
    this.reqTry[r] = 0;
    let restart = -1;
    let restartMany = false;
    while (a >= 0) {
      const next = this.attNext[a]!;
      const state = this.attState[a];
      if (state === A_DONE || state === A_GONE) this.freeAttempt(a);
      else if (cancel) {
        if (state === A_SERVICE) {
          const k = this.attStation[a]!;
          if (restart < 0) restart = k;
          else if (restart !== k) restartMany = true;
        }
        this.cancelCall(a, t, false);
        this.freeAttempt(a);
      }
      a = next;
    }
    if (restartMany) this.tryStartAll(t);
    else if (restart >= 0) this.tryStart(restart, t);
  }

  /**
   * Take a queued or running call off its server; it becomes GONE. A running call's slot is
   * refilled at once when `restart`, else by the caller.
   */
  private cancelCall(a: number, t: number, restart: boolean): void {
    const k = this.attStation[a]!;
    const state = this.attState[a];
    if (state === A_QUEUED) {
      this.stQueued[k]!--;
      this.queueLive--;
      if (this.stQueued[k] === 0) this.stLastEmpty[k] = t;
      const q = this.stQueue[k]!;
      if (q.length > 64 && q.length > 4 * this.stQueued[k]!) this.compactQueue(k);
    } else if (state === A_SERVICE) {
      this.leaveService(k, t);
    } else {
      return;
    }
    this.c[C.cancelled]!++;
    if (this.callLatency !== null && this.attHedge[a] === 0) {
      // A primary cancelled because its hedge answered first: its latency is at least this long.
      // Counting it keeps the hedge delay the quantile of what the backend would take unhedged;
      // leaving it out would bias the quantile low and hedge ever more calls.
      this.callLatency.add(t - this.attEnq[a]!);
    }
    this.attState[a] = A_GONE;
    this.attGen[a]!++;
    if (restart && state === A_SERVICE) this.tryStart(k, t);
  }

  private onTimeout(r: number, t: number): void {
    if (this.reqState[r] !== R_WAIT) return;
    const c = this.c;
    c[C.timedOut]!++;
    c[C.timeoutsFired]!++;
    const probe = this.reqProbe[r]!;
    this.endTry(r, t, this.cancelOnTimeout);
    this.attemptFailed(r, t, probe);
  }

  /** A call still unanswered after the hedge delay: send a copy to the same backend; the first answer wins. */
  private onHedge(a: number, t: number): void {
    const state = this.attState[a];
    if ((state !== A_QUEUED && state !== A_SERVICE) || this.attPeer[a]! >= 0 || !this.callLive(a)) return;
    if (this.attLive >= this.maxInFlight) return;
    const r = this.attReq[a]!;
    this.c[C.hedges]!++;
    const copy = this.sendCall(r, this.attTry[a]!, this.attStation[a]!, t, 1);
    if (this.attState[copy] === A_QUEUED || this.attState[copy] === A_SERVICE) {
      this.attPeer[a] = copy;
      this.attPeer[copy] = a;
    }
  }

  /** An attempt timed out or was turned away: retry if the policy and the budget allow, else fail. */
  private attemptFailed(r: number, t: number, probe: number): void {
    if (this.budget !== null) this.budget.onFailure();
    if (this.breaker !== null) this.breaker.onOutcome(t, false, probe === 1);
    if (this.reqTries[r]! >= this.maxRetries) {
      this.fail(r, t);
      return;
    }
    if (this.budget !== null && !this.budget.allowRetry()) {
      this.c[C.refused]!++;
      this.noteShed(t);
      this.fail(r, t);
      return;
    }
    const k = ++this.reqTries[r]!;
    const delay = backoffDelay(this.eff.client.retry, k, this.reqPrevDelay[r]!, this.rngJitter);
    this.reqPrevDelay[r] = delay;
    if (delay > 0) {
      this.reqState[r] = R_BACKOFF;
      this.events.push(t + delay, EV_RETRY, r, this.reqGen[r]!);
    } else {
      this.sendAttempt(r, t);
    }
  }

  /** A request or call refused or shed on purpose (budget, breaker, throttle, queue limit, CoDel). */
  private noteShed(t: number): void {
    if (this.firstShedS === null && t >= this.shedWatchFromS) this.firstShedS = t;
  }

  private succeed(r: number, t: number): void {
    const c = this.c;
    c[C.succeeded]!++;
    if (this.partitioned) this.stGood[shardOfKey(this.reqKey[r]!, this.stations)]!++;
    const lat = t - this.reqFirst[r]!;
    const b = bucketOf(lat);
    this.binLatency.addToBucket(b, lat);
    if (this.directSummary) this.latency.addToBucket(b, lat);
    if (this.inWindow && lat > this.sloS) c[C.sloMisses]!++;
    this.endRequest(r, t);
  }

  private fail(r: number, t: number): void {
    const c = this.c;
    c[C.failed]!++;
    const lat = t - this.reqFirst[r]!;
    const b = bucketOf(lat);
    this.binFail.addToBucket(b, lat);
    if (this.directSummary) this.failLatency.addToBucket(b, lat);
    if (this.inWindow && this.sloS !== Infinity) c[C.sloMisses]!++;
    this.endRequest(r, t);
  }

  private endRequest(r: number, t: number): void {
    const client = this.reqClient[r]!;
    const gen = this.reqClientGen[r]!;
    this.freeRequest(r);
    if (client >= 0 && client < this.clientsActive && gen === this.clientGen[client]) this.scheduleThink(client, t);
  }

  // ---------------------------------------------------------------- server

  private startService(a: number, t: number): void {
    this.attState[a] = A_SERVICE;
    const k = this.attStation[a]!;
    if (this.stations > 1) this.integrateStation(k, t);
    const n = ++this.stIn[k]!;
    this.inService++;
    if (n <= this.slots) this.busy++;
    let s = this.service.sample();
    if (this.alpha !== 0 || this.beta !== 0) s *= 1 + this.alpha * (n - 1) + this.beta * n * (n - 1);
    if (this.speed !== 1) s /= this.speed;
    if (this.inWindow) {
      const wait = t - this.attEnq[a]!;
      this.c[C.waitSum]! += wait;
      this.c[C.waitCount]!++;
      if (wait > this.longestWaitS) this.longestWaitS = wait;
    }
    this.events.push(t + s, EV_COMPLETE, a, this.attGen[a]!);
  }

  private leaveService(k: number, t: number): void {
    if (this.stations > 1) this.integrateStation(k, t);
    const n = this.stIn[k]!--;
    this.inService--;
    if (n <= this.slots) this.busy--;
  }

  private onComplete(a: number, t: number): void {
    const c = this.c;
    const k = this.attStation[a]!;
    this.leaveService(k, t);
    c[C.completed]!++;
    const inServer = t - this.attEnq[a]!;
    const b = bucketOf(inServer);
    this.binServer.addToBucket(b, inServer);
    if (this.directSummary) this.serverLatency.addToBucket(b, inServer);
    if (this.callLatency !== null && this.attHedge[a] === 0) this.callLatency.addToBucket(b, inServer);
    const live = this.callLive(a);
    if (this.cache !== null && this.attMiss[a] === 1 && (live || this.readThrough)) this.cache.fill(this.attKey[a]!, t);
    if (live && this.fanoutN === 1 && this.hedgePercentile === 0) {
      // One call per attempt: its answer ends the attempt, and the call is the try's only one
      // (the request is freed at once, which ends its try).
      const r = this.attReq[a]!;
      this.freeAttempt(a);
      this.answered(r, t);
    } else if (live) {
      this.attState[a] = A_DONE;
      if (this.hedgePercentile > 0) {
        // The loser shares this call's backend, whose slots are refilled below.
        const peer = this.attPeer[a]!;
        if (peer >= 0) this.cancelCall(peer, t, false);
      }
      const r = this.attReq[a]!;
      if (this.stations > 1 && !this.partitioned) this.stGood[k]!++;
      if (this.fanoutN === 1 || ++this.reqAnswers[r]! >= this.quorum) {
        this.endTry(r, t, false);
        this.answered(r, t);
      }
    } else {
      c[C.wasted]!++;
      this.freeAttempt(a);
    }
    if (this.stQueued[k]! > 0) this.tryStart(k, t);
  }

  /** The server answered an attempt in time: the client's controls learn of it, and the request succeeds. */
  private answered(r: number, t: number): void {
    if (this.budget !== null) this.budget.onSuccess();
    if (this.breaker !== null) this.breaker.onOutcome(t, true, this.reqProbe[r] === 1);
    if (this.throttle !== null) this.throttle.onAccept(t);
    this.succeed(r, t);
  }

  private tryStartAll(t: number): void {
    for (let k = 0; k < this.stations; k++) this.tryStart(k, t);
  }

  /** Start station k's queued calls while slots are free, by the queue discipline, shedding as configured. */
  private tryStart(k: number, t: number): void {
    const q = this.stQueue[k]!;
    const stQueued = this.stQueued;
    while (stQueued[k]! > 0 && this.stIn[k]! < this.slots && this.outages === 0 && this.stDown[k] === 0) {
      const congested = t - this.stLastEmpty[k]! > this.codelInterval;
      if (this.discipline === LIFO || (this.discipline === ADAPTIVE_LIFO && congested)) q.popBack();
      else q.popFront();
      const a = q.id;
      if (q.gen !== this.attGen[a] || this.attState[a] !== A_QUEUED) continue;
      stQueued[k]!--;
      this.queueLive--;
      if (stQueued[k] === 0) this.stLastEmpty[k] = t;
      if (this.dropExpired && !this.callLive(a)) {
        this.c[C.expired]!++;
        this.freeAttempt(a);
        continue;
      }
      if (this.codelOn && congested && t - this.attEnq[a]! > this.codelTarget) {
        this.c[C.rejected]!++;
        this.noteShed(t);
        this.callRefused(a, t);
        continue;
      }
      this.startService(a, t);
    }
    if (stQueued[k] === 0 && q.length > 0) q.clear();
  }

  private compactQueue(k: number): void {
    this.stQueue[k]!.compact((a, gen) => gen === this.attGen[a] && this.attState[a] === A_QUEUED);
  }

  private onScaleCheck(t: number): void {
    const spec = this.eff.server.autoscale;
    if (spec === null) return;
    this.integrateSteady(t);
    const busy = this.c[C.busyInt]! - this.scaleBusyMark;
    const slots = this.c[C.slotsInt]! - this.scaleSlotsMark;
    this.scaleBusyMark = this.c[C.busyInt]!;
    this.scaleSlotsMark = this.c[C.slotsInt]!;
    if (!this.scalePending && slots > 0 && busy / slots > spec.threshold && this.concurrency + this.scaledSlots < spec.max) {
      this.scalePending = true;
      this.events.push(t + spec.delay, EV_SCALE_ADD, 0, this.scaleGen);
    }
    this.events.push(t + spec.window, EV_SCALE_CHECK, 0, this.scaleGen);
  }

  private onScaleAdd(t: number): void {
    const spec = this.eff.server.autoscale;
    this.scalePending = false;
    if (spec === null) return;
    const room = spec.max - (this.concurrency + this.scaledSlots);
    if (room > 0) {
      this.scaledSlots += Math.min(spec.step, room);
      this.updateSlots(t);
    }
  }

  private stop(t: number, msg: string): void {
    this.stoppedMsg = msg;
    this.nowS = t;
  }

  // ---------------------------------------------------------------- pools

  private allocRequest(): number {
    this.reqLive++;
    if (this.reqFreeTop > 0) {
      const r = this.reqFree[--this.reqFreeTop]!;
      this.reqState[r] = R_WAIT;
      return r;
    }
    if (this.reqTop === this.reqCap) {
      const n = this.reqCap * 2;
      this.reqFirst = growF64(this.reqFirst, n);
      this.reqPrevDelay = growF64(this.reqPrevDelay, n);
      this.reqTries = growI32(this.reqTries, n);
      this.reqGen = growI32(this.reqGen, n);
      this.reqKey = growI32(this.reqKey, n);
      this.reqClient = growI32(this.reqClient, n);
      this.reqClientGen = growI32(this.reqClientGen, n);
      this.reqState = growU8(this.reqState, n);
      this.reqTry = growI32(this.reqTry, n);
      this.reqAnswers = growI32(this.reqAnswers, n);
      this.reqRefused = growI32(this.reqRefused, n);
      this.reqCalls = growI32(this.reqCalls, n);
      this.reqProbe = growU8(this.reqProbe, n);
      this.reqFree = growI32(this.reqFree, n);
      this.reqCap = n;
    }
    const r = this.reqTop++;
    this.reqState[r] = R_WAIT;
    return r;
  }

  private freeRequest(r: number): void {
    this.reqLive--;
    this.reqState[r] = R_FREE;
    this.reqGen[r]!++;
    this.reqTry[r] = 0;
    this.reqFree[this.reqFreeTop++] = r;
  }

  private allocAttempt(): number {
    this.attLive++;
    if (this.attFreeTop > 0) return this.attFree[--this.attFreeTop]!;
    if (this.attTop === this.attCap) {
      const n = this.attCap * 2;
      this.attReq = growI32(this.attReq, n);
      this.attTry = growI32(this.attTry, n);
      this.attStation = growI32(this.attStation, n);
      this.attNext = growI32(this.attNext, n);
      this.attPeer = growI32(this.attPeer, n);
      this.attKey = growI32(this.attKey, n);
      this.attEnq = growF64(this.attEnq, n);
      this.attGen = growI32(this.attGen, n);
      this.attState = growU8(this.attState, n);
      this.attMiss = growU8(this.attMiss, n);
      this.attHedge = growU8(this.attHedge, n);
      this.attFree = growI32(this.attFree, n);
      this.attCap = n;
    }
    return this.attTop++;
  }

  private freeAttempt(a: number): void {
    this.attLive--;
    this.attState[a] = A_FREE;
    this.attGen[a]!++;
    this.attFree[this.attFreeTop++] = a;
  }

  private findRescue(spans: readonly { at: number }[], lastBadEndS: number | null): Summary['rescue'] {
    if (lastBadEndS === null || spans.length === 0) return null;
    const firstAt = Math.min(...spans.map((s) => s.at));
    let best: Action | null = null;
    for (const action of this.allActions()) {
      if (action.at >= firstAt && action.at <= lastBadEndS && (best === null || action.at >= best.at)) best = action;
    }
    return best === null ? null : { at: best.at, set: best.set };
  }
}
