import type { ServerSpec } from '../scenario/types';
import type { Client } from './client';
import { CallQueue } from './callQueue';
import { C as COUNTERS } from './counters';
import type { EventQueue } from './eventQueue';
import { EV_COMPLETE, type Kernel } from './kernel';
import type { Measurement } from './measurement';
import { type Calls, CALL_FREE, CALL_GONE, CALL_QUEUED, CALL_SERVICE } from './records';
import { Rng, Stream } from './rng';
import { ServiceSampler } from './serviceSampler';
import { ServerLimiter } from './limiters/serverLimiter';
import { ClassQueue, evictionVictim, type Priorities } from './priorities';

const C = COUNTERS;

const FIFO = 0;
const LIFO = 1;
const ADAPTIVE_LIFO = 2;
/** Congestion interval for adaptive LIFO when CoDel is off (Fail at Scale's default). */
const DEFAULT_CONGESTION_INTERVAL_S = 0.1;

/**
 * The server side: one or more stations (a fan-out's backends or a partitioning's shards), each
 * with the `server` parameters, its own queue and its own slots. It queues calls by the queue
 * discipline, sheds them (queue limit, CoDel, expired calls), serves them (service times,
 * contention, speed), and takes capacity changes and outages. Answers go to the client.
 */
export class Server {
  readonly stations: number;
  /** Slots per station now: configured + autoscaled − lost (0 at least). */
  slots = Infinity;
  concurrency = Infinity;
  scaledSlots = 0;
  private slotsLost = 0;
  /** Whole-server outages in force. */
  private outages = 0;
  /** Stations down through per-station outages (counted once each). */
  private stationsDown = 0;
  private speed = 1;
  /** What the servers could complete per second now. */
  capacityRate = 0;
  private queueLimit = Infinity;
  private discipline = FIFO;
  private codelTarget = Infinity;
  private codelInterval = DEFAULT_CONGESTION_INTERVAL_S;
  private codelOn = false;
  private dropExpired = false;
  cancelOnTimeout = false;
  private alpha = 0;
  private beta = 0;
  private meanServiceS = 0;
  private readonly service: ServiceSampler;
  /** Probability that a call is answered with an error at arrival: `server.errors` and the `errors` triggers in force. */
  private errorP = 0;
  private errorBase = 0;
  private readonly errorTriggers: number[] = [];
  private readonly rngErrors: Rng;
  /** The adaptive concurrency limiter in front of the queues, if any. */
  limiter: ServerLimiter | null = null;
  /** Priority classes: a full queue or limiter sheds a queued call of a lower class first. */
  private readonly classes: Priorities | null;

  // Per station, and the totals over stations that the integrals use.
  readonly stIn: Int32Array;
  private readonly stQueued: Int32Array;
  private readonly stLastEmpty: Float64Array;
  private readonly stDown: Int32Array;
  private readonly stQueue: CallQueue[];
  inService = 0;
  queueLive = 0;
  /** Σ over stations of min(in service, slots). */
  busy = 0;

  // The kernel's queue and call table, held directly: the hot path reads their columns.
  private readonly events: EventQueue;
  private readonly calls: Calls;
  // Set once by `connect`; declared, not initialised, so the first value fixes the fields' types.
  private declare client: Client;
  private readonly c: Float64Array;

  constructor(
    k: Kernel,
    private readonly m: Measurement,
    private readonly seed: number,
  ) {
    const n = m.stations;
    this.stations = n;
    this.c = m.c;
    this.events = k.events;
    this.calls = k.calls;
    this.service = new ServiceSampler(new Rng(seed, Stream.service));
    this.rngErrors = new Rng(seed, Stream.errors);
    this.stIn = new Int32Array(n);
    this.stQueued = new Int32Array(n);
    this.stLastEmpty = new Float64Array(n);
    this.stDown = new Int32Array(n);
    this.classes = m.classes;
    this.stQueue = Array.from({ length: n }, () => (this.classes === null ? new CallQueue() : new ClassQueue(this.calls)));
  }

  connect(client: Client): void {
    this.client = client;
  }

  /** Put the server parameters in force (slots are applied by `updateSlots`). */
  configure(sv: ServerSpec): void {
    this.service.configure(sv.service);
    this.meanServiceS = this.service.meanS;
    this.queueLimit = sv.queue.limit ?? Infinity;
    this.discipline = sv.queue.discipline === 'fifo' ? FIFO : sv.queue.discipline === 'lifo' ? LIFO : ADAPTIVE_LIFO;
    this.codelOn = sv.queue.codel !== null;
    this.codelTarget = sv.queue.codel?.target ?? Infinity;
    this.codelInterval = sv.queue.codel?.interval ?? DEFAULT_CONGESTION_INTERVAL_S;
    this.dropExpired = sv.dropExpired;
    for (const q of this.stQueue) if (q instanceof ClassQueue) q.byClass = sv.queue.priority;
    this.cancelOnTimeout = sv.cancelOnTimeout;
    this.alpha = sv.contention?.alpha ?? 0;
    this.beta = sv.contention?.beta ?? 0;
    this.concurrency = sv.concurrency ?? Infinity;
    this.errorBase = sv.errors?.rate ?? 0;
    this.updateErrorP();
    // A changed limiter starts afresh: calls admitted by the old one leave without a sample.
    if (JSON.stringify(sv.limiter) !== JSON.stringify(this.limiter?.spec ?? null)) {
      this.limiter = sv.limiter === null ? null : new ServerLimiter(sv.limiter, this.stations, this.seed);
    }
  }

  /** Call a leaves the limiter (if it holds a place there) at t; `dropped`: it counts as a drop. */
  private unlimit(a: number, t: number, dropped: boolean): void {
    const calls = this.calls;
    this.limiter!.release(a, calls.gen[a]!, calls.station[a]!, t, dropped);
  }

  /** Turn call a away at once: counted as rejected, its client told. */
  private refuse(a: number, t: number): false {
    this.c[C.rejected]!++;
    if (this.classes !== null) this.classes.rejected(this.calls.prio[a]!);
    this.m.noteShed(t);
    this.client.callRefused(a, t);
    return false;
  }

  /** An `errors` trigger starts (+1) or ends (−1): each source fails a call independently. */
  errorsTrigger(rate: number, sign: 1 | -1): void {
    if (sign > 0) this.errorTriggers.push(rate);
    else this.errorTriggers.splice(this.errorTriggers.indexOf(rate), 1);
    this.updateErrorP();
  }

  private updateErrorP(): void {
    let ok = 1 - this.errorBase;
    for (const rate of this.errorTriggers) ok *= 1 - rate;
    this.errorP = 1 - ok;
  }

  /**
   * A call arrives at its station: it is answered with an error at once (fail fast, no slot used,
   * unless the station is down), starts, waits, or is turned away (false: the client was told).
   */
  receive(a: number, t: number): boolean {
    const k = this.calls.station[a]!;
    if (this.errorP > 0 && this.outages === 0 && this.stDown[k] === 0 && this.rngErrors.uniform() < this.errorP) {
      this.c[C.errors]!++;
      this.client.callRefused(a, t);
      return false;
    }
    // Failing fast comes before the limiter. With classes a full limiter or queue evicts a lower class's queued call (`victim`).
    let victim = -1;
    if (this.limiter !== null && !this.limiter.admit(a, this.calls.gen[a]!, k, t)) {
      victim = this.evictForLimiter(a, k, t);
      if (victim < 0) return this.refuse(a, t);
    }
    if (this.stQueued[k] === 0 && this.stIn[k]! < this.slots && this.outages === 0 && this.stDown[k] === 0) {
      this.startService(a, t);
    } else if (this.stQueued[k]! >= this.queueLimit && (this.classes === null || (victim = this.evict(a, k, t)) < 0)) {
      if (this.limiter !== null) this.unlimit(a, t, true);
      return this.refuse(a, t);
    } else {
      if (this.stQueued[k] === 0) this.stLastEmpty[k] = t;
      const calls = this.calls;
      calls.state[a] = CALL_QUEUED;
      this.stQueue[k]!.pushBack(a, calls.gen[a]!);
      this.stQueued[k]!++;
      this.queueLive++;
    }
    // After a took its place, so a retry the refusal starts at once finds it taken.
    if (victim >= 0) this.refuse(victim, t);
    return true;
  }

  /** Call a finds station k's queue (or limiter) full: the lowest class's newest queued call below a's leaves; it, or −1. */
  private evict(a: number, k: number, t: number): number {
    const calls = this.calls;
    const q = this.stQueue[k]!;
    const victim = evictionVictim(q, calls, calls.prio[a]!, this.classes!.lowest);
    if (victim < 0) return -1;
    this.stQueued[k]!--;
    this.queueLive--;
    if (this.stQueued[k] === 0) this.stLastEmpty[k] = t;
    if (this.limiter !== null) this.unlimit(victim, t, true);
    calls.state[victim] = CALL_GONE; // its queue entry is skipped once met
    return victim;
  }

  /** The limiter is full for call a: evict a queued call of a lower class when that frees the place a needs; it, or −1. */
  private evictForLimiter(a: number, k: number, t: number): number {
    const limiter = this.limiter!;
    if (this.classes === null || limiter.inflight[k]! - 1 >= limiter.limits[k]!.limit) return -1;
    const victim = this.evict(a, k, t);
    if (victim >= 0) limiter.admit(a, this.calls.gen[a]!, k, t);
    return victim;
  }

  private startService(a: number, t: number): void {
    const calls = this.calls;
    calls.state[a] = CALL_SERVICE;
    const k = calls.station[a]!;
    if (this.stations > 1) this.m.integrateStation(k, t);
    const n = ++this.stIn[k]!;
    this.inService++;
    if (n <= this.slots) this.busy++;
    let s = this.service.sample();
    if (this.alpha !== 0 || this.beta !== 0) s *= 1 + this.alpha * (n - 1) + this.beta * n * (n - 1);
    if (this.speed !== 1) s /= this.speed;
    if (this.m.inWindow) {
      const wait = t - calls.enq[a]!;
      this.c[C.waitSum]! += wait;
      this.c[C.waitCount]!++;
      if (wait > this.m.longestWaitS) this.m.longestWaitS = wait;
    }
    this.events.push(t + s, EV_COMPLETE, a, calls.gen[a]!);
  }

  private leaveService(k: number, t: number): void {
    if (this.stations > 1) this.m.integrateStation(k, t);
    const n = this.stIn[k]!--;
    this.inService--;
    if (n <= this.slots) this.busy--;
  }

  /** EV_COMPLETE: call a's service ends; the client gets the answer, and the slot takes the next call. */
  onComplete(a: number, t: number): void {
    const calls = this.calls;
    const k = calls.station[a]!;
    this.leaveService(k, t);
    this.c[C.completed]!++;
    const inServer = t - calls.enq[a]!;
    const b = this.m.served(inServer);
    const callLatency = this.client.callLatency;
    if (callLatency !== null && calls.hedge[a] === 0) callLatency.addToBucket(b, inServer);
    if (this.limiter !== null) this.unlimit(a, t, !this.client.callLive(a));
    this.client.callAnswered(a, k, t);
    if (this.stQueued[k]! > 0) this.tryStart(k, t);
  }

  tryStartAll(t: number): void {
    for (let k = 0; k < this.stations; k++) this.tryStart(k, t);
  }

  /** Start station k's queued calls while slots are free, by the queue discipline, shedding as configured. */
  tryStart(k: number, t: number): void {
    const q = this.stQueue[k]!;
    const stQueued = this.stQueued;
    const calls = this.calls;
    while (stQueued[k]! > 0 && this.stIn[k]! < this.slots && this.outages === 0 && this.stDown[k] === 0) {
      const congested = t - this.stLastEmpty[k]! > this.codelInterval;
      if (this.discipline === LIFO || (this.discipline === ADAPTIVE_LIFO && congested)) q.popBack();
      else q.popFront();
      const a = q.id;
      if (q.gen !== calls.gen[a] || calls.state[a] !== CALL_QUEUED) continue;
      stQueued[k]!--;
      this.queueLive--;
      if (stQueued[k] === 0) this.stLastEmpty[k] = t;
      if (this.dropExpired && !this.client.callLive(a)) {
        if (this.limiter !== null) this.unlimit(a, t, true);
        this.c[C.expired]!++;
        calls.release(a);
        continue;
      }
      if (this.codelOn && congested && t - calls.enq[a]! > this.codelTarget) {
        if (this.limiter !== null) this.unlimit(a, t, true);
        this.refuse(a, t);
        continue;
      }
      this.startService(a, t);
    }
    if (stQueued[k] === 0 && q.length > 0) q.clear();
  }

  /**
   * Take a queued or running call off its server; it becomes GONE. A running call's slot is
   * refilled at once when `restart`, else by the caller.
   */
  cancel(a: number, t: number, restart: boolean): void {
    const calls = this.calls;
    const k = calls.station[a]!;
    const state = calls.state[a];
    if (state === CALL_QUEUED) {
      this.stQueued[k]!--;
      this.queueLive--;
      if (this.stQueued[k] === 0) this.stLastEmpty[k] = t;
      const q = this.stQueue[k]!;
      if (q.length > 64 && q.length > 4 * this.stQueued[k]!) q.compact((id, gen) => gen === calls.gen[id] && calls.state[id] === CALL_QUEUED);
    } else if (state === CALL_SERVICE) {
      this.leaveService(k, t);
    } else {
      return;
    }
    if (this.limiter !== null) this.unlimit(a, t, true);
    this.c[C.cancelled]!++;
    const callLatency = this.client.callLatency;
    if (callLatency !== null && calls.hedge[a] === 0) {
      // A primary cancelled because its hedge answered first: its latency is at least this long.
      // Counting it keeps the hedge delay the quantile of what the backend would take unhedged;
      // leaving it out would bias the quantile low and hedge ever more calls.
      callLatency.add(t - calls.enq[a]!);
    }
    calls.state[a] = CALL_GONE;
    calls.gen[a]!++;
    if (restart && state === CALL_SERVICE) this.tryStart(k, t);
  }

  // ---------------------------------------------------------------- capacity and outages

  /** Take station k down (+1) or bring it back (−1): no service starts there while it is down. */
  stationDown(k: number, sign: 1 | -1, t: number): void {
    const before = this.stDown[k]!;
    this.stDown[k] = before + sign;
    if (before === 0 && sign > 0) this.stationsDown++;
    if (before + sign === 0 && sign < 0) this.stationsDown--;
    this.updateCapacityRate();
    if (this.stDown[k] === 0) this.tryStart(k, t);
  }

  /** A whole-server outage starts (+1) or ends (−1). */
  outage(sign: 1 | -1, t: number): void {
    this.outages += sign;
    this.updateCapacityRate();
    if (this.outages === 0) this.tryStartAll(t);
  }

  /** A capacity loss starts (+1) or ends (−1): service slower by `factor`, `slots` slots fewer. */
  capacity(factor: number, slots: number, sign: 1 | -1, t: number): void {
    this.speed = sign > 0 ? this.speed * factor : this.speed / factor;
    this.slotsLost += sign * slots;
    this.updateSlots(t);
  }

  /** Put the slot count in force (configured, autoscaled, lost) and fill the slots it frees. */
  updateSlots(t: number): void {
    this.m.integrate(t);
    this.m.integrateSteady(t);
    this.m.integrateStations(t);
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

  /** The server's bookkeeping checked from scratch against the call records (for tests). */
  selfCheck(): string[] {
    const problems: string[] = [];
    const calls = this.calls;
    let inService = 0;
    let held = 0;
    for (let a = 0; a < calls.top; a++) {
      if (calls.state[a] === CALL_SERVICE) inService++;
      if (calls.state[a] !== CALL_FREE) held++;
    }
    if (held !== calls.live) problems.push(`calls held ${held}, counted ${calls.live}`);
    if (inService !== this.inService) problems.push(`calls in service ${inService}, counted ${this.inService}`);
    let stIn = 0;
    for (let k = 0; k < this.stations; k++) {
      stIn += this.stIn[k]!;
      const live = this.stQueue[k]!.count((a, gen) => gen === calls.gen[a] && calls.state[a] === CALL_QUEUED && calls.station[a] === k);
      if (live !== this.stQueued[k]) problems.push(`station ${k}: ${live} calls queued, counted ${this.stQueued[k]}`);
    }
    if (stIn !== this.inService) problems.push(`stations' in service ${stIn}, total ${this.inService}`);
    if (this.limiter !== null) problems.push(...this.limiter.selfCheck(calls.gen, calls.top, 'calls'));
    return problems;
  }
}
