import type { PriorityClass } from '../scenario/types';
import { CallQueue } from './callQueue';
import { CALL_QUEUED, type Calls } from './records';
import { Rng, Stream } from './rng';

/** One class's series, rates per second a bin (`null` where the bin has none). */
export interface ClassSeries {
  name: string;
  offered: (number | null)[];
  goodput: (number | null)[];
  failed: (number | null)[];
  rejected: (number | null)[];
}

/** One class over [warmup, end], rates per second. */
export interface ClassSummary {
  name: string;
  /** Requests of the class that arrived. */
  offered: number;
  /** Those that succeeded. */
  goodput: number;
  /** Those that failed (retries exhausted, refused by the client, given up). */
  failed: number;
  /** Its calls the server turned away: queue full, evicted for a higher class, limiter, CoDel. */
  rejected: number;
}

const OFFERED = 0;
const GOOD = 1;
const FAILED = 2;
const REJECTED = 3;
const KINDS = 4;

/**
 * Priority classes (`load.priorities`, most important first): each request draws its class at arrival, by share,
 * and keeps it through its retries and calls. Counts per class, per bin and over [warmup, end].
 */
export class Priorities {
  readonly n: number;
  readonly names: readonly string[];
  /** The lowest class (the last). */
  readonly lowest: number;
  private cumulative: Float64Array;
  private readonly rng: Rng;
  /** Run-wide counts, class-major: [class × KINDS + kind]. */
  private readonly counts: Float64Array;
  private readonly binSnap: Float64Array;
  private readonly warmSnap: Float64Array;
  private warm = false;
  /** Per bin, class-major rates. */
  private readonly bins: Float64Array;

  constructor(classes: readonly PriorityClass[], seed: number, nBins: number) {
    this.n = classes.length;
    this.names = classes.map((c) => c.name);
    this.lowest = this.n - 1;
    this.cumulative = new Float64Array(this.n);
    this.configure(classes);
    this.rng = new Rng(seed, Stream.priorities);
    this.counts = new Float64Array(this.n * KINDS);
    this.binSnap = new Float64Array(this.n * KINDS);
    this.warmSnap = new Float64Array(this.n * KINDS);
    this.bins = new Float64Array(nBins * this.n * KINDS).fill(NaN);
  }

  /** New shares (the classes themselves are fixed for the run). */
  configure(classes: readonly PriorityClass[]): void {
    let sum = 0;
    classes.forEach((c, i) => {
      sum += c.share;
      this.cumulative[i] = sum;
    });
  }

  /** A new request's class, by share; counted as offered. */
  draw(): number {
    const u = this.rng.uniform() * this.cumulative[this.n - 1]!;
    let i = 0;
    while (i < this.lowest && u >= this.cumulative[i]!) i++;
    this.counts[i * KINDS + OFFERED]!++;
    return i;
  }

  succeeded(cls: number): void {
    this.counts[cls * KINDS + GOOD]!++;
  }

  failed(cls: number): void {
    this.counts[cls * KINDS + FAILED]!++;
  }

  rejected(cls: number): void {
    this.counts[cls * KINDS + REJECTED]!++;
  }

  /** Warm-up ends: the summary counts from here. */
  warmedUp(): void {
    this.warmSnap.set(this.counts);
    this.warm = true;
  }

  /** Bin i (of `len` seconds) closed. */
  closeBin(i: number, len: number): void {
    const w = this.n * KINDS;
    for (let j = 0; j < w; j++) this.bins[i * w + j] = (this.counts[j]! - this.binSnap[j]!) / len;
    this.binSnap.set(this.counts);
  }

  /** Bins [from, to), bin-major: for each class its offered, goodput, failed and rejected (`width` = classes × 4 values a bin). */
  arrays(from: number, to: number): { width: number; data: Float64Array } {
    const w = this.n * KINDS;
    return { width: w, data: this.bins.slice(from * w, to * w) };
  }

  /** Bins [0, to) of each class. */
  json(to: number): ClassSeries[] {
    const w = this.n * KINDS;
    const column = (cls: number, kind: number): (number | null)[] => {
      const out: (number | null)[] = [];
      for (let i = 0; i < to; i++) {
        const v = this.bins[i * w + cls * KINDS + kind]!;
        out.push(v === v ? v : null);
      }
      return out;
    };
    return this.names.map((name, c) => ({ name, offered: column(c, OFFERED), goodput: column(c, GOOD), failed: column(c, FAILED), rejected: column(c, REJECTED) }));
  }

  /** Each class over [warmup, end] (`windowS` seconds; all 0 before warm-up ends). */
  summary(windowS: number): ClassSummary[] {
    const per = (c: number, kind: number): number => (this.warm && windowS > 0 ? (this.counts[c * KINDS + kind]! - this.warmSnap[c * KINDS + kind]!) / windowS : 0);
    return this.names.map((name, c) => ({ name, offered: per(c, OFFERED), goodput: per(c, GOOD), failed: per(c, FAILED), rejected: per(c, REJECTED) }));
  }
}

/**
 * Where in station queue `q` the call to serve next is when the highest class goes first: of the highest class
 * queued, the oldest (`newest` false) or the newest (`newest`: LIFO); −1 when no call is queued. `seen` gets the
 * live entries met; the scan stops at the first call of class 0.
 */
function highestIndex(q: CallQueue, calls: Calls, newest: boolean, seen: { live: number }): number {
  let best = -1;
  let bestCls = 256;
  const n = q.length;
  for (let k = 0; k < n; k++) {
    const j = newest ? n - 1 - k : k;
    const id = q.idAt(j);
    if (q.genAt(j) !== calls.gen[id] || calls.state[id] !== CALL_QUEUED) continue;
    seen.live++;
    const c = calls.prio[id]!;
    if (c < bestCls) {
      best = j;
      bestCls = c;
      if (c === 0) break;
    }
  }
  return best;
}

/** The call `highestIndex` finds, or −1. */
export function highestQueued(q: CallQueue, calls: Calls, newest: boolean): number {
  const j = highestIndex(q, calls, newest, { live: 0 });
  return j < 0 ? -1 : q.idAt(j);
}

/**
 * A station's queue when requests have priority classes. With `byClass` on (`server.queue.priority`) its pops take
 * the highest class queued: the oldest of it (`popFront`) or the newest (`popBack`). A call taken from inside the
 * queue leaves a stale entry, skipped once met; when the scan meets more stale entries than live ones (past 64) the
 * queue is compacted.
 */
export class ClassQueue extends CallQueue {
  byClass = false;
  private readonly seen = { live: 0 };

  constructor(private readonly calls: Calls) {
    super();
  }

  override popFront(): void {
    if (!this.byClass || !this.pick(false)) super.popFront();
  }

  override popBack(): void {
    if (!this.byClass || !this.pick(true)) super.popBack();
  }

  /** Take the highest class's call when it is not at the end popped anyway; whether it did. */
  private pick(newest: boolean): boolean {
    const calls = this.calls;
    this.seen.live = 0;
    const j = highestIndex(this, calls, newest, this.seen);
    if (j < 0 || j === (newest ? this.length - 1 : 0)) return false;
    const id = this.idAt(j);
    this.id = id;
    this.gen = this.genAt(j);
    const scanned = newest ? this.length - j : j + 1;
    if (scanned - this.seen.live > 64 && scanned - this.seen.live > this.seen.live) {
      this.compact((a, gen) => a !== id && gen === calls.gen[a] && calls.state[a] === CALL_QUEUED);
    }
    return true;
  }
}

/**
 * The queued call of station queue `q` to evict so that a call of class `cls` may take its place: one of the
 * lowest class queued below `cls`, the newest among equals; −1 when every queued call is of class `cls` or above.
 */
export function evictionVictim(q: CallQueue, calls: Calls, cls: number, lowest: number): number {
  let best = -1;
  let bestCls = cls;
  for (let j = q.length - 1; j >= 0; j--) {
    const id = q.idAt(j);
    if (q.genAt(j) !== calls.gen[id] || calls.state[id] !== CALL_QUEUED) continue;
    const c = calls.prio[id]!;
    if (c > bestCls) {
      best = id;
      bestCls = c;
      if (c === lowest) break;
    }
  }
  return best;
}
