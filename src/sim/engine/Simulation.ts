import type { Action, Scenario, Trigger } from '../scenario/types';
import { Autoscaler } from './autoscaler';
import { CacheLayer } from './cacheLayer';
import { Client } from './client';
import { Controls } from './controls';
import { C as COUNTERS } from './counters';
import {
  EV_ARRIVAL,
  EV_COMPLETE,
  EV_GATE,
  EV_HEDGE,
  EV_HIT,
  EV_RETRY,
  EV_SCALE_ADD,
  EV_SCALE_CHECK,
  EV_THINK,
  EV_TIMEOUT,
  Kernel,
} from './kernel';
import { Load } from './load';
import { Measurement } from './measurement';
import { CALL_FREE, R_BACKOFF, R_FREE, R_GATE, R_HIT } from './records';
import type { RunSeries, SeriesArrays, Summary } from './result';
import { applySet, parseScenario } from '../scenario/index';
import { Server } from './server';

// Hot-path imports bound to module constants: a loader that compiles modules to CommonJS (as the
// benchmark's tsx does) turns every read of an imported binding into a getter call.
const C = COUNTERS;

/**
 * A guard against a model that loops without simulated time advancing (at one instant, or by a
 * vanishing step each event): more than MAX_EVENTS_IN_SPAN events within SPAN_S of simulated time
 * stop the run instead of hanging it.
 */
const MAX_EVENTS_IN_SPAN = 10_000_000;
const SPAN_S = 1e-6;

/** A trigger without its start time: what "inject now" takes. */
export type TriggerNow = Trigger extends infer T ? (T extends Trigger ? Omit<T, 'at'> : never) : never;

/**
 * The discrete-event engine. Deterministic for a scenario and seed: output does not depend on
 * how `advance` slices the run. Live changes (`set`, `inject`) take effect at the current
 * simulated time and are recorded in `scenario()`, so the run replays exactly.
 *
 * This class is the run's environment: it builds the kernel (event queue, clock, record tables)
 * and the components (load, client, server, autoscaler, cache, measurement, controls), runs the
 * event loop, dispatching each event to the component that owns it, and answers for the run.
 * docs/model.md, "Engine layout", describes the parts.
 */
export class Simulation {
  private readonly base: Scenario;
  /** The parameters in force now (scenario with the actions applied so far). */
  private eff: Scenario;
  private readonly durationS: number;
  private spanStartS = 0;
  private eventsInSpan = 0;
  /** Events `advance` may still run before it returns early; Infinity without a budget. */
  private eventBudget = Infinity;
  /** Where the budget stopped the last runEvents: the next event's time. */
  private cutS: number | null = null;

  private readonly k: Kernel;
  private readonly m: Measurement;
  private readonly load: Load;
  private readonly client: Client;
  private readonly server: Server;
  private readonly autoscaler: Autoscaler;
  private readonly cache: CacheLayer;
  private readonly controls: Controls;

  constructor(scenario: Scenario) {
    this.base = scenario;
    this.eff = scenario;
    this.durationS = scenario.duration;
    const seed = scenario.seed;
    const stations = scenario.fanout?.n ?? scenario.partitions?.shards ?? 1;
    this.k = new Kernel(scenario.limits.maxInFlight);
    this.m = new Measurement(scenario, stations);
    this.load = new Load(this.k, seed);
    this.server = new Server(this.k, this.m, seed);
    this.client = new Client(this.k, this.m, scenario);
    this.cache = new CacheLayer(seed);
    this.autoscaler = new Autoscaler(this.k, this.m, this.server);
    this.m.connect(this.server, this.client);
    this.server.connect(this.client);
    this.client.connect(this.server, this.load, this.cache);
    this.load.connect(this.client);

    this.configure(scenario, 0, null);
    this.controls = new Controls(scenario, this.load, this.server, this.cache, this.m, (set, t) => this.configure(applySet(this.eff, set), t, this.eff));
  }

  // ---------------------------------------------------------------- public API

  get now(): number {
    return this.k.now;
  }

  get done(): boolean {
    return this.k.stopped !== null || this.k.now >= this.durationS;
  }

  /** Bins closed so far: series values exist for bins [0, binsClosed). */
  get binsClosed(): number {
    return this.m.binIndex;
  }

  get stopped(): string | null {
    return this.k.stopped;
  }

  /** Run every event before `toS` (clamped to the duration), then close the bins that ended. */
  advance(toS: number): void {
    const T = Math.min(toS, this.durationS);
    const k = this.k;
    const m = this.m;
    if (k.stopped !== null || T <= k.now) return;
    const timeline = this.controls.timeline;
    for (;;) {
      const ctl = timeline.peek();
      if (ctl !== undefined && ctl.at < T) {
        this.runEvents(ctl.at);
        if (k.stopped !== null || this.cutAt()) return;
        m.closeUpTo(ctl.at);
        m.integrate(ctl.at);
        m.integrateSteady(ctl.at);
        k.now = Math.max(k.now, ctl.at);
        timeline.shift();
        ctl.apply(ctl.at);
        continue;
      }
      this.runEvents(T);
      if (k.stopped !== null || this.cutAt()) return;
      // No integration to T here: splitting an interval at a slice end would change the
      // floating-point sums, and output must not depend on slicing.
      m.closeUpTo(T);
      k.now = T;
      return;
    }
  }

  /**
   * `advance(toS)` in pieces of about `maxEvents` events: returns whether it reached `toS` (or the run
   * ended). A piece ends between two instants, where `advance` to the next event's time would have
   * stopped too, so the output does not depend on the budget, and changes made between pieces take
   * effect at `now` as they would after any `advance`.
   */
  advanceWithin(toS: number, maxEvents: number): boolean {
    this.eventBudget = Math.max(1, maxEvents);
    try {
      this.advance(toS);
    } finally {
      this.eventBudget = Infinity;
    }
    return this.done || this.k.now >= Math.min(toS, this.durationS);
  }

  /** After runEvents: when the event budget ended it before its limit, stop at the next event's time, as advance(thatTime) would. */
  private cutAt(): boolean {
    const t = this.cutS;
    if (t === null) return false;
    this.cutS = null;
    this.m.closeUpTo(t);
    this.k.now = t;
    return true;
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
    const at = this.k.now;
    // Validate against the parameters in force once every pending control at `now` has run.
    applySet(this.controls.effectiveAt(this.eff, at), set);
    this.controls.addLiveAction({ at, set: { ...set } });
  }

  /**
   * Start a trigger now ("inject now"); validated like a scenario's triggers (throws
   * ScenarioError naming the field and its range) and recorded in the scenario's triggers.
   */
  inject(trigger: TriggerNow): void {
    this.assertLive();
    const current = this.scenario();
    const { scenario } = parseScenario({ ...current, triggers: [...current.triggers, { ...trigger, at: this.k.now }] });
    this.controls.addLiveTrigger(scenario.triggers[scenario.triggers.length - 1]!);
  }

  /** The replayable scenario: the original plus every live action and trigger, in order. */
  scenario(): Scenario {
    return { ...this.base, triggers: this.controls.allTriggers(), actions: this.controls.allActions() };
  }

  /** Typed-array copies of the series for bins [from, binsClosed); NaN where a bin has no sample. */
  seriesArrays(from = 0): SeriesArrays {
    return this.m.bins.arrays(from, this.m.binIndex);
  }

  /** The series of the closed bins as JSON arrays (`null` for NaN). */
  series(): RunSeries {
    return this.m.seriesJson();
  }

  /** Per-bin utilisation of each backend or shard for bins [from, binsClosed), bin-major (`stations` values a bin); null with one server. */
  shardArrays(from = 0): { stations: number; utilisation: Float64Array } | null {
    return this.m.bins.shardArrays(from, this.m.binIndex);
  }

  /** Per-bin figures of each priority class for bins [from, binsClosed) (see Priorities.arrays); null without classes. */
  classArrays(from = 0): { width: number; data: Float64Array } | null {
    return this.m.classes === null ? null : this.m.classes.arrays(from, this.m.binIndex);
  }

  /** Requests whose client is still waiting, counted from the live client-side records. */
  countInFlight(): number {
    const requests = this.k.requests;
    let n = 0;
    for (let r = 0; r < requests.top; r++) if (requests.state[r] !== R_FREE) n++;
    return n;
  }

  /** Live state for the invariants panel and property tests. */
  state(): { queue: number; inService: number; slots: number; arrivals: number; succeeded: number; failed: number; inFlight: number } {
    const c = this.m.c;
    return {
      queue: this.server.queueLive,
      inService: this.server.inService,
      // Across every backend or shard.
      slots: this.server.slots * this.server.stations,
      arrivals: c[C.arrivals]!,
      succeeded: c[C.succeeded]!,
      failed: c[C.failed]!,
      inFlight: this.countInFlight(),
    };
  }

  /**
   * The engine's own bookkeeping checked from scratch (for tests; it walks every pool): queue
   * counts match the live queue entries, in-service counts match the calls in service, the
   * free lists hold each record once and only free ones. Returns the problems found.
   */
  selfCheck(): string[] {
    const { calls, requests } = this.k;
    return [
      ...this.server.selfCheck(),
      ...this.client.gate.selfCheck(),
      ...calls.checkFreeList((a) => calls.state[a] === CALL_FREE, 'call'),
      ...requests.checkFreeList((r) => requests.state[r] === R_FREE, 'request'),
    ];
  }

  /** The summary over [warmup, now], with the verdict judged on the bins closed so far. */
  summary(): Summary {
    const endS = this.k.now;
    const spans = this.controls.triggerSpans.filter((s) => s.at < endS);
    const c = this.m.c;
    return this.m.summary({
      endS,
      spans,
      inFlight: this.countInFlight(),
      findRescue: (lastBadEndS) => this.findRescue(spans, lastBadEndS),
      hasCache: this.cache.store !== null || c[C.hits]! + c[C.misses]! > 0,
      slo: this.eff.client.slo,
      stopped: this.k.stopped,
    });
  }

  // ---------------------------------------------------------------- configuration

  private assertLive(): void {
    if (this.k.stopped !== null) throw new Error(`the run has stopped: ${this.k.stopped}`);
  }

  /** Put a scenario's parameters in force at time t (`prev` = those in force before, or null at start). */
  private configure(s: Scenario, t: number, prev: Scenario | null): void {
    this.eff = s;
    this.client.configure(s.client, t);
    this.server.configure(s.server);
    this.autoscaler.configure(s.server.autoscale, prev === null ? undefined : prev.server.autoscale, t);
    const keysChanged = this.load.configure(s, prev, t);
    if (this.m.classes !== null && s.load.priorities !== null) this.m.classes.configure(s.load.priorities);
    this.cache.configure(s, t, this.load, keysChanged);
    this.server.updateSlots(t);
  }

  // ---------------------------------------------------------------- the event loop

  /** Process every event with time < limit, each by the component that owns its kind. */
  private runEvents(limit: number): void {
    const k = this.k;
    const q = k.events;
    const m = this.m;
    const { requests, calls } = k;
    const load = this.load;
    const client = this.client;
    const server = this.server;
    while (q.size > 0 && q.peekTime() < limit) {
      // Out of budget: stop between two instants, never inside one.
      if (--this.eventBudget < 0 && q.peekTime() > q.time) {
        this.cutS = q.peekTime();
        return;
      }
      q.pop();
      const t = q.time;
      if (t >= m.nextCheckpoint) m.closeUpTo(t);
      if (t - this.spanStartS > SPAN_S) {
        this.spanStartS = t;
        this.eventsInSpan = 0;
      } else if (++this.eventsInSpan > MAX_EVENTS_IN_SPAN) {
        k.stop(t, `simulated time stopped advancing at t = ${t.toFixed(6)} s (over ${MAX_EVENTS_IN_SPAN} events within ${SPAN_S} s); the run stopped there`);
        return;
      }
      m.integrate(t);
      switch (q.kind) {
        case EV_ARRIVAL:
          if (q.gen === load.arrivalGen) load.onArrival(t);
          break;
        case EV_COMPLETE:
          if (q.gen === calls.gen[q.id]) server.onComplete(q.id, t);
          break;
        case EV_TIMEOUT:
          if (q.gen === requests.attempt[q.id]) client.onTimeout(q.id, t);
          break;
        case EV_HEDGE:
          if (q.gen === calls.gen[q.id]) client.onHedge(q.id, t);
          break;
        case EV_GATE:
          if (q.gen === requests.attempt[q.id] && requests.state[q.id] === R_GATE) client.gate.waitEnded(q.id, t);
          break;
        case EV_RETRY:
          if (q.gen === requests.gen[q.id] && requests.state[q.id] === R_BACKOFF) client.sendAttempt(q.id, t);
          break;
        case EV_HIT:
          if (q.gen === requests.gen[q.id] && requests.state[q.id] === R_HIT) client.succeed(q.id, t);
          break;
        case EV_THINK:
          load.onThink(q.id, q.gen, t);
          break;
        case EV_SCALE_CHECK:
          if (q.gen === this.autoscaler.gen) this.autoscaler.onCheck(t);
          break;
        case EV_SCALE_ADD:
          if (q.gen === this.autoscaler.gen) this.autoscaler.onAdd(t);
          break;
      }
      if (k.stopped !== null) {
        k.now = t;
        return;
      }
    }
  }

  private findRescue(spans: readonly { at: number }[], lastBadEndS: number | null): Summary['rescue'] {
    if (lastBadEndS === null || spans.length === 0) return null;
    const firstAt = Math.min(...spans.map((s) => s.at));
    let best: Action | null = null;
    for (const action of this.controls.allActions()) {
      if (action.at >= firstAt && action.at <= lastBadEndS && (best === null || action.at >= best.at)) best = action;
    }
    return best === null ? null : { at: best.at, set: best.set };
  }
}
