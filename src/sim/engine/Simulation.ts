import type { Scenario } from '../scenario/types';
import { Autoscaler } from './autoscaler';
import { CacheLayer } from './cacheLayer';
import { Client } from './client';
import { Controls, type TriggerEffects } from './controls';
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
import { MAX_EVENTS_IN_SPAN, RunLoop, SPAN_S } from './runLoop';
import { Server } from './server';

// Hot-path imports bound to module constants: a loader that compiles modules to CommonJS (as the
// benchmark's tsx does) turns every read of an imported binding into a getter call.
const C = COUNTERS;

export type { TriggerNow } from './runLoop';

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
export class Simulation extends RunLoop {
  protected readonly k: Kernel;
  protected readonly m: Measurement;
  protected readonly controls: Controls;
  private readonly load: Load;
  private readonly client: Client;
  private readonly server: Server;
  private readonly autoscaler: Autoscaler;
  private readonly cache: CacheLayer;

  constructor(scenario: Scenario) {
    super(scenario);
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
    this.controls = new Controls(scenario, this.m, this.effects(), this.reconfigureBy());
  }

  // ---------------------------------------------------------------- public API

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

  protected hasCache(): boolean {
    const c = this.m.c;
    return this.cache.store !== null || c[C.hits]! + c[C.misses]! > 0;
  }

  // ---------------------------------------------------------------- configuration

  /** What the triggers act on: the load, the server, the cache. */
  private effects(): TriggerEffects {
    const server = this.server;
    return {
      spike: (factor, sign, t) => this.load.spike(factor, sign, t),
      outage: (tr, sign, t) => {
        if (tr.stations === null) server.outage(sign, t);
        else for (let k = 0; k < tr.stations; k++) server.stationDown(k, sign, t);
      },
      stationDown: (_tr, k, sign, t) => server.stationDown(k, sign, t),
      capacity: (tr, sign, t) => server.capacity(tr.factor, tr.slots, sign, t),
      errors: (tr, sign) => server.errorsTrigger(tr.rate, sign),
      cacheFlush: () => this.cache.flush(),
    };
  }

  /** Put a scenario's parameters in force at time t (`prev` = those in force before, or null at start). */
  protected configure(s: Scenario, t: number, prev: Scenario | null): void {
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
  protected runEvents(limit: number): void {
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
}
