import type { RetrySpec } from '../scenario/types';
import type { Rng } from './rng';
import { pow2 } from './portableMath';

/**
 * The delay before retry k (1, 2, …), per the AWS Architecture Blog's "Exponential Backoff and
 * Jitter": d = base (constant) or min(cap, base·2^(k−1)) (exponential); full jitter U(0, d),
 * equal jitter d/2 + U(0, d/2); decorrelated min(cap, U(base, 3 × previous delay)), where
 * `previous` is the delay returned last time for this client (base before the first retry).
 */
export function backoffDelay(policy: Pick<RetrySpec, 'backoff' | 'jitter' | 'base' | 'cap'>, k: number, previous: number, rng: Rng): number {
  const { backoff, jitter, base, cap } = policy;
  if (backoff === 'none') return 0;
  if (jitter === 'decorrelated') {
    const hi = 3 * previous;
    return Math.min(cap, base + rng.uniform() * (hi > base ? hi - base : 0));
  }
  const d = backoff === 'constant' ? base : Math.min(cap, base * pow2(Math.min(k - 1, 1023)));
  if (jitter === 'full') return rng.uniform() * d;
  if (jitter === 'equal') return d / 2 + (rng.uniform() * d) / 2;
  return d;
}
