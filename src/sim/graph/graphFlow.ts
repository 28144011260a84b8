import { backoffDelay } from '../engine/backoff';
import { C } from '../engine/counters';
import type { EdgeControls } from './edges';
import { GE_ARRIVE, GE_GATE, GE_RETRY, GE_TIMEOUT, GraphCallee } from './graphCallee';
import { G_DEPS, G_OUT, X_BACKOFF, X_GATE, X_WAIT } from './graphRecords';
import { S_OFFERED, S_TIMEOUTS, S_WASTED } from './serviceStats';

export { GE_ANSWER, GE_ARRIVE, GE_GATE, GE_LOCAL, GE_RETRY, GE_TIMEOUT } from './graphCallee';

/** Where a user's request ends: the load's closed loop hears of it. */
export interface RequestEnd {
  requestEnded(client: number, gen: number, t: number): void;
}

/**
 * How calls move through a graph: a caller's exchange sends tries (through its edge's controls, over the
 * network, to the replica its callee's balancer picks); the replica answers with an error, turns the call
 * away, or queues and serves it: its local work, then its dependency calls (each an exchange of its own),
 * holding its slot until it answers. An answer travels back; the caller's exchange succeeds, retries after
 * a backoff, or fails, and tells its own caller. The users' requests are the exchanges of edge 0.
 */
export class GraphFlow extends GraphCallee {
  private attemptSeq = 0;
  sloS = Infinity;
  declare load: RequestEnd;

  /** The controls exchange x's caller replica keeps on its edge. */
  private controlsOf(x: number): EdgeControls {
    return this.ed.controls[this.xs.edge[x]!]![this.xs.from[x]!]!;
  }

  /** A new exchange starts: admission control judges it once, before its tries; then its first try leaves. */
  private begin(x: number, t: number): void {
    const admission = this.controlsOf(x).admission;
    if (admission !== null && !admission.admit(t, this.ed.rngAdmission)) this.refuse(x, t, false);
    else this.sendTry(x, t);
  }

  /** A user's request arrives (closed-loop `client`, or −1). */
  newRequest(t: number, client: number, clientGen: number): void {
    this.c[C.arrivals]!++;
    const x = this.newExchange(0, -1, 0, 0, Infinity, t);
    if (x < 0) return;
    this.xs.client[x] = client;
    this.xs.clientGen[x] = clientGen;
    this.begin(x, t);
  }

  private newExchange(e: number, parent: number, parentGen: number, from: number, deadline: number, t: number): number {
    const xs = this.xs;
    if (xs.live + this.calls.live >= this.k.maxInFlight) {
      this.k.stop(t, `exchanges and calls in flight reached limits.maxInFlight (${this.k.maxInFlight}) at t = ${t.toFixed(3)} s; the run stopped there`);
      return -1;
    }
    const x = xs.alloc();
    xs.edge[x] = e;
    xs.parent[x] = parent;
    xs.parentGen[x] = parentGen;
    xs.from[x] = from;
    xs.first[x] = t;
    xs.deadline[x] = deadline;
    xs.prevDelay[x] = this.ed.retry[e]!.base;
    xs.client[x] = -1;
    return x;
  }

  /**
   * A try of exchange x leaves, unless the edge's controls refuse it: the breaker, the throttle, the rate limit and
   * the bulkhead judge it in that order (as the one-server client's gate does); a full bulkhead with a `maxWait`
   * makes it wait in line for a place; the concurrency limiter judges it as it leaves.
   */
  sendTry(x: number, t: number): void {
    const xs = this.xs;
    const ed = this.ed;
    const e = xs.edge[x]!;
    const ctl = this.controlsOf(x);
    if (t >= xs.deadline[x]!) {
      this.fail(x, t);
      return;
    }
    if (ctl.budget !== null && xs.tries[x] === 0) ctl.budget.requestStarted(t);
    let probe = 0;
    let refused = false;
    if (ctl.breaker !== null) {
      if (!ctl.breaker.allow(t)) refused = true;
      else probe = ctl.breaker.isHalfOpen ? 1 : 0;
    }
    if (!refused && ctl.throttle !== null && !ctl.throttle.allow(t, ed.rngThrottle)) refused = true;
    if (!refused && ctl.rateLimit !== null && !ctl.rateLimit.take(t)) refused = true;
    // First come, first served: a try waits behind those already in line even when a place has just freed.
    if (!refused && (ctl.inFlight >= ed.bulkhead[e]! || ctl.waiting.length > 0)) {
      if (ed.bulkheadWait[e]! > 0) {
        xs.probe[x] = probe;
        xs.state[x] = X_GATE;
        ctl.waiting.push(x, xs.gen[x]!);
        this.events.push(t + ed.bulkheadWait[e]!, GE_GATE, x, xs.gen[x]!);
        return;
      }
      refused = true;
    }
    if (refused) {
      this.refuse(x, t, true, probe);
      return;
    }
    this.launch(x, t, probe);
  }

  /** GE_GATE: exchange x waited `maxWait` for a bulkhead place in vain: refused. */
  onGateExpired(x: number, t: number): void {
    const xs = this.xs;
    if (xs.state[x] !== X_GATE) return;
    const ctl = this.controlsOf(x);
    const w = ctl.waiting;
    for (let i = 0; i < w.length; i += 2) {
      if (w[i] === x && w[i + 1] === xs.gen[x]) {
        w.splice(i, 2);
        break;
      }
    }
    this.refuse(x, t, true, xs.probe[x]);
  }

  /** The try of exchange x, past its edge's controls, takes a place (bulkhead, limiter) and its call leaves. */
  private launch(x: number, t: number, probe: number): void {
    const xs = this.xs;
    const ed = this.ed;
    const e = xs.edge[x]!;
    const from = xs.from[x]!;
    const ctl = ed.controls[e]![from]!;
    const calls = this.calls;
    if (xs.live + calls.live >= this.k.maxInFlight) {
      this.k.stop(t, `exchanges and calls in flight reached limits.maxInFlight (${this.k.maxInFlight}) at t = ${t.toFixed(3)} s; the run stopped there`);
      return;
    }
    const id = ++this.attemptSeq;
    if (ctl.limiter !== null && !ctl.limiter.admit(x, id, from, t)) {
      this.refuse(x, t, true, probe);
      return;
    }
    if (e === 0) {
      this.c[C.attempts]!++;
      this.c[C.calls]!++;
    }
    if (xs.tries[x] === 0) this.count(ed.to[e]!, S_OFFERED);
    if (ctl.budget !== null) ctl.budget.attemptStarted();
    ctl.inFlight++;
    const a = calls.alloc();
    const g = this.sv.pick(ed.to[e]!);
    this.sv.outstanding[g]!++;
    calls.x[a] = x;
    calls.attempt[a] = id;
    calls.edge[a] = e;
    calls.replica[a] = g;
    const end = t + ed.timeoutS[e]!;
    const limit = end < xs.deadline[x]! ? end : xs.deadline[x]!;
    calls.deadline[a] = ed.propagate[e] === 1 ? limit : Infinity;
    xs.attempt[x] = id;
    xs.call[x] = a;
    xs.probe[x] = probe;
    xs.state[x] = X_WAIT;
    if (limit !== Infinity) this.events.push(limit, GE_TIMEOUT, x, id);
    const d = ed.delay(e);
    if (d > 0) {
      calls.state[a] = G_OUT;
      this.events.push(t + d, GE_ARRIVE, a, calls.gen[a]!);
    } else {
      this.arrive(a, t);
    }
  }

  /** Call a makes its j-th dependency call. */
  protected startStep(a: number, j: number, t: number): void {
    const calls = this.calls;
    const g = calls.replica[a]!;
    const s = this.sv.serviceOf[g]!;
    const e = this.ed.steps[s]![j]!;
    const deadline = this.ed.propagate[e] === 1 ? calls.deadline[a]! : Infinity;
    const x = this.newExchange(e, a, calls.gen[a]!, g - this.sv.first[s]!, deadline, t);
    if (x < 0) return;
    this.begin(x, t);
  }

  /** GE_ANSWER: call a's answer reaches its caller, who may have stopped waiting. */
  deliver(a: number, t: number): void {
    const calls = this.calls;
    const xs = this.xs;
    const x = calls.x[a]!;
    const good = calls.good[a] === 1;
    const id = calls.attempt[a]!;
    const s = this.sv.serviceOf[calls.replica[a]!]!;
    calls.release(a);
    if (xs.attempt[x] !== id || xs.state[x] !== X_WAIT) {
      if (good) {
        this.count(s, S_WASTED);
        if (s === 0) this.c[C.wasted]!++;
      }
      return;
    }
    this.endTry(x, t, good);
    const ctl = this.controlsOf(x);
    if (!good) {
      this.tryFailed(x, t, false);
      return;
    }
    if (ctl.budget !== null) ctl.budget.attemptEnded(x, true);
    if (ctl.breaker !== null) ctl.breaker.onOutcome(t, true, xs.probe[x] === 1);
    if (ctl.throttle !== null) ctl.throttle.onAccept(t);
    this.succeed(x, t);
  }

  /**
   * The try in progress of exchange x ends at t (`good`: answered well): its limiter sample and place, and its
   * bulkhead place, which the first exchange waiting in line takes; a late answer finds nobody waiting.
   */
  private endTry(x: number, t: number, good: boolean): void {
    const xs = this.xs;
    const from = xs.from[x]!;
    const ctl = this.ed.controls[xs.edge[x]!]![from]!;
    if (ctl.limiter !== null) ctl.limiter.release(x, xs.attempt[x]!, from, t, !good);
    xs.attempt[x] = 0;
    xs.call[x] = -1;
    ctl.inFlight--;
    // Hand the free places to the line in order; one the limiter refuses passes on to the next.
    const w = ctl.waiting;
    const max = this.ed.bulkhead[xs.edge[x]!]!;
    while (w.length > 0 && ctl.inFlight < max) {
      const next = w.shift()!;
      const gen = w.shift()!;
      if (xs.state[next] !== X_GATE || xs.gen[next] !== gen) continue;
      this.launch(next, t, xs.probe[next]!);
    }
  }

  /** GE_TIMEOUT: the try of exchange x timed out (at its timeout, or at the deadline passed down). */
  onTimeout(x: number, t: number): void {
    const xs = this.xs;
    if (xs.state[x] !== X_WAIT) return;
    const e = xs.edge[x]!;
    this.count(this.ed.to[e]!, S_TIMEOUTS);
    if (e === 0) {
      this.c[C.timedOut]!++;
      this.c[C.timeoutsFired]!++;
    }
    this.endTry(x, t, false);
    this.tryFailed(x, t, true);
  }

  /** A try failed (an error, turned away, or timed out): retry if the policy, the budget and the deadline allow, else fail. */
  private tryFailed(x: number, t: number, timedOut: boolean): void {
    const xs = this.xs;
    const e = xs.edge[x]!;
    const ctl = this.controlsOf(x);
    if (ctl.budget !== null) ctl.budget.attemptEnded(x, false);
    if (ctl.breaker !== null) ctl.breaker.onOutcome(t, false, xs.probe[x] === 1);
    const giveUp = xs.tries[x]! >= this.ed.maxRetries[e]! || t >= xs.deadline[x]!;
    if (!giveUp && ctl.budget !== null && !ctl.budget.allowRetry(x, t, timedOut)) {
      this.refuse(x, t, true);
      return;
    }
    if (giveUp) {
      this.fail(x, t);
      return;
    }
    const k = ++xs.tries[x]!;
    const delay = backoffDelay(this.ed.retry[e]!, k, xs.prevDelay[x]!, this.ed.rngJitter);
    xs.prevDelay[x] = delay;
    if (delay > 0) {
      xs.state[x] = X_BACKOFF;
      this.events.push(t + delay, GE_RETRY, x, xs.gen[x]!);
    } else {
      this.sendTry(x, t);
    }
  }

  /** GE_RETRY: the backoff of exchange x ended. */
  onRetry(x: number, t: number): void {
    if (this.xs.state[x] === X_BACKOFF) this.sendTry(x, t);
  }

  /** Refused by a control of its edge (bulkhead, breaker, throttle, rate limit, budget, admission): the exchange fails. */
  private refuse(x: number, t: number, admitted: boolean, probe = 0): void {
    const xs = this.xs;
    const ctl = this.controlsOf(x);
    if (probe === 1) ctl.breaker!.onOutcome(t, false, true);
    if (xs.edge[x] === 0) this.c[C.refused]!++;
    this.m.noteShed(t);
    if (admitted && ctl.admission !== null) ctl.admission.record(t, false);
    this.end(x, false, t);
  }

  private fail(x: number, t: number): void {
    const ctl = this.controlsOf(x);
    if (ctl.admission !== null) ctl.admission.record(t, false);
    this.end(x, false, t);
  }

  private succeed(x: number, t: number): void {
    const ctl = this.controlsOf(x);
    if (ctl.admission !== null) ctl.admission.record(t, true);
    this.end(x, true, t);
  }

  /** Exchange x ends: a user's request succeeds or fails; a dependency call tells the call that made it. */
  private end(x: number, ok: boolean, t: number): void {
    const xs = this.xs;
    const e = xs.edge[x]!;
    const ctl = this.controlsOf(x);
    if (ctl.budget !== null) ctl.budget.requestEnded(x);
    const parent = xs.parent[x]!;
    const parentGen = xs.parentGen[x]!;
    const first = xs.first[x]!;
    const client = xs.client[x]!;
    const clientGen = xs.clientGen[x]!;
    xs.release(x);
    if (e === 0) {
      if (ok) {
        this.c[C.succeeded]!++;
        this.m.success(t - first, this.sloS);
      } else {
        this.c[C.failed]!++;
        this.m.failure(t - first, this.sloS);
      }
      this.load.requestEnded(client, clientGen, t);
      return;
    }
    if (this.calls.gen[parent] === parentGen && this.calls.state[parent] === G_DEPS) this.stepDone(parent, ok, t);
  }
}
