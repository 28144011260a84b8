import type { LimiterSpec } from '../../scenario/types';
import type { SeriesArrays, SeriesName } from '../result';
import { Rng, Stream, type StreamId } from '../rng';
import { growF64, growI32 } from '../typedArrays';
import { AimdLimit } from './aimd';
import { Gradient2Limit } from './gradient2';
import type { LimitAlgorithm } from './limit';
import { VegasLimit } from './vegas';

/** A limit algorithm of the kind and parameters `spec` gives; `uniform` draws Vegas's probe jitter. */
export function makeLimit(spec: LimiterSpec, uniform: () => number): LimitAlgorithm {
  switch (spec.kind) {
    case 'aimd':
      return new AimdLimit(spec);
    case 'vegas':
      return new VegasLimit(spec, uniform);
    case 'gradient2':
      return new Gradient2Limit(spec);
  }
}

const INITIAL = 1024;

/** The names of a limiter's series: its limit, then (if kept) last RTT, RTT with no load (or long-term RTT), gradient. */
export type LimiterSeriesNames = readonly [SeriesName, ...SeriesName[]];
export const SERVER_LIMITER_SERIES: LimiterSeriesNames = ['limiterLimit', 'limiterRtt', 'limiterRttNoLoad', 'limiterGradient'];
/** The client's limiter keeps its limit only. */
export const CLIENT_LIMITER_SERIES: LimiterSeriesNames = ['clientLimiterLimit'];

/**
 * The library's `SimpleLimiter` in front of each station's queue (or of the client's attempts, as one station,
 * keyed by request instead of call): a call is admitted while the
 * calls admitted and not yet gone number fewer than the limit, else turned away at once. An
 * admitted call holds its place until it leaves the station; it then gives its limit algorithm
 * one sample (`onSuccess`, or `onDropped` when the caller no longer waited for the answer, or
 * the server shed, expired or cancelled the call), with its time since admission and the
 * in-flight count at its admission, itself included.
 */
export class ServerLimiter {
  readonly limits: LimitAlgorithm[];
  readonly inflight: Int32Array;
  /** Per call id: its generation + 1 while it holds a place, else 0. */
  private held = new Int32Array(INITIAL);
  private start = new Float64Array(INITIAL);
  private admittedWith = new Int32Array(INITIAL);

  constructor(
    readonly spec: LimiterSpec,
    stations: number,
    seed: number,
    stream: StreamId = Stream.limiter,
  ) {
    const rng = new Rng(seed, stream);
    const uniform = (): number => rng.uniform();
    this.limits = Array.from({ length: stations }, () => makeLimit(spec, uniform));
    this.inflight = new Int32Array(stations);
  }

  /** Call a (generation gen) arrives at station k at t: whether it is admitted (then it holds a place). */
  admit(a: number, gen: number, k: number, t: number): boolean {
    const n = this.inflight[k]!;
    if (n >= this.limits[k]!.limit) return false;
    if (a >= this.held.length) this.grow(a);
    this.inflight[k] = n + 1;
    this.held[a] = gen + 1;
    this.start[a] = t;
    this.admittedWith[a] = n + 1;
    return true;
  }

  /** Call a (generation gen) leaves station k at t; `dropped`: the sample is a drop. Calls not admitted are ignored. */
  release(a: number, gen: number, k: number, t: number, dropped: boolean): void {
    if (a >= this.held.length || this.held[a] !== gen + 1) return;
    this.held[a] = 0;
    this.inflight[k]!--;
    this.limits[k]!.onSample(t - this.start[a]!, this.admittedWith[a]!, dropped);
  }

  private grow(a: number): void {
    let n = this.held.length;
    while (n <= a) n *= 2;
    this.held = growI32(this.held, n);
    this.start = growF64(this.start, n);
    this.admittedWith = growI32(this.admittedWith, n);
  }

  /** Bin i's limiter series (`names`): each value the mean over stations of the state at the bin's end. */
  record(data: SeriesArrays, i: number, names: LimiterSeriesNames): void {
    const ls = this.limits;
    let limit = 0;
    let rtt = 0;
    let noLoad = 0;
    let gradient = 0;
    for (const l of ls) {
      limit += l.limit;
      rtt += l.rtt;
      noLoad += l.rttNoLoad;
      gradient += l.gradient;
    }
    const n = ls.length;
    const values = [limit / n, rtt / n, noLoad / n, gradient / n];
    names.forEach((name, j) => {
      data[name][i] = values[j]!;
    });
  }

  /** Its in-flight counts checked against the records (calls, or the client's requests) holding a place (for tests). */
  selfCheck(gens: Int32Array, top: number, what: string): string[] {
    const held = this.heldCount(gens, top);
    const counted = this.inflight.reduce((x, y) => x + y, 0);
    return held === counted ? [] : [`${what === 'calls' ? '' : 'client '}limiter: ${held} ${what} hold a place, counted ${counted}`];
  }

  /** Calls holding a place, counted from the call records' generations (for tests). */
  heldCount(gens: Int32Array, top: number): number {
    let n = 0;
    for (let a = 0; a < Math.min(top, this.held.length); a++) if (this.held[a] !== 0 && this.held[a] === gens[a]! + 1) n++;
    return n;
  }
}
