import type { GraphSpec, Scenario } from '../scenario/types';
import { Controls, type TriggerEffects } from '../engine/controls';
import { C } from '../engine/counters';
import { EV_ARRIVAL, EV_THINK, Kernel } from '../engine/kernel';
import { Load } from '../engine/load';
import { Measurement, type MeasuredClient, type MeasuredServer } from '../engine/measurement';
import { MAX_EVENTS_IN_SPAN, RunLoop, SPAN_S } from '../engine/runLoop';
import { Edges } from './edges';
import { GE_ANSWER, GE_ARRIVE, GE_GATE, GE_LOCAL, GE_RETRY, GE_TIMEOUT, GraphFlow } from './graphFlow';
import { Exchanges, G_BACK, G_DEPS, G_FREE, G_LOCAL, G_QUEUED, GraphCalls, X_BACKOFF, X_FREE } from './graphRecords';
import { Services } from './services';
import { S_ARRIVALS, S_ERRORS, S_EXPIRED, S_OK, S_REJECTED, S_WASTED, ServiceStats, type ServiceArrays, type ServiceSummary } from './serviceStats';

/** The entry service as the user-level measurement sees a server (its queue, slots and capacity, over its replicas). */
class EntryView implements MeasuredServer {
  readonly stIn = new Int32Array(1);
  readonly limiter = null;
  constructor(private readonly sv: Services) {}
  get queueLive(): number {
    return this.sv.queueTotal[0]!;
  }
  get inService(): number {
    return this.sv.inTotal[0]!;
  }
  get busy(): number {
    return this.sv.busy[0]!;
  }
  get slots(): number {
    return this.sv.slotsTotal[0]!;
  }
  get concurrency(): number {
    return this.slots;
  }
  get capacityRate(): number {
    const sv = this.sv;
    let rate = 0;
    for (let g = 0; g < sv.count[0]!; g++) if (sv.down[g] === 0) rate += (sv.slots[g]! * sv.speed[g]!) / sv.meanS[0]!;
    return rate === Infinity || Number.isNaN(rate) ? 0 : rate;
  }
}

/**
 * A run of a graph of services (`graph` in the scenario): the users' load reaches the entry service,
 * whose calls fan into their dependencies (graphFlow.ts). The user-level series, summary and verdict are
 * those of the one-server model, with the entry service as the server; each service has its own series
 * (`serviceArrays`). docs/model.md, "Graphs of services", describes the model.
 */
export class GraphSimulation extends RunLoop {
  protected readonly k: Kernel;
  protected readonly m: Measurement;
  protected readonly controls: Controls;
  private readonly graph: GraphSpec;
  private readonly load: Load;
  private readonly sv: Services;
  private readonly ed: Edges;
  private readonly stats: ServiceStats;
  private readonly flow: GraphFlow;
  private readonly xs = new Exchanges();
  private readonly calls = new GraphCalls();
  private lastArrivals = 0;
  /** Events run so far (for benchmarks: a graph's events are not the one server's counters). */
  eventsRun = 0;

  constructor(scenario: Scenario) {
    super(scenario);
    if (scenario.graph === null) throw new Error('GraphSimulation runs a scenario with a graph');
    const graph = scenario.graph;
    this.graph = graph;
    const entry = graph.services[0]!;
    this.k = new Kernel(scenario.limits.maxInFlight);
    const asServer = { ...scenario, server: { ...scenario.server, concurrency: entry.concurrency, service: entry.service } };
    this.m = new Measurement(asServer, 1);
    const nBins = Math.max(1, Math.ceil(scenario.duration / scenario.bin - 1e-9));
    this.stats = new ServiceStats(graph.services.map((s) => s.name), nBins);
    this.sv = new Services(graph, scenario.seed, this.stats);
    this.ed = new Edges(scenario, graph, this.sv.count);
    this.load = new Load(this.k, scenario.seed);
    this.flow = new GraphFlow(this.k, this.m, this.xs, this.calls, this.sv, this.ed, this.stats);
    this.flow.load = this.load;
    const client: MeasuredClient = { fanoutN: 1, binClosed: () => this.binClosed(), gate: { limiter: null } };
    this.m.connect(new EntryView(this.sv), client);
    this.load.connect({ newRequest: (t, c) => this.flow.newRequest(t, c, c >= 0 ? this.load.clientGen[c]! : 0) });
    this.configure(scenario, 0, null);
    this.controls = new Controls(scenario, this.m, this.effects(), this.reconfigureBy());
  }

  /** Per-service series of bins [from, binsClosed). */
  serviceArrays(from = 0): ServiceArrays {
    return this.stats.arrays(from, this.m.binIndex);
  }

  /** Each service's totals since the start: calls arrived, good answers, error answers, turned away, dropped past their deadline, wasted. */
  serviceTotals(): Record<string, { arrivals: number; ok: number; errors: number; rejected: number; expired: number; wasted: number }> {
    const out: Record<string, { arrivals: number; ok: number; errors: number; rejected: number; expired: number; wasted: number }> = {};
    this.sv.names.forEach((name, s) => {
      const total = (k: number): number => this.stats.total(s, k);
      out[name] = { arrivals: total(S_ARRIVALS), ok: total(S_OK), errors: total(S_ERRORS), rejected: total(S_REJECTED), expired: total(S_EXPIRED), wasted: total(S_WASTED) };
    });
    return out;
  }

  /** Each service's figures over the closed bins after the warm-up. */
  serviceSummary(): ServiceSummary[] {
    return this.stats.summary();
  }

  /** No per-station utilisation: a graph's services have their own series. */
  shardArrays(): null {
    return null;
  }

  countInFlight(): number {
    const xs = this.xs;
    let n = 0;
    for (let x = 0; x < xs.top; x++) if (xs.state[x] !== X_FREE && xs.edge[x] === 0) n++;
    return n;
  }

  /** Live state for the invariants panel and property tests (the entry service's queue and slots). */
  state(): { queue: number; inService: number; slots: number; arrivals: number; succeeded: number; failed: number; inFlight: number } {
    const c = this.m.c;
    const view = new EntryView(this.sv);
    return {
      queue: view.queueLive,
      inService: view.inService,
      slots: view.slots,
      arrivals: c[C.arrivals]!,
      succeeded: c[C.succeeded]!,
      failed: c[C.failed]!,
      inFlight: this.countInFlight(),
    };
  }

  /** The bookkeeping checked from scratch: per-replica queue, slot and outstanding counts against the live records. */
  selfCheck(): string[] {
    const problems: string[] = [];
    const calls = this.calls;
    const sv = this.sv;
    const total = sv.serviceOf.length;
    const queued = new Int32Array(total);
    const held = new Int32Array(total);
    const out = new Int32Array(total);
    for (let a = 0; a < calls.top; a++) {
      const st = calls.state[a];
      if (st === G_FREE) continue;
      const g = calls.replica[a]!;
      if (st === G_QUEUED) queued[g]!++;
      if (st === G_LOCAL || st === G_DEPS) held[g]!++;
      if (st !== G_BACK) out[g]!++;
    }
    for (let g = 0; g < total; g++) {
      if (queued[g] !== sv.queued[g]) problems.push(`replica ${g}: ${queued[g]} calls queued, counted ${sv.queued[g]}`);
      if (held[g] !== sv.inS[g]) problems.push(`replica ${g}: ${held[g]} calls hold slots, counted ${sv.inS[g]}`);
      if (out[g] !== sv.outstanding[g]) problems.push(`replica ${g}: ${out[g]} calls outstanding, counted ${sv.outstanding[g]}`);
    }
    for (let s = 0; s < sv.n; s++) {
      let q = 0;
      let i = 0;
      for (let g = sv.first[s]!; g < sv.first[s]! + sv.count[s]!; g++) {
        q += sv.queued[g]!;
        i += sv.inS[g]!;
      }
      if (q !== sv.queueTotal[s]) problems.push(`service ${sv.names[s]}: queue ${q}, total ${sv.queueTotal[s]}`);
      if (i !== sv.inTotal[s]) problems.push(`service ${sv.names[s]}: in service ${i}, total ${sv.inTotal[s]}`);
    }
    let inFlight = 0;
    for (const per of this.ed.controls) for (const ctl of per) inFlight += ctl.inFlight;
    let trying = 0;
    for (let x = 0; x < this.xs.top; x++) if (this.xs.state[x] !== X_FREE && this.xs.state[x] !== X_BACKOFF && this.xs.attempt[x] !== 0) trying++;
    if (inFlight !== trying) problems.push(`tries in flight ${trying}, counted ${inFlight}`);
    const limiters = new Set(this.ed.controls.flatMap((per) => per.map((ctl) => ctl.limiter)));
    for (const limiter of limiters) if (limiter !== null) problems.push(...limiter.selfCheck(this.xs.attempt, this.xs.top, 'tries'));
    problems.push(...calls.checkFreeList((a) => calls.state[a] === G_FREE, 'call'));
    problems.push(...this.xs.checkFreeList((x) => this.xs.state[x] === X_FREE, 'exchange'));
    return problems;
  }

  protected hasCache(): boolean {
    return false;
  }

  protected configure(s: Scenario, t: number, prev: Scenario | null): void {
    this.eff = s;
    const graph = s.graph ?? this.graph;
    this.flow.sloS = s.client.slo ?? Infinity;
    this.sv.configure(graph, t);
    this.ed.configure(s, graph, t);
    this.load.configure(s, prev, t);
    for (let g = 0; g < this.sv.serviceOf.length; g++) this.flow.tryStart(g, t);
  }

  /** A user-level bin closed: close the services' bin too. */
  private binClosed(): void {
    const i = this.m.binIndex;
    const binS = this.m.binS;
    const start = i * binS;
    const end = Math.min((i + 1) * binS, this.durationS);
    const arrivals = this.m.c[C.arrivals]!;
    this.stats.closeBin(i, end - start, arrivals - this.lastArrivals, start >= this.base.warmup, (s) => this.sv.integrate(s, end));
    this.lastArrivals = arrivals;
  }

  /** What the triggers act on: the load, and the service (and replica) each names; the entry when it names none. */
  private effects(): TriggerEffects {
    const sv = this.sv;
    const index = new Map(this.graph.services.map((s, i) => [s.name, i]));
    const serviceOf = (tr: { service?: string | undefined }): number => (tr.service === undefined ? 0 : (index.get(tr.service) ?? 0));
    const restart = (g: number, t: number): void => this.flow.tryStart(g, t);
    return {
      spike: (factor, sign, t) => this.load.spike(factor, sign, t),
      outage: (tr, sign, t) => {
        const s = serviceOf(tr);
        const targets = sv.targets(s, tr.replica);
        const hit = tr.stations === null ? targets : targets.slice(0, tr.stations);
        for (const g of hit) {
          sv.setDown(g, sign);
          if (sign < 0) restart(g, t);
        }
      },
      stationDown: (tr, k, sign, t) => {
        const g = sv.first[serviceOf(tr)]! + Math.min(k, sv.count[serviceOf(tr)]! - 1);
        sv.setDown(g, sign);
        if (sign < 0) restart(g, t);
      },
      capacity: (tr, sign, t) => {
        for (const g of sv.targets(serviceOf(tr), tr.replica)) {
          sv.capacity(g, tr.factor, tr.slots, sign, t);
          restart(g, t);
        }
      },
      errors: (tr, sign) => {
        for (const g of sv.targets(serviceOf(tr), tr.replica)) sv.errorsTrigger(g, tr.rate, sign);
      },
      cacheFlush: () => undefined,
    };
  }

  protected runEvents(limit: number): void {
    const k = this.k;
    const q = k.events;
    const m = this.m;
    const flow = this.flow;
    const calls = this.calls;
    const xs = this.xs;
    const load = this.load;
    while (q.size > 0 && q.peekTime() < limit) {
      if (--this.eventBudget < 0 && q.peekTime() > q.time) {
        this.cutS = q.peekTime();
        return;
      }
      q.pop();
      this.eventsRun++;
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
        case EV_THINK:
          load.onThink(q.id, q.gen, t);
          break;
        case GE_ARRIVE:
          if (q.gen === calls.gen[q.id]) flow.arrive(q.id, t);
          break;
        case GE_LOCAL:
          if (q.gen === calls.gen[q.id]) flow.onLocal(q.id, t);
          break;
        case GE_ANSWER:
          if (q.gen === calls.gen[q.id]) flow.deliver(q.id, t);
          break;
        case GE_TIMEOUT:
          if (q.gen === xs.attempt[q.id]) flow.onTimeout(q.id, t);
          break;
        case GE_RETRY:
          if (q.gen === xs.gen[q.id]) flow.onRetry(q.id, t);
          break;
        case GE_GATE:
          if (q.gen === xs.gen[q.id]) flow.onGateExpired(q.id, t);
          break;
      }
      if (k.stopped !== null) {
        k.now = t;
        return;
      }
    }
  }
}
