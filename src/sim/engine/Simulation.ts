import type { Action, Scenario, Trigger } from '../scenario/types';
import { AttemptQueue } from './attemptQueue';
import { AdaptiveThrottle, CircuitBreaker, RetryBudget } from './clientControls';
import { C, COUNTER_COUNT } from './counters';
import { EventQueue } from './eventQueue';
import { bucketOf, LogHistogram } from './histogram';
import { KeySampler } from './keySampler';
import { LookasideCache } from './lookasideCache';
import { RateProfile } from './rateProfile';
import type { Series, SeriesArrays, Summary } from './result';
import { SERIES_NAMES } from './result';
import { Rng, Stream } from './rng';
import { applySet, parseScenario } from '../scenario/index';
import { badWindowBins, firstJudgedBin, isBadBin, judge, judgeFromS, MAX_WINDOW_S } from './verdict';
import { buildSummary } from './summary';
import { ServiceSampler } from './serviceSampler';

// Event kinds (4 bits).
const EV_ARRIVAL = 0;
const EV_COMPLETE = 1;
const EV_TIMEOUT = 2;
const EV_RETRY = 3;
const EV_HIT = 4;
const EV_SCALE_CHECK = 5;
const EV_SCALE_ADD = 6;
const EV_THINK = 7;

// Request states.
const R_FREE = 0;
const R_WAIT = 1;
const R_BACKOFF = 2;
const R_HIT = 3;

// Attempt states.
const A_FREE = 0;
const A_QUEUED = 1;
const A_SERVICE = 2;

const FIFO = 0;
const LIFO = 1;
const ADAPTIVE_LIFO = 2;
/** A guard against a model that loops without time advancing: it stops the run instead of hanging. */
const MAX_EVENTS_AT_INSTANT = 10_000_000;
/** Congestion interval for adaptive LIFO when CoDel is off (Fail at Scale's default). */
const DEFAULT_CONGESTION_INTERVAL_S = 0.1;

const BACKOFF_NONE = 0;
const BACKOFF_CONSTANT = 1;
const BACKOFF_EXPONENTIAL = 2;
const JITTER_NONE = 0;
const JITTER_FULL = 1;
const JITTER_EQUAL = 2;
const JITTER_DECORRELATED = 3;

/** A trigger without its start time: what "inject now" takes. */
export type TriggerNow = Trigger extends infer T ? (T extends Trigger ? Omit<T, 'at'> : never) : never;

/** A scheduled change: trigger ends before trigger starts before actions at the same instant. */
interface Control {
  at: number;
  order: number;
  index: number;
  apply: (t: number) => void;
}
const ORDER_TRIGGER_END = 0;
const ORDER_TRIGGER_START = 1;
const ORDER_ACTION = 2;

function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
function growU8(a: Uint8Array, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}

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
  private stoppedMsg: string | null = null;
  private eventsAtInstant = 0;

  // Counters, snapshots and histograms.
  private readonly c = new Float64Array(COUNTER_COUNT);
  private readonly binSnap = new Float64Array(COUNTER_COUNT);
  private readonly warmSnap = new Float64Array(COUNTER_COUNT);
  private readonly latency = new LogHistogram();
  private readonly serverLatency = new LogHistogram();
  private readonly binLatency = new LogHistogram();
  private readonly binServer = new LogHistogram();
  private inWindow: boolean;
  /**
   * Summary histograms take a bin's samples when it closes if the bin starts at or after the
   * warm-up (one bucket computation per sample); only the bin that straddles the warm-up adds
   * its in-window samples to them directly.
   */
  private binMerges: boolean;
  private directSummary = false;

  // Series and verdict inputs.
  private readonly seriesData: SeriesArrays;
  private readonly binOffered: Float64Array;
  private readonly binGood: Float64Array;
  private readonly badWindow: number;
  private readonly judgeFrom: number;
  private readonly firstJudged: number;
  private readonly maxBadWindow: number;

  // Controls (triggers and actions) in time order.
  private controls: Control[] = [];
  private nextControl = 0;
  private triggerSpans: { at: number; end: number }[] = [];

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
  private backoff = BACKOFF_NONE;
  private jitter = JITTER_NONE;
  private baseS = 0;
  private capS = 0;
  private sloS = Infinity;
  private budget: RetryBudget | null = null;
  private breaker: CircuitBreaker | null = null;
  private throttle: AdaptiveThrottle | null = null;

  // Server parameters and state.
  private concurrency = Infinity;
  private scaledSlots = 0;
  private slotsLost = 0;
  private slots = Infinity;
  private outages = 0;
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
  private inService = 0;
  private queueLive = 0;
  private lastEmpty = 0;
  private readonly queue = new AttemptQueue();
  private scalePending = false;
  private scaleGen = 0;
  private scaleBusyMark = 0;
  private scaleSlotsMark = 0;

  // Cache.
  private cache: LookasideCache | null = null;
  private readThrough = false;
  private hitLatencyS = 0;

  // Request pool (client-side records).
  private reqCap = 1024;
  private reqFirst = new Float64Array(1024);
  private reqPrevDelay = new Float64Array(1024);
  private reqTries = new Int32Array(1024);
  private reqAtt = new Int32Array(1024);
  private reqGen = new Int32Array(1024);
  private reqKey = new Int32Array(1024);
  private reqClient = new Int32Array(1024);
  private reqClientGen = new Int32Array(1024);
  private reqState = new Uint8Array(1024);
  private reqFree = new Int32Array(1024);
  private reqFreeTop = 0;
  private reqTop = 0;
  private reqLive = 0;

  // Attempt pool (what the server holds).
  private attCap = 1024;
  private attReq = new Int32Array(1024);
  private attReqGen = new Int32Array(1024);
  private attKey = new Int32Array(1024);
  private attEnq = new Float64Array(1024);
  private attGen = new Int32Array(1024);
  private attState = new Uint8Array(1024);
  /** 1 when the client has given up on this attempt (timed out). */
  private attOrphan = new Uint8Array(1024);
  /** 1 when this attempt went to the server on a cache miss (so its answer may fill the cache). */
  private attMiss = new Uint8Array(1024);
  /** 1 when this attempt is a half-open breaker probe. */
  private attProbe = new Uint8Array(1024);
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

    const data = {} as SeriesArrays;
    for (const name of SERIES_NAMES) data[name] = new Float64Array(this.nBins).fill(NaN);
    this.seriesData = data;
    this.binOffered = new Float64Array(this.nBins);
    this.binGood = new Float64Array(this.nBins);
    this.badWindow = badWindowBins(this.binS);
    this.judgeFrom = judgeFromS(scenario.warmup, scenario.client.timeout, scenario.server.service.mean);
    this.firstJudged = firstJudgedBin(this.binS, this.judgeFrom, this.badWindow);
    this.maxBadWindow = Math.max(this.badWindow, Math.floor(MAX_WINDOW_S / this.binS + 1e-9));

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
      const ctl = this.controls[this.nextControl];
      if (ctl !== undefined && ctl.at < T) {
        this.runEvents(ctl.at);
        if (this.stoppedMsg !== null) return;
        this.closeUpTo(ctl.at);
        this.integrate(ctl.at);
        this.nowS = Math.max(this.nowS, ctl.at);
        this.nextControl++;
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
    for (let i = this.nextControl; i < this.controls.length; i++) {
      const ctl = this.controls[i]!;
      if (ctl.at > at || ctl.order !== ORDER_ACTION) continue;
      probe = applySet(probe, this.allActions()[ctl.index]!.set);
    }
    applySet(probe, set);
    const action: Action = { at, set: { ...set } };
    this.liveActions.push(action);
    const index = this.base.actions.length + this.liveActions.length - 1;
    this.insertControl({ at, order: ORDER_ACTION, index, apply: (t) => this.applyAction(action, t) });
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
    const out = {} as SeriesArrays;
    for (const name of SERIES_NAMES) out[name] = this.seriesData[name].slice(from, this.binIndex);
    return out;
  }

  /** The series of the closed bins as JSON arrays (`null` for NaN). */
  series(): Series {
    const out = {} as Series;
    for (const name of SERIES_NAMES) {
      const src = this.seriesData[name];
      const arr: (number | null)[] = new Array<number | null>(this.binIndex);
      for (let i = 0; i < this.binIndex; i++) {
        const v = src[i]!;
        arr[i] = v === v ? v : null;
      }
      out[name] = arr;
    }
    return out;
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
      slots: this.slots,
      arrivals: this.c[C.arrivals]!,
      succeeded: this.c[C.succeeded]!,
      failed: this.c[C.failed]!,
      inFlight: this.countInFlight(),
    };
  }

  /** The summary over [warmup, now], with the verdict judged on the bins closed so far. */
  summary(): Summary {
    const endS = this.nowS;
    const spans = this.triggerSpans.filter((s) => s.at < endS);
    const v = judge(this.seriesData.bad, this.binIndex, this.binS, Math.min(endS, this.binIndex * this.binS), spans);
    return buildSummary({
      c: this.c,
      warm: this.warmupPending ? null : this.warmSnap,
      windowS: Math.max(0, endS - this.warmupS),
      latency: this.withOpenBin(this.latency, this.binLatency),
      serverLatency: this.withOpenBin(this.serverLatency, this.binServer),
      inFlight: this.countInFlight(),
      verdict: v,
      rescue: v.verdict === 'recovered' ? this.findRescue(spans, v.lastBadEndS) : null,
      hasCache: this.cache !== null || this.c[C.hits]! + this.c[C.misses]! > 0,
      bounded: this.concurrency !== Infinity,
      slo: this.eff.client.slo,
      endS,
      stopped: this.stoppedMsg,
    });
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
      this.insertControl({ at: action.at, order: ORDER_ACTION, index: i, apply: (t) => this.applyAction(action, t) });
    });
  }

  private addTriggerControls(tr: Trigger, index: number): void {
    if (tr.kind === 'cache-flush') {
      this.triggerSpans.push({ at: tr.at, end: tr.at });
      this.insertControl({ at: tr.at, order: ORDER_TRIGGER_START, index, apply: () => this.cache?.flush() });
      return;
    }
    const end = tr.at + tr.duration;
    this.triggerSpans.push({ at: tr.at, end });
    this.insertControl({ at: tr.at, order: ORDER_TRIGGER_START, index, apply: (t) => this.applyTrigger(tr, +1, t) });
    this.insertControl({ at: end, order: ORDER_TRIGGER_END, index, apply: (t) => this.applyTrigger(tr, -1, t) });
  }

  /** Insert in (at, order, index) order among the controls not yet applied. */
  private insertControl(ctl: Control): void {
    const list = this.controls;
    let i = list.length;
    while (i > this.nextControl) {
      const prev = list[i - 1]!;
      if (prev.at < ctl.at || (prev.at === ctl.at && (prev.order < ctl.order || (prev.order === ctl.order && prev.index < ctl.index)))) break;
      i--;
    }
    list.splice(i, 0, ctl);
  }

  private applyTrigger(tr: Exclude<Trigger, { kind: 'cache-flush' }>, sign: 1 | -1, t: number): void {
    switch (tr.kind) {
      case 'spike':
        this.spikeFactor = sign > 0 ? this.spikeFactor * tr.factor : this.spikeFactor / tr.factor;
        this.retimeArrivals(t);
        break;
      case 'outage':
        this.outages += sign;
        this.updateCapacityRate();
        if (this.outages === 0) this.tryStart(t);
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
    this.backoff = cl.retry.backoff === 'none' ? BACKOFF_NONE : cl.retry.backoff === 'constant' ? BACKOFF_CONSTANT : BACKOFF_EXPONENTIAL;
    this.jitter =
      cl.retry.jitter === 'none' ? JITTER_NONE : cl.retry.jitter === 'full' ? JITTER_FULL : cl.retry.jitter === 'equal' ? JITTER_EQUAL : JITTER_DECORRELATED;
    this.baseS = cl.retry.base;
    this.capS = cl.retry.cap;
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
    if (keysChanged) this.keys = s.cache !== null ? new KeySampler(ld.keys, ld.zipf) : null;
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
    const slots = this.concurrency + this.scaledSlots - this.slotsLost;
    this.slots = slots > 0 ? slots : 0;
    this.updateCapacityRate();
    this.tryStart(t);
  }

  /** What the server could complete per second now: slots × speed / mean service (0 in an outage). */
  private updateCapacityRate(): void {
    this.capacityRate = this.slots === Infinity || this.outages > 0 ? 0 : (this.slots * this.speed) / this.meanServiceS;
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
          if (q.gen === this.attGen[q.id]) this.onTimeout(q.id, t);
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

  /** Accumulate the time integrals up to t. */
  private integrate(t: number): void {
    const dt = t - this.lastIntegrateT;
    if (dt <= 0) return;
    const c = this.c;
    const inService = this.inService;
    const slots = this.slots;
    c[C.queueInt]! += dt * this.queueLive;
    c[C.serviceInt]! += dt * inService;
    if (slots !== Infinity) {
      c[C.busyInt]! += dt * (inService < slots ? inService : slots);
      c[C.slotsInt]! += dt * slots;
      c[C.capacityInt]! += dt * this.capacityRate;
    }
    this.lastIntegrateT = t;
  }

  /** Close every bin that ends at or before t, and take the warm-up snapshot when t passes it. */
  private closeUpTo(t: number): void {
    for (;;) {
      const warm = this.warmupPending ? this.warmupS : Infinity;
      const binEnd = this.binIndex < this.nBins ? this.nextBinEnd : Infinity;
      const next = warm <= binEnd ? warm : binEnd;
      if (next > t) break;
      this.integrate(next);
      if (warm <= binEnd) {
        this.warmSnap.set(this.c);
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
    const s = this.binSnap;
    const start = i * this.binS;
    const len = this.nextBinEnd - start;
    const d = (k: number): number => c[k]! - s[k]!;
    const S = this.seriesData;
    const arrivals = d(C.arrivals);
    const attempts = d(C.attempts);
    const succeeded = d(C.succeeded);
    S.t[i] = start;
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
    const bl = this.binLatency;
    S.p50[i] = bl.quantile(0.5) ?? NaN;
    S.p99[i] = bl.quantile(0.99) ?? NaN;
    S.p999[i] = bl.quantile(0.999) ?? NaN;
    S.serverP99[i] = this.binServer.quantile(0.99) ?? NaN;
    const lookups = d(C.hits) + d(C.misses);
    S.hitRate[i] = lookups > 0 ? d(C.hits) / lookups : NaN;
    S.amplification[i] = arrivals > 0 ? attempts / arrivals : NaN;
    const slotsInt = d(C.slotsInt);
    S.utilisation[i] = this.concurrency !== Infinity && slotsInt > 0 ? d(C.busyInt) / slotsInt : NaN;
    S.capacity[i] = this.concurrency !== Infinity ? d(C.capacityInt) / len : NaN;
    this.binOffered[i] = arrivals;
    this.binGood[i] = succeeded;
    const bad = i >= this.firstJudged ? isBadBin(this.binOffered, this.binGood, i, this.badWindow, this.maxBadWindow, this.firstJudged - this.badWindow + 1) : null;
    S.bad[i] = bad === null ? NaN : bad ? 1 : 0;
    if (this.binMerges) {
      this.latency.mergeFrom(bl);
      this.serverLatency.mergeFrom(this.binServer);
    }
    bl.reset();
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
    this.reqKey[r] = this.cache !== null && this.keys !== null ? this.keys.draw(this.rngKeys) : 0;
    this.c[C.arrivals]!++;
    this.sendAttempt(r, t);
  }

  /** A first attempt or a retry leaves the client. */
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
        this.fail(r, t);
        return;
      }
      probe = this.breaker.isHalfOpen ? 1 : 0;
    }
    if (this.throttle !== null && !this.throttle.allow(t, this.rngThrottle)) {
      c[C.refused]!++;
      this.fail(r, t);
      return;
    }
    if (this.attLive >= this.maxInFlight) {
      this.stop(t, `attempts held by the server reached limits.maxInFlight (${this.maxInFlight}) at t = ${t.toFixed(3)} s; the run stopped there`);
      return;
    }
    c[C.attempts]!++;
    if (this.cache !== null) c[C.misses]!++;
    const a = this.allocAttempt();
    this.attReq[a] = r;
    this.attReqGen[a] = this.reqGen[r]!;
    this.attKey[a] = this.reqKey[r]!;
    this.attEnq[a] = t;
    this.attOrphan[a] = 0;
    this.attMiss[a] = this.cache !== null ? 1 : 0;
    this.attProbe[a] = probe;
    this.reqAtt[r] = a;
    this.reqState[r] = R_WAIT;
    // The server takes it, queues it, or turns it away.
    if (this.queueLive === 0 && this.inService < this.slots && this.outages === 0) {
      this.startService(a, t);
    } else if (this.queueLive >= this.queueLimit) {
      c[C.rejected]!++;
      this.freeAttempt(a);
      this.attemptFailed(r, t, probe);
      return;
    } else {
      if (this.queueLive === 0) this.lastEmpty = t;
      this.attState[a] = A_QUEUED;
      this.queue.pushBack(a, this.attGen[a]!);
      this.queueLive++;
    }
    if (this.timeoutS !== Infinity) this.events.push(t + this.timeoutS, EV_TIMEOUT, a, this.attGen[a]!);
  }

  private onTimeout(a: number, t: number): void {
    const r = this.attReq[a]!;
    if (this.attReqGen[a] !== this.reqGen[r] || this.reqAtt[r] !== a || this.reqState[r] !== R_WAIT) return;
    const c = this.c;
    c[C.timedOut]!++;
    c[C.timeoutsFired]!++;
    this.attOrphan[a] = 1;
    this.reqAtt[r] = -1;
    const probe = this.attProbe[a]!;
    if (this.cancelOnTimeout) {
      if (this.attState[a] === A_QUEUED) {
        this.queueLive--;
        if (this.queueLive === 0) this.lastEmpty = t;
        c[C.cancelled]!++;
        this.freeAttempt(a);
        if (this.queue.length > 64 && this.queue.length > 4 * this.queueLive) this.compactQueue();
      } else if (this.attState[a] === A_SERVICE) {
        this.inService--;
        c[C.cancelled]!++;
        this.freeAttempt(a);
        this.tryStart(t);
      }
    }
    this.attemptFailed(r, t, probe);
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
      this.fail(r, t);
      return;
    }
    const k = ++this.reqTries[r]!;
    const delay = this.backoffDelay(r, k);
    if (delay > 0) {
      this.reqState[r] = R_BACKOFF;
      this.events.push(t + delay, EV_RETRY, r, this.reqGen[r]!);
    } else {
      this.sendAttempt(r, t);
    }
  }

  /** Delay before retry k (1, 2, …), per AWS "Exponential Backoff and Jitter". */
  private backoffDelay(r: number, k: number): number {
    if (this.backoff === BACKOFF_NONE) return 0;
    if (this.jitter === JITTER_DECORRELATED) {
      const prev = this.reqPrevDelay[r]!;
      const hi = 3 * prev;
      const d = Math.min(this.capS, this.baseS + this.rngJitter.uniform() * (hi > this.baseS ? hi - this.baseS : 0));
      this.reqPrevDelay[r] = d;
      return d;
    }
    const d = this.backoff === BACKOFF_CONSTANT ? this.baseS : Math.min(this.capS, this.baseS * Math.pow(2, k - 1));
    switch (this.jitter) {
      case JITTER_FULL:
        return this.rngJitter.uniform() * d;
      case JITTER_EQUAL:
        return d / 2 + (this.rngJitter.uniform() * d) / 2;
      default:
        return d;
    }
  }

  private succeed(r: number, t: number): void {
    const c = this.c;
    c[C.succeeded]!++;
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
    const n = ++this.inService;
    let s = this.service.sample();
    if (this.alpha !== 0 || this.beta !== 0) s *= 1 + this.alpha * (n - 1) + this.beta * n * (n - 1);
    if (this.speed !== 1) s /= this.speed;
    if (this.inWindow) {
      this.c[C.waitSum]! += t - this.attEnq[a]!;
      this.c[C.waitCount]!++;
    }
    this.events.push(t + s, EV_COMPLETE, a, this.attGen[a]!);
  }

  private onComplete(a: number, t: number): void {
    const c = this.c;
    this.inService--;
    c[C.completed]!++;
    const inServer = t - this.attEnq[a]!;
    const b = bucketOf(inServer);
    this.binServer.addToBucket(b, inServer);
    if (this.directSummary) this.serverLatency.addToBucket(b, inServer);
    const r = this.attReq[a]!;
    const waiting = this.attReqGen[a] === this.reqGen[r] && this.reqAtt[r] === a && this.reqState[r] === R_WAIT;
    if (this.cache !== null && this.attMiss[a] === 1 && (waiting || this.readThrough)) this.cache.fill(this.attKey[a]!, t);
    if (waiting) {
      if (this.budget !== null) this.budget.onSuccess();
      if (this.breaker !== null) this.breaker.onOutcome(t, true, this.attProbe[a] === 1);
      if (this.throttle !== null) this.throttle.onAccept(t);
      this.freeAttempt(a);
      this.succeed(r, t);
    } else {
      c[C.wasted]!++;
      this.freeAttempt(a);
    }
    this.tryStart(t);
  }

  /** Start queued attempts while slots are free, by the queue discipline, shedding as configured. */
  private tryStart(t: number): void {
    const q = this.queue;
    while (this.queueLive > 0 && this.inService < this.slots && this.outages === 0) {
      const congested = t - this.lastEmpty > this.codelInterval;
      if (this.discipline === LIFO || (this.discipline === ADAPTIVE_LIFO && congested)) q.popBack();
      else q.popFront();
      const a = q.id;
      if (q.gen !== this.attGen[a] || this.attState[a] !== A_QUEUED) continue;
      this.queueLive--;
      if (this.queueLive === 0) this.lastEmpty = t;
      if (this.dropExpired && this.attOrphan[a] === 1) {
        this.c[C.expired]!++;
        this.freeAttempt(a);
        continue;
      }
      if (this.codelOn && congested && t - this.attEnq[a]! > this.codelTarget) {
        this.c[C.rejected]!++;
        const r = this.attReq[a]!;
        const waiting = this.attReqGen[a] === this.reqGen[r] && this.reqAtt[r] === a;
        const probe = this.attProbe[a]!;
        this.freeAttempt(a);
        if (waiting) this.attemptFailed(r, t, probe);
        continue;
      }
      this.startService(a, t);
    }
    if (this.queueLive === 0 && q.length > 0) q.clear();
  }

  private compactQueue(): void {
    this.queue.compact((a, gen) => gen === this.attGen[a] && this.attState[a] === A_QUEUED);
  }

  private onScaleCheck(t: number): void {
    const spec = this.eff.server.autoscale;
    if (spec === null) return;
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
      this.reqAtt = growI32(this.reqAtt, n);
      this.reqGen = growI32(this.reqGen, n);
      this.reqKey = growI32(this.reqKey, n);
      this.reqClient = growI32(this.reqClient, n);
      this.reqClientGen = growI32(this.reqClientGen, n);
      this.reqState = growU8(this.reqState, n);
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
    this.reqAtt[r] = -1;
    this.reqFree[this.reqFreeTop++] = r;
  }

  private allocAttempt(): number {
    this.attLive++;
    if (this.attFreeTop > 0) return this.attFree[--this.attFreeTop]!;
    if (this.attTop === this.attCap) {
      const n = this.attCap * 2;
      this.attReq = growI32(this.attReq, n);
      this.attReqGen = growI32(this.attReqGen, n);
      this.attKey = growI32(this.attKey, n);
      this.attEnq = growF64(this.attEnq, n);
      this.attGen = growI32(this.attGen, n);
      this.attState = growU8(this.attState, n);
      this.attOrphan = growU8(this.attOrphan, n);
      this.attMiss = growU8(this.attMiss, n);
      this.attProbe = growU8(this.attProbe, n);
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
