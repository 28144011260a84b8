import { C } from '../engine/counters';
import type { EventQueue } from '../engine/eventQueue';
import type { Kernel } from '../engine/kernel';
import type { Measurement } from '../engine/measurement';
import type { Edges } from './edges';
import { type Exchanges, type GraphCalls, G_BACK, G_DEPS, G_LOCAL, G_QUEUED } from './graphRecords';
import type { Services } from './services';
import { S_ARRIVALS, S_ERRORS, S_EXPIRED, S_OK, S_REJECTED, ServiceStats } from './serviceStats';

// The graph's event kinds (the load keeps its own: arrivals 0, think times 7).
/** A call reaches its callee (id = call). */
export const GE_ARRIVE = 1;
/** A call's local work ends (id = call). */
export const GE_LOCAL = 2;
/** An answer reaches the caller (id = call). */
export const GE_ANSWER = 3;
/** A try's timeout (id = exchange, gen = try id). */
export const GE_TIMEOUT = 4;
/** A backoff ends: the next try leaves (id = exchange). */
export const GE_RETRY = 5;
/** A wait for a bulkhead place ends unserved (id = exchange). */
export const GE_GATE = 6;

/**
 * The callee's side of a graph's calls: a replica answers a call with an error, turns it away, or queues
 * and serves it: its local work, then its dependency calls (in sequence, or in parallel with a quorum),
 * holding its slot until it answers; the answer travels back over the edge's network delay. The caller's
 * side (graphFlow.ts) sends the tries and hears the answers.
 */
export abstract class GraphCallee {
  protected readonly events: EventQueue;
  protected readonly sc: Float64Array;
  protected readonly c: Float64Array;
  private readonly live = (a: number, gen: number): boolean => this.calls.gen[a] === gen && this.calls.state[a] === G_QUEUED;

  constructor(
    protected readonly k: Kernel,
    protected readonly m: Measurement,
    readonly xs: Exchanges,
    readonly calls: GraphCalls,
    protected readonly sv: Services,
    protected readonly ed: Edges,
    protected readonly stats: ServiceStats,
  ) {
    this.events = k.events;
    this.sc = stats.c;
    this.c = m.c;
  }

  protected count(s: number, k: number): void {
    this.sc[ServiceStats.index(s, k)]!++;
  }

  /** Call a (of service replica g) makes its j-th dependency call: a new exchange on that step's edge. */
  protected abstract startStep(a: number, j: number, t: number): void;
  /** GE_ANSWER: call a's answer reaches its caller. */
  abstract deliver(a: number, t: number): void;

  /** GE_ARRIVE: call a reaches its replica: an error at once, turned away, started, or queued. */
  arrive(a: number, t: number): void {
    const calls = this.calls;
    const sv = this.sv;
    const g = calls.replica[a]!;
    const s = sv.serviceOf[g]!;
    calls.enq[a] = t;
    this.count(s, S_ARRIVALS);
    if (t >= calls.deadline[a]!) {
      this.expire(a, s, t);
      return;
    }
    if (sv.failsFast(g)) {
      this.count(s, S_ERRORS);
      if (s === 0) this.c[C.errors]!++;
      this.answerBack(a, 0, t);
      return;
    }
    if (sv.queued[g] === 0 && sv.canStart(g)) {
      this.startLocal(a, t);
    } else if (sv.queued[g]! >= sv.queueLimit[s]!) {
      this.count(s, S_REJECTED);
      if (s === 0) this.c[C.rejected]!++;
      this.m.noteShed(t);
      this.answerBack(a, 0, t);
    } else {
      calls.state[a] = G_QUEUED;
      sv.enqueue(g, a, calls.gen[a]!, t);
    }
  }

  /** A call dropped past the deadline it carries: its caller has already given up. */
  protected expire(a: number, s: number, t: number): void {
    this.count(s, S_EXPIRED);
    if (s === 0) this.c[C.expired]!++;
    this.m.noteShed(t);
    this.sv.outstanding[this.calls.replica[a]!]!--;
    this.calls.release(a);
  }

  protected startLocal(a: number, t: number): void {
    const calls = this.calls;
    const g = calls.replica[a]!;
    calls.state[a] = G_LOCAL;
    if (this.sv.serviceOf[g] === 0 && this.m.inWindow) {
      const wait = t - calls.enq[a]!;
      this.c[C.waitSum]! += wait;
      this.c[C.waitCount]!++;
      if (wait > this.m.longestWaitS) this.m.longestWaitS = wait;
    }
    this.events.push(t + this.sv.takeSlot(g, t), GE_LOCAL, a, calls.gen[a]!);
  }

  /** GE_LOCAL: call a's local work is done: it answers, or makes its dependency calls. */
  onLocal(a: number, t: number): void {
    const calls = this.calls;
    const s = this.sv.serviceOf[calls.replica[a]!]!;
    const steps = this.ed.steps[s]!;
    if (steps.length === 0) {
      this.finish(a, true, t);
      return;
    }
    calls.state[a] = G_DEPS;
    calls.step[a] = 0;
    calls.ok[a] = 0;
    calls.failed[a] = 0;
    if (this.ed.parallel[s] === 0) {
      this.startStep(a, 0, t);
      return;
    }
    const gen = calls.gen[a]!;
    for (let j = 0; j < steps.length && calls.gen[a] === gen && calls.state[a] === G_DEPS; j++) this.startStep(a, j, t);
  }

  /** Exchange x (one of call a's dependency calls) ended. */
  protected stepDone(a: number, ok: boolean, t: number): void {
    const calls = this.calls;
    const s = this.sv.serviceOf[calls.replica[a]!]!;
    const n = this.ed.steps[s]!.length;
    if (this.ed.parallel[s] === 0) {
      if (!ok) this.finish(a, false, t);
      else if (++calls.step[a]! === n) this.finish(a, true, t);
      else this.startStep(a, calls.step[a]!, t);
      return;
    }
    const quorum = this.ed.quorum[s]!;
    if (ok) {
      if (++calls.ok[a]! >= quorum) this.finish(a, true, t);
    } else if (n - ++calls.failed[a]! < quorum) {
      this.finish(a, false, t);
    }
  }

  /** Call a is done at its replica (good, or an error because a dependency failed): the slot frees, the answer goes back. */
  protected finish(a: number, ok: boolean, t: number): void {
    const calls = this.calls;
    const sv = this.sv;
    const g = calls.replica[a]!;
    const s = sv.serviceOf[g]!;
    sv.leaveSlot(g, t);
    const lat = t - calls.enq[a]!;
    if (ok) {
      this.stats.answered(s, lat);
      if (s === 0) {
        this.c[C.completed]!++;
        this.m.served(lat);
      }
    } else {
      this.count(s, S_ERRORS);
      if (s === 0) this.c[C.errors]!++;
    }
    this.answerBack(a, ok ? 1 : 0, t);
    if (sv.queued[g]! > 0) this.tryStart(g, t);
  }

  /** Start replica g's queued calls while it has free slots, dropping those past their deadline. */
  tryStart(g: number, t: number): void {
    const sv = this.sv;
    while (sv.queued[g]! > 0 && sv.canStart(g)) {
      const a = sv.dequeue(g, t, this.live);
      if (a < 0) return;
      if (t >= this.calls.deadline[a]!) this.expire(a, sv.serviceOf[g]!, t);
      else this.startLocal(a, t);
    }
  }

  /** Call a leaves its replica with its answer (`good` 1 or 0), which reaches the caller after the edge's delay. */
  protected answerBack(a: number, good: number, t: number): void {
    const calls = this.calls;
    const g = calls.replica[a]!;
    this.sv.outstanding[g]!--;
    if (good === 1) this.count(this.sv.serviceOf[g]!, S_OK);
    calls.good[a] = good;
    const d = this.ed.delay(calls.edge[a]!);
    if (d > 0) {
      calls.state[a] = G_BACK;
      this.events.push(t + d, GE_ANSWER, a, calls.gen[a]!);
    } else {
      this.deliver(a, t);
    }
  }
}
