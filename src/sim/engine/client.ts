import type { ClientSpec, RetrySpec, Scenario } from '../scenario/types';
import { backoffDelay } from './backoff';
import type { CacheLayer } from './cacheLayer';
import { ClientGate, GATE_PROBE, GATE_REFUSED, GATE_WAIT } from './clientGate';
import { C as COUNTERS } from './counters';
import { LogHistogram } from './histogram';
import { shardOfKey } from './keySampler';
import { EV_HEDGE, EV_HIT, EV_RETRY, EV_TIMEOUT, type Kernel } from './kernel';
import type { Load } from './load';
import type { EventQueue } from './eventQueue';
import type { Measurement } from './measurement';
import { type Calls, CALL_DONE, CALL_GONE, CALL_QUEUED, CALL_SERVICE, R_BACKOFF, R_HIT, R_WAIT, type Requests } from './records';
import { retryBudgetFor, type RetryBudgetControl } from './retryBudgets';
import { Rng, Stream } from './rng';
import type { Server } from './server';

const C = COUNTERS;

/**
 * The client side: requests and their attempts. An attempt looks in the cache, passes the
 * breaker and the throttle, and sends its calls (one, or `fanout.n` with a quorum, plus hedged
 * copies); it ends when answered, refused past its quorum, or timed out, and then the request
 * succeeds, or retries after a backoff (within the retry budget), or fails.
 */
export class Client {
  private timeoutS = Infinity;
  private maxRetries = 0;
  private baseS = 0;
  sloS = Infinity;
  private retry!: RetrySpec;
  private budget: RetryBudgetControl | null = null;
  /** Admission control, breaker, throttle, rate limit, bulkhead and concurrency limiter. */
  readonly gate: ClientGate;
  /** Calls per attempt, and the answers that complete it. */
  readonly fanoutN: number;
  private readonly quorum: number;
  /** With partitions an attempt calls the shard of its key; with a fan-out, every backend. */
  private readonly partitioned: boolean;
  private readonly stations: number;
  private readonly hedgePercentile: number;
  private hedgeDelayS = Infinity;
  /** Latency of primary calls (cancelled ones at their cancellation), for the hedge delay. */
  readonly callLatency: LogHistogram | null;
  /** The last attempt id handed out (ids are unique over the run; 0 = none). */
  private attemptSeq = 0;
  private readonly rngJitter: Rng;
  private readonly c: Float64Array;
  private readonly maxInFlight: number;

  // The kernel's queue and tables, held directly: the hot path reads their columns.
  private readonly events: EventQueue;
  private readonly requests: Requests;
  private readonly calls: Calls;

  // Set once by `connect`; declared, not initialised, so the first value fixes the fields' types.
  private declare server: Server;
  private declare load: Load;
  private declare cache: CacheLayer;

  constructor(
    private readonly k: Kernel,
    private readonly m: Measurement,
    scenario: Scenario,
  ) {
    this.c = m.c;
    this.maxInFlight = k.maxInFlight;
    this.events = k.events;
    this.requests = k.requests;
    this.calls = k.calls;
    this.rngJitter = new Rng(scenario.seed, Stream.jitter);
    this.gate = new ClientGate(scenario.seed, k, this);
    this.stations = m.stations;
    this.fanoutN = scenario.fanout?.n ?? 1;
    this.quorum = scenario.fanout === null ? 1 : (scenario.fanout.quorum ?? scenario.fanout.n);
    this.partitioned = scenario.partitions !== null;
    this.hedgePercentile = scenario.fanout?.hedge?.percentile ?? 0;
    this.callLatency = this.hedgePercentile > 0 ? new LogHistogram() : null;
  }

  connect(server: Server, load: Load, cache: CacheLayer): void {
    this.server = server;
    this.load = load;
    this.cache = cache;
  }

  /** Put the client parameters in force at time t; the budget, breaker and throttle keep their state when retuned. */
  configure(cl: ClientSpec, t: number): void {
    this.timeoutS = cl.timeout ?? Infinity;
    this.maxRetries = cl.retry.maxRetries;
    this.baseS = cl.retry.base;
    this.retry = cl.retry;
    this.sloS = cl.slo ?? Infinity;
    this.budget = retryBudgetFor(cl.retry.budget, this.budget, t);
    this.gate.configure(cl, t);
  }

  /** A bin closed: hedging waits for this quantile of the backend latency seen so far (see callLatency). */
  binClosed(): void {
    if (this.callLatency !== null) this.hedgeDelayS = this.callLatency.quantile(this.hedgePercentile) ?? Infinity;
  }

  /** A user's request arrives (from closed-loop `client`, or −1): its first attempt leaves at once. */
  newRequest(t: number, client: number): void {
    const requests = this.requests;
    const maxInFlight = this.maxInFlight;
    if (requests.live >= maxInFlight) {
      this.k.stop(t, `requests in flight reached limits.maxInFlight (${maxInFlight}) at t = ${t.toFixed(3)} s; the run stopped there`);
      return;
    }
    const r = requests.alloc();
    requests.first[r] = t;
    requests.tries[r] = 0;
    requests.prevDelay[r] = this.baseS;
    requests.client[r] = client;
    requests.clientGen[r] = client >= 0 ? this.load.clientGen[client]! : 0;
    const key = this.load.drawKey();
    requests.key[r] = key;
    requests.prio[r] = this.m.classes === null ? 0 : this.m.classes.draw();
    if (this.partitioned) this.m.stOffered[shardOfKey(key, this.stations)]!++;
    this.c[C.arrivals]!++;
    // Admission control judges a request once, before its attempts; a request it rejects is not in its counts.
    if (!this.gate.admitRequest(t)) this.refuse(r, t, false);
    else this.sendAttempt(r, t);
  }

  /** An attempt (the first or a retry) leaves: a cache lookup, then one call (or `fanout.n`) to the servers. */
  sendAttempt(r: number, t: number): void {
    const c = this.c;
    const requests = this.requests;
    const store = this.cache.store;
    if (store !== null) {
      if (store.isFresh(requests.key[r]!, t)) {
        c[C.attempts]!++;
        c[C.hits]!++;
        requests.state[r] = R_HIT;
        this.events.push(t + this.cache.hitLatencyS, EV_HIT, r, requests.gen[r]!);
        return;
      }
    }
    if (this.budget !== null && requests.tries[r] === 0) this.budget.requestStarted(t);
    const pass = this.gate.active ? this.gate.pass(r, requests.gen[r]!, t) : 0;
    if (pass === GATE_REFUSED) {
      this.refuse(r, t, true);
      return;
    }
    if (pass >= GATE_WAIT) this.gate.waitForPlace(r, t, pass & GATE_PROBE);
    else this.dispatch(r, t, pass);
  }

  /** The attempt leaves, past the client's controls (after any wait for a bulkhead place): its calls go to the servers. */
  dispatch(r: number, t: number, probe: number): void {
    const c = this.c;
    const requests = this.requests;
    const store = this.cache.store;
    if (this.gate.limiter !== null && !this.gate.launch(r, requests.gen[r]!, t, probe)) {
      this.refuse(r, t, true);
      this.gate.wake(t);
      return;
    }
    const maxInFlight = this.maxInFlight;
    if (this.calls.live + this.fanoutN > maxInFlight) {
      this.k.stop(t, `calls held by the servers reached limits.maxInFlight (${maxInFlight}) at t = ${t.toFixed(3)} s; the run stopped there`);
      return;
    }
    c[C.attempts]!++;
    if (this.budget !== null) this.budget.attemptStarted();
    if (store !== null) c[C.misses]!++;
    const id = ++this.attemptSeq;
    requests.attempt[r] = id;
    if (this.fanoutN > 1) {
      requests.answers[r] = 0;
      requests.refused[r] = 0;
    }
    requests.calls[r] = -1;
    if (this.gate.breaker !== null) requests.probe[r] = probe;
    requests.state[r] = R_WAIT;
    // One call to the key's shard, the one server, or each backend; a refusal can end the attempt and retry at once.
    const n = this.fanoutN;
    for (let k = 0; k < n && requests.attempt[r] === id; k++) {
      this.sendCall(r, id, this.partitioned ? shardOfKey(requests.key[r]!, this.stations) : k, t, 0);
    }
    if (requests.attempt[r] === id && this.timeoutS !== Infinity) this.events.push(t + this.timeoutS, EV_TIMEOUT, r, id);
  }

  /** One call of attempt `id` to station k (a hedged copy when `hedge` is 1); returns the call. */
  private sendCall(r: number, id: number, k: number, t: number, hedge: number): number {
    const calls = this.calls;
    const requests = this.requests;
    const a = calls.alloc();
    calls.request[a] = r;
    calls.attempt[a] = id;
    calls.station[a] = k;
    calls.enq[a] = t;
    calls.prio[a] = requests.prio[r]!;
    if (this.cache.store !== null) {
      calls.key[a] = requests.key[r]!;
      calls.miss[a] = 1;
    } else {
      calls.miss[a] = 0;
    }
    if (this.hedgePercentile > 0) {
      calls.hedge[a] = hedge;
      calls.peer[a] = -1;
    }
    calls.next[a] = requests.calls[r]!;
    requests.calls[r] = a;
    this.c[C.calls]!++;
    if (this.stations > 1 && !this.partitioned) this.m.stOffered[k]!++;
    if (!this.server.receive(a, t)) return a;
    if (this.hedgePercentile > 0 && hedge === 0 && this.hedgeDelayS !== Infinity) {
      this.events.push(t + this.hedgeDelayS, EV_HEDGE, a, calls.gen[a]!);
    }
    return a;
  }

  /** Whether the client still waits on this call's attempt. */
  callLive(a: number): boolean {
    const calls = this.calls;
    const requests = this.requests;
    const r = calls.request[a]!;
    return calls.attempt[a] === requests.attempt[r] && requests.state[r] === R_WAIT;
  }

  /** A call was turned away (queue full) or shed (CoDel): the attempt fails once its quorum is out of reach. */
  callRefused(a: number, t: number): void {
    const calls = this.calls;
    if (!this.callLive(a)) {
      calls.release(a);
      return;
    }
    calls.state[a] = CALL_GONE;
    calls.gen[a]!++;
    if (this.hedgePercentile > 0 && calls.hedge[a] === 1) return;
    const r = calls.request[a]!;
    const requests = this.requests;
    if (this.fanoutN === 1 || this.fanoutN - ++requests.refused[r]! < this.quorum) {
      const probe = requests.probe[r]!;
      this.endAttempt(r, t, false);
      this.attemptFailed(r, t, probe, false);
    }
  }

  /** A server answered call a (of station k); counts it toward its attempt, or as wasted work if nobody waits. */
  callAnswered(a: number, k: number, t: number): void {
    const calls = this.calls;
    const live = this.callLive(a);
    const store = this.cache.store;
    if (store !== null && calls.miss[a] === 1 && (live || this.cache.readThrough)) store.fill(calls.key[a]!, t);
    if (!live) {
      this.c[C.wasted]!++;
      calls.release(a);
      return;
    }
    const r = calls.request[a]!;
    if (this.fanoutN === 1 && this.hedgePercentile === 0) {
      // One call per attempt: its answer ends the attempt, and the call is the attempt's only one
      // (the request is freed at once, which ends its attempt).
      calls.release(a);
    } else {
      calls.state[a] = CALL_DONE;
      if (this.hedgePercentile > 0) {
        // The loser shares this call's backend, whose slots are refilled by the server.
        const peer = calls.peer[a]!;
        if (peer >= 0) this.server.cancel(peer, t, false);
      }
      if (this.stations > 1 && !this.partitioned) this.m.stGood[k]!++;
      if (this.fanoutN !== 1 && ++this.requests.answers[r]! < this.quorum) return;
      this.endAttempt(r, t, false);
    }
    this.answered(r, t);
  }

  /**
   * The attempt in progress ends (answered, failed or timed out): free its finished calls and
   * leave those still at a server as orphans, or cancel them (`cancelOnTimeout`). Slots freed by
   * cancelling are refilled only after the walk, so no call of this list is freed under it.
   */
  private endAttempt(r: number, t: number, cancel: boolean): void {
    const calls = this.calls;
    const requests = this.requests;
    let a = requests.calls[r]!;
    requests.calls[r] = -1;
    requests.attempt[r] = 0;
    let restart = -1;
    let restartMany = false;
    while (a >= 0) {
      const next = calls.next[a]!;
      const state = calls.state[a];
      if (state === CALL_DONE || state === CALL_GONE) calls.release(a);
      else if (cancel) {
        if (state === CALL_SERVICE) {
          const k = calls.station[a]!;
          if (restart < 0) restart = k;
          else if (restart !== k) restartMany = true;
        }
        this.server.cancel(a, t, false);
        calls.release(a);
      }
      a = next;
    }
    if (restartMany) this.server.tryStartAll(t);
    else if (restart >= 0) this.server.tryStart(restart, t);
  }

  /** EV_TIMEOUT: the attempt in progress timed out. */
  onTimeout(r: number, t: number): void {
    if (this.requests.state[r] !== R_WAIT) return;
    const c = this.c;
    c[C.timedOut]!++;
    c[C.timeoutsFired]!++;
    const probe = this.requests.probe[r]!;
    this.endAttempt(r, t, this.server.cancelOnTimeout);
    this.attemptFailed(r, t, probe, true);
  }

  /** EV_HEDGE: a call still unanswered after the hedge delay: send a copy to the same backend; the first answer wins. */
  onHedge(a: number, t: number): void {
    const calls = this.calls;
    const state = calls.state[a];
    if ((state !== CALL_QUEUED && state !== CALL_SERVICE) || calls.peer[a]! >= 0 || !this.callLive(a)) return;
    if (calls.live >= this.maxInFlight) return;
    const r = calls.request[a]!;
    this.c[C.hedges]!++;
    const copy = this.sendCall(r, calls.attempt[a]!, calls.station[a]!, t, 1);
    // `calls` is the table, not a column: the columns read here are the current ones even if it grew.
    if (calls.state[copy] === CALL_QUEUED || calls.state[copy] === CALL_SERVICE) {
      calls.peer[a] = copy;
      calls.peer[copy] = a;
    }
  }

  /** An attempt timed out, or was turned away or answered with an error: retry if the policy and the budget allow, else fail. */
  private attemptFailed(r: number, t: number, probe: number, timedOut: boolean): void {
    if (this.budget !== null) this.budget.attemptEnded(r, false);
    if (this.gate.active) this.gate.attemptEnded(r, this.requests.gen[r]!, t, false, probe);
    const requests = this.requests;
    const giveUp = requests.tries[r]! >= this.maxRetries;
    if (!giveUp && this.budget !== null && !this.budget.allowRetry(r, t, timedOut)) {
      this.refuse(r, t, true);
      return;
    }
    if (giveUp) {
      this.fail(r, t, true);
      return;
    }
    const k = ++requests.tries[r]!;
    const delay = backoffDelay(this.retry, k, requests.prevDelay[r]!, this.rngJitter);
    requests.prevDelay[r] = delay;
    if (delay > 0) {
      requests.state[r] = R_BACKOFF;
      this.events.push(t + delay, EV_RETRY, r, requests.gen[r]!);
    } else {
      this.sendAttempt(r, t);
    }
  }

  /** The server answered an attempt in time: the client's controls learn of it, and the request succeeds. */
  private answered(r: number, t: number): void {
    if (this.budget !== null) this.budget.attemptEnded(r, true);
    if (this.gate.active) this.gate.attemptEnded(r, this.requests.gen[r]!, t, true, this.requests.probe[r]!);
    this.succeed(r, t);
  }

  /** The request succeeded (answered by a server, or EV_HIT: by the cache). */
  succeed(r: number, t: number): void {
    const requests = this.requests;
    this.c[C.succeeded]!++;
    if (this.partitioned) this.m.stGood[shardOfKey(requests.key[r]!, this.stations)]!++;
    this.m.success(t - requests.first[r]!, this.sloS);
    if (this.m.classes !== null) this.m.classes.succeeded(requests.prio[r]!);
    this.gate.requestEnded(t, true, true);
    this.endRequest(r, t);
  }

  /** Refused by a control of the client (the request fails); `admitted`: past admission control. */
  refuse(r: number, t: number, admitted: boolean): void {
    this.c[C.refused]!++;
    this.m.noteShed(t);
    this.fail(r, t, admitted);
  }

  private fail(r: number, t: number, admitted: boolean): void {
    this.c[C.failed]!++;
    this.m.failure(t - this.requests.first[r]!, this.sloS);
    if (this.m.classes !== null) this.m.classes.failed(this.requests.prio[r]!);
    this.gate.requestEnded(t, false, admitted);
    this.endRequest(r, t);
  }

  private endRequest(r: number, t: number): void {
    const requests = this.requests;
    const client = requests.client[r]!;
    const gen = requests.clientGen[r]!;
    if (this.budget !== null) this.budget.requestEnded(r);
    requests.release(r);
    this.load.requestEnded(client, gen, t);
  }
}
