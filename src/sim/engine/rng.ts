import { exp, log } from './portableMath';
/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words,
 * seeded through SplitMix32 from (scenario seed, stream id). Each source of randomness owns a
 * stream, so changing how one source is used never shifts the numbers another source sees.
 */

/** Named, independent random streams. Their numbers are part of the format: do not renumber. */
export const Stream = {
  arrivals: 1,
  service: 2,
  jitter: 3,
  keys: 4,
  cacheInit: 5,
  throttle: 6,
  network: 7,
  failures: 8,
  errors: 9,
  admission: 10,
  limiter: 11,
  priorities: 12,
  clientLimiter: 13,
} as const;
export type StreamId = (typeof Stream)[keyof typeof Stream];

function splitmix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

// Ziggurat tables for the exponential (Marsaglia & Tsang 2000), for 24-bit positions.
const ZIG_R = 7.69711747013105;
const ZIG_K = new Float64Array(256);
const ZIG_W = new Float64Array(256);
const ZIG_F = new Float64Array(256);
{
  const m = 16777216;
  const v = 3.949659822581572e-3;
  let d = ZIG_R;
  let t = d;
  const q = v / exp(-d);
  ZIG_K[0] = (d / q) * m;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m;
  ZIG_W[255] = d / m;
  ZIG_F[0] = 1;
  ZIG_F[255] = exp(-d);
  for (let i = 254; i >= 1; i--) {
    d = -log(v / d + exp(-d));
    ZIG_K[i + 1] = (d / t) * m;
    t = d;
    ZIG_F[i] = exp(-d);
    ZIG_W[i] = d / m;
  }
}

/** One xoshiro128** stream with the samplers the engine needs. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = NaN;

  constructor(seed: number, stream: number) {
    const st = { x: (seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab) };
    // Mix the seed word through a few rounds so that nearby seeds and streams diverge at once.
    splitmix32(st);
    st.x ^= Math.imul(seed >>> 0, 0x2c1b3c6d) ^ stream;
    this.s0 = splitmix32(st) | 0;
    this.s1 = splitmix32(st) | 0;
    this.s2 = splitmix32(st) | 0;
    this.s3 = splitmix32(st) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit output as an unsigned integer. */
  nextU32(): number {
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const rot = (r << 7) | (r >>> 25);
    const result = Math.imul(rot, 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /**
   * Exponential with rate 1 (mean 1): Marsaglia & Tsang's ziggurat with 256 layers. The layer
   * comes from the top 8 bits of one 32-bit draw and the position in it from the other 24, so
   * the two are independent (the original reuses the low bits for both). About 99% of draws
   * take the fast path: one draw, a compare and a multiply.
   */
  exp1(): number {
    const j = this.nextU32();
    const i = j >>> 24;
    const u = j & 0xffffff;
    if (u < ZIG_K[i]!) return u * ZIG_W[i]!;
    return this.exp1Slow(i, u);
  }

  private exp1Slow(layer: number, pos: number): number {
    let i = layer;
    let u = pos;
    for (;;) {
      if (i === 0) return ZIG_R - log(1 - this.uniform());
      const x = u * ZIG_W[i]!;
      if (ZIG_F[i]! + this.uniform() * (ZIG_F[i - 1]! - ZIG_F[i]!) < exp(-x)) return x;
      const j = this.nextU32();
      i = j >>> 24;
      u = j & 0xffffff;
      if (u < ZIG_K[i]!) return u * ZIG_W[i]!;
    }
  }

  /** Standard normal (Marsaglia polar method; the spare value is kept, so draws stay deterministic). */
  normal(): number {
    const spare = this.spareNormal;
    if (spare === spare) {
      this.spareNormal = NaN;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * log(s)) / s);
    this.spareNormal = v * m;
    return u * m;
  }
}
