import { RecordTable } from './recordTable';
import { growF64, growI32, growU8 } from './typedArrays';

/**
 * The engine's records. A request is what a user asks for, from its arrival to success or failure;
 * each of its attempts (tries: the first and every retry) sends one call to a server (n with a
 * fan-out, plus hedged copies); a call is what a server queues and serves.
 */

const CAPACITY = 1024;

// Request states.
export const R_FREE = 0;
/** An attempt is in progress (waiting on its calls). */
export const R_WAIT = 1;
/** Waiting out the backoff before the next attempt. */
export const R_BACKOFF = 2;
/** Answered by the cache; the answer arrives after the hit latency. */
export const R_HIT = 3;
/** Waiting for a place in the client's bulkhead. */
export const R_GATE = 4;

/** Client-side records, one per request in flight. */
export class Requests extends RecordTable {
  /** Arrival time (the first attempt's start). */
  first = new Float64Array(CAPACITY);
  /** The backoff delay before the last retry (decorrelated jitter grows from it). */
  prevDelay = new Float64Array(CAPACITY);
  /** Retries made so far. */
  tries = new Int32Array(CAPACITY);
  /** Bumped on every free, so events for an earlier use of the record are ignored. */
  gen = new Int32Array(CAPACITY);
  key = new Int32Array(CAPACITY);
  /** The closed-loop client that sent it, or −1 (open loop), and that client's generation. */
  client = new Int32Array(CAPACITY);
  clientGen = new Int32Array(CAPACITY);
  state = new Uint8Array(CAPACITY);
  /** The attempt in progress: a run-wide unique id (0 = none). */
  attempt = new Int32Array(CAPACITY);
  /** The attempt's calls answered and refused (fan-out quorum). */
  answers = new Int32Array(CAPACITY);
  refused = new Int32Array(CAPACITY);
  /** Head of the attempt's list of calls (linked through Calls.next), −1 = none. */
  calls = new Int32Array(CAPACITY);
  /** 1 when the attempt is a half-open breaker's probe. */
  probe = new Uint8Array(CAPACITY);
  /** Its priority class (index in load.priorities, 0 = most important; 0 without classes). */
  prio = new Uint8Array(CAPACITY);

  constructor() {
    super(CAPACITY);
  }

  alloc(): number {
    const r = this.take();
    this.state[r] = R_WAIT;
    return r;
  }

  release(r: number): void {
    this.state[r] = R_FREE;
    this.gen[r]!++;
    this.attempt[r] = 0;
    this.put(r);
  }

  protected grow(n: number): void {
    this.first = growF64(this.first, n);
    this.prevDelay = growF64(this.prevDelay, n);
    this.tries = growI32(this.tries, n);
    this.gen = growI32(this.gen, n);
    this.key = growI32(this.key, n);
    this.client = growI32(this.client, n);
    this.clientGen = growI32(this.clientGen, n);
    this.state = growU8(this.state, n);
    this.attempt = growI32(this.attempt, n);
    this.answers = growI32(this.answers, n);
    this.refused = growI32(this.refused, n);
    this.calls = growI32(this.calls, n);
    this.probe = growU8(this.probe, n);
    this.prio = growU8(this.prio, n);
  }
}

// Call states. A call of an attempt still in progress stays allocated until the attempt ends, so
// the attempt's list of calls stays intact: DONE (answered) and GONE (turned away, shed or
// cancelled) calls are freed then; a call of a finished attempt is freed as soon as it leaves the server.
export const CALL_FREE = 0;
export const CALL_QUEUED = 1;
export const CALL_SERVICE = 2;
export const CALL_DONE = 3;
export const CALL_GONE = 4;

/** Server-side records, one per call held by a server (queued, in service, or of an attempt in progress). */
export class Calls extends RecordTable {
  request = new Int32Array(CAPACITY);
  /** The attempt it belongs to (Requests.attempt while that attempt is in progress). */
  attempt = new Int32Array(CAPACITY);
  station = new Int32Array(CAPACITY);
  /** Next call of the same attempt, −1 = last. */
  next = new Int32Array(CAPACITY);
  /** A hedged call's twin (the primary's copy, or the copy's primary), −1 = none. */
  peer = new Int32Array(CAPACITY);
  key = new Int32Array(CAPACITY);
  /** When it reached the server. */
  enq = new Float64Array(CAPACITY);
  gen = new Int32Array(CAPACITY);
  state = new Uint8Array(CAPACITY);
  /** 1 when it went to the server on a cache miss (so its answer may fill the cache). */
  miss = new Uint8Array(CAPACITY);
  /** 1 when it is a hedged copy. */
  hedge = new Uint8Array(CAPACITY);
  /** Its request's priority class. */
  prio = new Uint8Array(CAPACITY);

  constructor() {
    super(CAPACITY);
  }

  alloc(): number {
    return this.take();
  }

  release(a: number): void {
    this.state[a] = CALL_FREE;
    this.gen[a]!++;
    this.put(a);
  }

  protected grow(n: number): void {
    this.request = growI32(this.request, n);
    this.attempt = growI32(this.attempt, n);
    this.station = growI32(this.station, n);
    this.next = growI32(this.next, n);
    this.peer = growI32(this.peer, n);
    this.key = growI32(this.key, n);
    this.enq = growF64(this.enq, n);
    this.gen = growI32(this.gen, n);
    this.state = growU8(this.state, n);
    this.miss = growU8(this.miss, n);
    this.hedge = growU8(this.hedge, n);
    this.prio = growU8(this.prio, n);
  }
}
