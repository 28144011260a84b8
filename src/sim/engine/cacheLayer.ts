import type { Scenario } from '../scenario/types';
import { KeySampler } from './keySampler';
import type { Load } from './load';
import { LookasideCache } from './lookasideCache';
import { RateProfile } from './rateProfile';
import { Rng, Stream } from './rng';

/**
 * The cache in front of the servers: a look-aside cache over the load's key space, whose TTL is
 * derived from the target hit rate; a miss's answer fills it (on time, or read-through). The
 * client looks in it before each attempt; a flush empties it.
 */
export class CacheLayer {
  /** The cache, or null when the scenario has none. */
  store: LookasideCache | null = null;
  readThrough = false;
  hitLatencyS = 0;
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = new Rng(seed, Stream.cacheInit);
  }

  /** Put the cache of s in force at t (a new cache when the key space changed). */
  configure(s: Scenario, t: number, load: Load, keysChanged: boolean): void {
    if (s.cache === null) {
      this.store = null;
      return;
    }
    const ld = s.load;
    if (load.keys === null) load.keys = new KeySampler(ld.keys, ld.zipf);
    const rate = cacheRate(s, t);
    if (this.store === null || keysChanged) {
      this.store = new LookasideCache(s.cache, load.keys, ld.zipf === null, rate, t, this.rng);
    } else {
      this.store.retune(s.cache, rate);
    }
    this.readThrough = s.cache.fill === 'read-through';
    this.hitLatencyS = s.cache.hitLatency;
  }

  flush(): void {
    this.store?.flush();
  }
}

/**
 * The request rate the cache TTL is derived from: the open-loop rate (a profile's rate at the
 * moment the cache is configured), or the closed loop's nominal rate.
 */
function cacheRate(s: Scenario, t: number): number {
  const ld = s.load;
  if (ld.clients === null) return ld.profile === null ? ld.rate : new RateProfile(ld.profile).rateAt(t);
  return ld.clients / Math.max(1e-9, ld.thinkTime + s.server.service.mean);
}
