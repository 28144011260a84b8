import type { ClientSpec } from '../scenario/types';
import { AdmissionControl, TokenBucket } from './admission';
import { AdaptiveThrottle, CircuitBreaker, inForce } from './clientControls';
import { Rng, Stream } from './rng';

/** `pass` refused the attempt. */
export const GATE_REFUSED = -1;
/** `pass` let the attempt through as a half-open breaker's probe. */
export const GATE_PROBE = 1;

/**
 * The client's controls in front of its attempts: admission control judges each new request once; the breaker,
 * the throttle and the rate limit judge every attempt that misses the cache, in that order. The gate also hears
 * how each attempt it let through ended, and how each request ended.
 */
export class ClientGate {
  breaker: CircuitBreaker | null = null;
  private throttle: AdaptiveThrottle | null = null;
  private admission: AdmissionControl | null = null;
  private rateLimit: TokenBucket | null = null;
  private readonly rngThrottle: Rng;
  private readonly rngAdmission: Rng;

  constructor(seed: number) {
    this.rngThrottle = new Rng(seed, Stream.throttle);
    this.rngAdmission = new Rng(seed, Stream.admission);
  }

  /** Put the controls in force at t; each keeps its state when retuned. */
  configure(cl: ClientSpec, t: number): void {
    this.breaker = inForce(cl.breaker, this.breaker, (s) => new CircuitBreaker(s), t);
    this.throttle = inForce(cl.throttle, this.throttle, (s) => new AdaptiveThrottle(s), t);
    this.admission = inForce(cl.admission, this.admission, (s) => new AdmissionControl(s), t);
    this.rateLimit = inForce(cl.rateLimit, this.rateLimit, (s, at) => new TokenBucket(s, at), t);
  }

  /** Admission control's judgement of a new request at t (true when it is off). */
  admitRequest(t: number): boolean {
    return this.admission === null || this.admission.admit(t, this.rngAdmission);
  }

  /**
   * May an attempt leave at t? GATE_REFUSED, else GATE_PROBE for a half-open breaker's probe, else 0. A probe that
   * a later control refuses counts as a failed probe, as resilience4j records a rejection (else its place leaks).
   */
  pass(t: number): number {
    let probe = 0;
    const breaker = this.breaker;
    if (breaker !== null) {
      if (!breaker.allow(t)) return GATE_REFUSED;
      probe = breaker.isHalfOpen ? GATE_PROBE : 0;
    }
    if ((this.throttle !== null && !this.throttle.allow(t, this.rngThrottle)) || (this.rateLimit !== null && !this.rateLimit.take(t))) {
      if (probe === GATE_PROBE) breaker!.onOutcome(t, false, true);
      return GATE_REFUSED;
    }
    return probe;
  }

  /** An attempt the gate let through ended at t: answered (`ok`), or failed; `probe`: it was a half-open probe. */
  attemptEnded(t: number, ok: boolean, probe: number): void {
    if (this.breaker !== null) this.breaker.onOutcome(t, ok, probe === GATE_PROBE);
    if (ok && this.throttle !== null) this.throttle.onAccept(t);
  }

  /** A request ended at t; `admitted`: admission control had let it in (its outcome then counts there). */
  requestEnded(t: number, ok: boolean, admitted: boolean): void {
    if (admitted && this.admission !== null) this.admission.record(t, ok);
  }
}
