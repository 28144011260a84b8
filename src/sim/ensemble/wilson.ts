/** The normal quantile for a two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

/** A share of successes with its Wilson score interval. */
export interface ShareInterval {
  /** Successes. */
  k: number;
  /** Trials. */
  n: number;
  /** k / n; 0 when n = 0. */
  share: number;
  low: number;
  high: number;
}

/**
 * The Wilson score interval for k successes in n trials (Wilson 1927), 95 % by default:
 * centre (p + z²/2n) / (1 + z²/n), half-width z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²), with p = k/n.
 * Unlike p ± z√(p(1−p)/n) it stays inside [0, 1] and is not zero-width at k = 0 or k = n.
 * With no trials the interval is the whole of [0, 1].
 */
export function wilson(k: number, n: number, z = Z95): ShareInterval {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`wilson: expected integers 0 ≤ k ≤ n, got k = ${k}, n = ${n}`);
  }
  if (n === 0) return { k, n, share: 0, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 and k = n the bound is exactly 0 or 1; rounding must not move it off.
  return { k, n, share: p, low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

/** Whether the interval still holds 50 %: the data cannot yet say which side of even the share lies. */
export function straddlesHalf(interval: { low: number; high: number }): boolean {
  return interval.low <= 0.5 && interval.high >= 0.5;
}
