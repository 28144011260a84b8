import type { CacheSpec } from '../scenario/types';
import type { KeySampler } from './keySampler';
import type { Rng } from './rng';

/**
 * Hit rate of a key space under Poisson load with TTL T: a key asked at rate r is fresh for T
 * after each miss and stale until its next request, so (PASTA) its hit rate is rT / (1 + rT).
 */
function hitRateFor(ttlS: number, ratePerS: number, keys: KeySampler): number {
  let h = 0;
  for (let k = 0; k < keys.n; k++) {
    const x = ratePerS * keys.p[k]! * ttlS;
    h += keys.p[k]! * (x / (1 + x));
  }
  return h;
}

/** The TTL whose steady-state hit rate is `target` (closed form for uniform keys, bisection otherwise). */
export function ttlForHitRate(target: number, ratePerS: number, keys: KeySampler, uniform: boolean): number {
  if (target <= 0 || ratePerS <= 0) return 0;
  if (uniform) return target / ((1 - target) * (ratePerS / keys.n));
  let lo = 0;
  let hi = 1;
  while (hitRateFor(hi, ratePerS, keys) < target && hi < 1e12) hi *= 4;
  for (let i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (hitRateFor(mid, ratePerS, keys) < target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * A look-aside cache with one entry per key, each fresh until its expiry time. It starts in its
 * stationary state; only a flush empties it. A hit never refreshes an entry.
 */
export class LookasideCache {
  readonly expiry: Float64Array;
  ttlS = 0;

  constructor(
    public spec: CacheSpec,
    private readonly keys: KeySampler,
    private readonly uniformKeys: boolean,
    ratePerS: number,
    nowS: number,
    rng: Rng,
  ) {
    this.expiry = new Float64Array(keys.n).fill(-Infinity);
    this.retune(spec, ratePerS);
    // Stationary start: key k is fresh with probability r_k·T/(1 + r_k·T), its age then uniform on [0, T).
    const T = this.ttlS;
    for (let k = 0; k < keys.n; k++) {
      const x = ratePerS * keys.p[k]! * T;
      if (rng.uniform() < x / (1 + x)) this.expiry[k] = nowS + rng.uniform() * T;
      else rng.uniform();
    }
  }

  /** Re-derive the TTL after the target hit rate or the load changed; entries keep their expiry. */
  retune(spec: CacheSpec, ratePerS: number): void {
    this.spec = spec;
    this.ttlS = spec.ttl ?? ttlForHitRate(spec.hitRate, ratePerS, this.keys, this.uniformKeys);
  }

  isFresh(key: number, t: number): boolean {
    return this.expiry[key]! > t;
  }

  fill(key: number, t: number): void {
    this.expiry[key] = t + this.ttlS;
  }

  flush(): void {
    this.expiry.fill(-Infinity);
  }
}
