import { RecordTable } from '../engine/recordTable';
import { growF64, growI32, growU8 } from '../engine/typedArrays';

/**
 * The graph engine's records. An exchange is a caller's logical call on one edge (a user's request on
 * the entry edge, or one dependency call of a service), from its first try to its success or failure,
 * retries included; each try sends one call to a replica of the callee. A call is what that replica
 * queues, serves, and (while it waits on its own dependencies) holds a slot for.
 */

const CAPACITY = 1024;

// Exchange states.
export const X_FREE = 0;
/** A try is in progress (its call is out). */
export const X_WAIT = 1;
/** Waiting out the backoff before the next try. */
export const X_BACKOFF = 2;
/** Waiting in line for a place in its edge's bulkhead. */
export const X_GATE = 3;

export class Exchanges extends RecordTable {
  /** The edge (0 = the users' edge to the entry). */
  edge = new Int32Array(CAPACITY);
  /** The call (of the caller) this exchange serves, and that call's generation; −1 for a user's request. */
  parent = new Int32Array(CAPACITY);
  parentGen = new Int32Array(CAPACITY);
  /** The caller's replica (its edge controls are per replica); 0 for the users. */
  from = new Int32Array(CAPACITY);
  /** When the exchange started (a user's request: its arrival). */
  first = new Float64Array(CAPACITY);
  /** The deadline the caller passed down (Infinity when the edge does not propagate one). */
  deadline = new Float64Array(CAPACITY);
  prevDelay = new Float64Array(CAPACITY);
  tries = new Int32Array(CAPACITY);
  /** The try in progress: a run-wide unique id (0 = none), and its call. */
  attempt = new Int32Array(CAPACITY);
  call = new Int32Array(CAPACITY);
  state = new Uint8Array(CAPACITY);
  /** 1 when the try in progress is a half-open breaker's probe. */
  probe = new Uint8Array(CAPACITY);
  gen = new Int32Array(CAPACITY);
  /** A user's request: its closed-loop client (−1: open loop) and that client's generation. */
  client = new Int32Array(CAPACITY);
  clientGen = new Int32Array(CAPACITY);

  constructor() {
    super(CAPACITY);
  }

  alloc(): number {
    const x = this.take();
    this.state[x] = X_WAIT;
    this.tries[x] = 0;
    this.attempt[x] = 0;
    this.call[x] = -1;
    this.probe[x] = 0;
    return x;
  }

  release(x: number): void {
    this.state[x] = X_FREE;
    this.attempt[x] = 0;
    this.gen[x]!++;
    this.put(x);
  }

  protected grow(n: number): void {
    this.edge = growI32(this.edge, n);
    this.parent = growI32(this.parent, n);
    this.parentGen = growI32(this.parentGen, n);
    this.from = growI32(this.from, n);
    this.first = growF64(this.first, n);
    this.deadline = growF64(this.deadline, n);
    this.prevDelay = growF64(this.prevDelay, n);
    this.tries = growI32(this.tries, n);
    this.attempt = growI32(this.attempt, n);
    this.call = growI32(this.call, n);
    this.state = growU8(this.state, n);
    this.probe = growU8(this.probe, n);
    this.gen = growI32(this.gen, n);
    this.client = growI32(this.client, n);
    this.clientGen = growI32(this.clientGen, n);
  }
}

// Call states.
export const G_FREE = 0;
/** On the network, on its way to the callee. */
export const G_OUT = 1;
export const G_QUEUED = 2;
/** Holding a slot: its local work. */
export const G_LOCAL = 3;
/** Holding a slot: waiting on its dependency calls. */
export const G_DEPS = 4;
/** Its answer is on the network, on its way back. */
export const G_BACK = 5;

export class GraphCalls extends RecordTable {
  /** The exchange it is a try of, and that try's id. */
  x = new Int32Array(CAPACITY);
  attempt = new Int32Array(CAPACITY);
  /** The edge it went over (its answer comes back over the same one, even after its exchange ended). */
  edge = new Int32Array(CAPACITY);
  /** The callee's replica (a global replica index). */
  replica = new Int32Array(CAPACITY);
  /** When it reached the callee. */
  enq = new Float64Array(CAPACITY);
  /** The deadline it carries (Infinity = none). */
  deadline = new Float64Array(CAPACITY);
  /** Dependency calls: the next step to start (sequence), answers and failures so far (parallel). */
  step = new Int32Array(CAPACITY);
  ok = new Int32Array(CAPACITY);
  failed = new Int32Array(CAPACITY);
  /** On the way back: 1 for a good answer, 0 for an error. */
  good = new Uint8Array(CAPACITY);
  state = new Uint8Array(CAPACITY);
  gen = new Int32Array(CAPACITY);

  constructor() {
    super(CAPACITY);
  }

  alloc(): number {
    return this.take();
  }

  release(a: number): void {
    this.state[a] = G_FREE;
    this.gen[a]!++;
    this.put(a);
  }

  protected grow(n: number): void {
    this.x = growI32(this.x, n);
    this.attempt = growI32(this.attempt, n);
    this.edge = growI32(this.edge, n);
    this.replica = growI32(this.replica, n);
    this.enq = growF64(this.enq, n);
    this.deadline = growF64(this.deadline, n);
    this.step = growI32(this.step, n);
    this.ok = growI32(this.ok, n);
    this.failed = growI32(this.failed, n);
    this.good = growU8(this.good, n);
    this.state = growU8(this.state, n);
    this.gen = growI32(this.gen, n);
  }
}
