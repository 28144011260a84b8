import type { BulkheadSpec, ClientSpec } from '../scenario/types';
import { AdmissionControl, TokenBucket } from './admission';
import { Bulkhead } from './bulkhead';
import { AdaptiveThrottle, CircuitBreaker, inForce } from './clientControls';
import { ServerLimiter } from './limiters/serverLimiter';
import type { Client } from './client';
import { EV_GATE, type Kernel } from './kernel';
import { R_GATE } from './records';
import { Rng, Stream } from './rng';

/** `pass` refused the attempt. */
export const GATE_REFUSED = -1;
/** `pass` let the attempt through as a half-open breaker's probe. */
export const GATE_PROBE = 1;
/** `pass` found the bulkhead full: the attempt waits for a place (with GATE_PROBE when it is a probe). */
export const GATE_WAIT = 2;

/** A bulkhead turned off mid-run keeps counting the places it gave, but bounds nothing. */
const UNBOUNDED: BulkheadSpec = { maxConcurrentCalls: Infinity, maxWait: 0 };

/**
 * The client's controls in front of its attempts: admission control judges each new request once; the breaker,
 * the throttle, the rate limit and the bulkhead judge every attempt that misses the cache, in that order; the
 * concurrency limiter judges it as it leaves (after any wait for a bulkhead place). The gate also hears how each
 * attempt it let through ended, and how each request ended.
 */
export class ClientGate {
  breaker: CircuitBreaker | null = null;
  private throttle: AdaptiveThrottle | null = null;
  private admission: AdmissionControl | null = null;
  private rateLimit: TokenBucket | null = null;
  bulkhead: Bulkhead | null = null;
  /** The adaptive concurrency limiter on the attempts in flight (one "station": the client). */
  limiter: ServerLimiter | null = null;
  /** Whether any control judges attempts or hears how they end (else the client skips the gate). */
  active = false;
  private readonly rngThrottle: Rng;
  private readonly rngAdmission: Rng;
  /** The last wait for a bulkhead place handed out: waits are numbered −1, −2, … (attempts 1, 2, …). */
  private waitSeq = 0;
  /** Set while waiting attempts take freed bulkhead places (a place freed meanwhile is taken by that loop). */
  private waking = false;

  constructor(
    private readonly seed: number,
    private readonly k: Kernel,
    private readonly client: Client,
  ) {
    this.rngThrottle = new Rng(seed, Stream.throttle);
    this.rngAdmission = new Rng(seed, Stream.admission);
  }

  /** Put the controls in force at t; each keeps its state when retuned. */
  configure(cl: ClientSpec, t: number): void {
    this.breaker = inForce(cl.breaker, this.breaker, (s) => new CircuitBreaker(s), t);
    this.throttle = inForce(cl.throttle, this.throttle, (s) => new AdaptiveThrottle(s), t);
    this.admission = inForce(cl.admission, this.admission, (s) => new AdmissionControl(s), t);
    this.rateLimit = inForce(cl.rateLimit, this.rateLimit, (s, at) => new TokenBucket(s, at), t);
    // Once made, the bulkhead stays (unbounded when turned off): attempts holding a place and those waiting keep them.
    if (cl.bulkhead !== null || this.bulkhead !== null) this.bulkhead = inForce(cl.bulkhead ?? UNBOUNDED, this.bulkhead, (s) => new Bulkhead(s), t);
    // A changed limiter starts afresh: attempts admitted by the old one end without a sample.
    if (JSON.stringify(cl.limiter) !== JSON.stringify(this.limiter?.spec ?? null)) {
      this.limiter = cl.limiter === null ? null : new ServerLimiter(cl.limiter, 1, this.seed, Stream.clientLimiter);
    }
    this.active = this.breaker !== null || this.throttle !== null || this.rateLimit !== null || this.bulkhead !== null || this.limiter !== null;
  }

  /** Admission control's judgement of a new request at t (true when it is off). */
  admitRequest(t: number): boolean {
    return this.admission === null || this.admission.admit(t, this.rngAdmission);
  }

  /**
   * May request r's attempt (r's generation `gen`) leave at t? GATE_REFUSED; else GATE_PROBE for a half-open
   * breaker's probe (else 0), plus GATE_WAIT when it must wait for a bulkhead place (it took one otherwise). A probe
   * that a later control refuses counts as a failed probe, as resilience4j records a rejection (else its place leaks).
   */
  pass(r: number, gen: number, t: number): number {
    let probe = 0;
    const breaker = this.breaker;
    if (breaker !== null) {
      if (!breaker.allow(t)) return GATE_REFUSED;
      probe = breaker.isHalfOpen ? GATE_PROBE : 0;
    }
    if ((this.throttle !== null && !this.throttle.allow(t, this.rngThrottle)) || (this.rateLimit !== null && !this.rateLimit.take(t))) {
      this.refusedProbe(t, probe);
      return GATE_REFUSED;
    }
    const bulkhead = this.bulkhead;
    if (bulkhead !== null) {
      if (bulkhead.hasRoom) bulkhead.take(r, gen);
      else if (bulkhead.spec.maxWait > 0) return probe | GATE_WAIT;
      else {
        this.refusedProbe(t, probe);
        return GATE_REFUSED;
      }
    }
    return probe;
  }

  /** A half-open probe refused at t after the breaker let it through counts as a failed probe. */
  refusedProbe(t: number, probe: number): void {
    if ((probe & GATE_PROBE) !== 0) this.breaker!.onOutcome(t, false, true);
  }

  /**
   * Request r's attempt, past the other controls (and holding its bulkhead place), leaves at t if the concurrency
   * limiter admits it; refused, it gives its bulkhead place back (the caller wakes the next in line).
   */
  launch(r: number, gen: number, t: number, probe: number): boolean {
    const limiter = this.limiter;
    if (limiter === null || limiter.admit(r, gen, 0, t)) return true;
    if (this.bulkhead !== null) this.bulkhead.release(r, gen);
    this.refusedProbe(t, probe);
    return false;
  }

  /**
   * Request r's attempt, which the gate let through, ended at t: answered (`ok`), or failed (timed out, refused or
   * answered with an error by the server); `probe`: it was a half-open probe. It gives back its bulkhead place and
   * its limiter place, the limiter taking its round trip as a sample (a drop unless answered); a freed bulkhead place
   * goes to the first attempt waiting.
   */
  attemptEnded(r: number, gen: number, t: number, ok: boolean, probe: number): void {
    if (this.breaker !== null) this.breaker.onOutcome(t, ok, probe === GATE_PROBE);
    if (ok && this.throttle !== null) this.throttle.onAccept(t);
    if (this.limiter !== null) this.limiter.release(r, gen, 0, t, !ok);
    if (this.bulkhead !== null) {
      this.bulkhead.release(r, gen);
      this.wake(t);
    }
  }

  /** A request ended at t; `admitted`: admission control had let it in (its outcome then counts there). */
  requestEnded(t: number, ok: boolean, admitted: boolean): void {
    if (admitted && this.admission !== null) this.admission.record(t, ok);
  }

  /** The bulkhead's and the limiter's counts checked against the request records (for tests). */
  selfCheck(): string[] {
    const problems: string[] = [];
    const requests = this.k.requests;
    const bulkhead = this.bulkhead;
    if (bulkhead !== null) {
      const held = bulkhead.heldCount(requests.gen, requests.top);
      if (held !== bulkhead.inFlight) problems.push(`bulkhead: ${held} requests hold a place, counted ${bulkhead.inFlight}`);
      let waiting = 0;
      for (let r = 0; r < requests.top; r++) if (requests.state[r] === R_GATE) waiting++;
      if (waiting !== bulkhead.waiting) problems.push(`bulkhead: ${waiting} requests wait, counted ${bulkhead.waiting}`);
    }
    if (this.limiter !== null) problems.push(...this.limiter.selfCheck(requests.gen, requests.top, 'attempts'));
    return problems;
  }

  /** The bulkhead is full: request r's attempt waits in line for a place, at most `maxWait` seconds (EV_GATE then). */
  waitForPlace(r: number, t: number, probe: number): void {
    const requests = this.k.requests;
    const bulkhead = this.bulkhead!;
    const id = --this.waitSeq;
    requests.attempt[r] = id;
    requests.state[r] = R_GATE;
    requests.probe[r] = probe;
    bulkhead.line.pushBack(r, id);
    bulkhead.waiting++;
    this.k.events.push(t + bulkhead.spec.maxWait, EV_GATE, r, id);
  }

  /** Freed bulkhead places go to the attempts waiting, first come first served; each then leaves at t. */
  wake(t: number): void {
    const bulkhead = this.bulkhead;
    if (bulkhead === null || this.waking) return;
    this.waking = true;
    const requests = this.k.requests;
    const line = bulkhead.line;
    while (bulkhead.canWake && line.length > 0 && this.k.stopped === null) {
      line.popFront();
      const r = line.id;
      if (requests.state[r] !== R_GATE || requests.attempt[r] !== line.gen) continue;
      bulkhead.waiting--;
      bulkhead.take(r, requests.gen[r]!);
      this.client.dispatch(r, t, requests.probe[r]!);
    }
    if (bulkhead.waiting === 0) line.clear();
    this.waking = false;
  }

  /** EV_GATE: request r's attempt waited `maxWait` for a bulkhead place: it takes one if its turn came, else it is refused. */
  waitEnded(r: number, t: number): void {
    this.wake(t);
    const requests = this.k.requests;
    if (requests.state[r] !== R_GATE) return;
    this.bulkhead!.waiting--;
    requests.attempt[r] = 0;
    this.refusedProbe(t, requests.probe[r]!);
    this.client.refuse(r, t, true);
  }
}
