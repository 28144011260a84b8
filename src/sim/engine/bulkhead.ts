import type { BulkheadSpec } from '../scenario/types';
import { CallQueue } from './callQueue';
import { growI32 } from './typedArrays';

const INITIAL = 1024;

/**
 * resilience4j's semaphore bulkhead on the client's attempts: at most `maxConcurrentCalls` attempts hold a place;
 * one that finds none waits up to `maxWait` seconds in a first-come-first-served line (the semaphore is fair, so a
 * newcomer waits behind those already waiting), else is refused. A place is held by request (one attempt at a
 * time), so a bulkhead turned on mid-run frees only the places it gave.
 */
export class Bulkhead {
  /** Attempts holding a place. */
  inFlight = 0;
  /** Attempts waiting for one (entries in `line` still waiting). */
  waiting = 0;
  /** The waiting line: (request, wait id); entries whose wait ended are skipped when met. */
  readonly line = new CallQueue();
  /** Per request: its generation + 1 while its attempt holds a place, else 0. */
  private held = new Int32Array(INITIAL);

  constructor(public spec: BulkheadSpec) {}

  retune(spec: BulkheadSpec): void {
    this.spec = spec;
  }

  /** Whether an attempt arriving now finds a place (and nobody waiting ahead of it). */
  get hasRoom(): boolean {
    return this.waiting === 0 && this.inFlight < this.spec.maxConcurrentCalls;
  }

  /** Whether the first in line may take a place now. */
  get canWake(): boolean {
    return this.waiting > 0 && this.inFlight < this.spec.maxConcurrentCalls;
  }

  /** Request r (generation gen) takes a place. */
  take(r: number, gen: number): void {
    if (r >= this.held.length) {
      let n = this.held.length;
      while (n <= r) n *= 2;
      this.held = growI32(this.held, n);
    }
    this.held[r] = gen + 1;
    this.inFlight++;
  }

  /** Requests holding a place, counted from the request records' generations (for tests). */
  heldCount(gens: Int32Array, top: number): number {
    let n = 0;
    for (let r = 0; r < Math.min(top, this.held.length); r++) if (this.held[r] !== 0 && this.held[r] === gens[r]! + 1) n++;
    return n;
  }

  /** Request r's attempt ended: it gives its place back, if it held one. */
  release(r: number, gen: number): void {
    if (r >= this.held.length || this.held[r] !== gen + 1) return;
    this.held[r] = 0;
    this.inFlight--;
  }
}
