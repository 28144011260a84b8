import type { Rng } from './rng';
import { pow } from './portableMath';

/**
 * Draws keys 0..n−1, uniform or Zipf(s) (key k has weight 1/(k+1)^s), in O(1) per draw
 * with Walker's alias method.
 */
export class KeySampler {
  readonly n: number;
  /** Probability of each key. */
  readonly p: Float64Array;
  private readonly prob: Float64Array | null;
  private readonly alias: Int32Array | null;

  constructor(n: number, zipf: number | null) {
    this.n = n;
    this.p = new Float64Array(n);
    if (zipf === null) {
      this.p.fill(1 / n);
      this.prob = null;
      this.alias = null;
      return;
    }
    let total = 0;
    for (let k = 0; k < n; k++) {
      const w = 1 / pow(k + 1, zipf);
      this.p[k] = w;
      total += w;
    }
    for (let k = 0; k < n; k++) this.p[k] = this.p[k]! / total;
    const prob = new Float64Array(n);
    const alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let k = 0; k < n; k++) {
      scaled[k] = this.p[k]! * n;
      if (scaled[k]! < 1) small[ns++] = k;
      else large[nl++] = k;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns]!;
      const l = large[nl - 1] ?? 0;
      prob[s] = scaled[s]!;
      alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l] < 1) {
        nl--;
        small[ns++] = l;
      }
    }
    while (nl > 0) prob[large[--nl]!] = 1;
    while (ns > 0) prob[small[--ns]!] = 1;
    this.prob = prob;
    this.alias = alias;
  }

  draw(rng: Rng): number {
    const u = rng.uniform() * this.n;
    const k = Math.floor(u);
    if (this.prob === null || this.alias === null) return k;
    return u - k < this.prob[k]! ? k : this.alias[k]!;
  }
}

/** The shard a key lives on: a fixed integer hash of the key, so neighbouring keys scatter. */
export function shardOfKey(key: number, shards: number): number {
  let z = Math.imul(key ^ 0x5bd1e995, 0x9e3779b1);
  z = Math.imul(z ^ (z >>> 15), 0x85ebca6b);
  z ^= z >>> 13;
  return (z >>> 0) % shards;
}
