import { describe, expect, it } from 'vitest';
import { straddlesHalf, wilson, Z95 } from '../../../src/sim/ensemble/wilson';

describe('wilson', () => {
  // Hand-computed from the formula with z = 1.959964 (z² = 3.841459):
  //  0 of 10: the upper bound is z² / (n + z²) = 3.841459 / 13.841459 = 0.277534; the lower is 0.
  //  5 of 10: centre 0.5; half-width z / (1 + z²/n) · √(0.25/10 + z²/400) = 1.415999 · 0.186021 = 0.263405.
  //  10 of 10: mirror of 0 of 10.
  //  11 of 20: p = 0.55, 1 + z²/n = 1.192073, centre (0.55 + 0.096036) / 1.192073 = 0.541944,
  //           half = (1.959964 / 1.192073) · √(0.012375 + 0.002401) = 1.644165 · 0.121556 = 0.199859.
  //  81 of 263 (Wilson's method as in Newcombe, Stat. Med. 1998, table II example): 0.2553 – 0.3662.
  const cases: [number, number, number, number][] = [
    [0, 10, 0, 0.277534],
    [5, 10, 0.236595, 0.763405],
    [10, 10, 0.722466, 1],
    [11, 20, 0.342085, 0.741803],
    [81, 263, 0.2553, 0.3662],
  ];
  it('matches the values worked by hand from the formula', () => {
    for (const [k, n, low, high] of cases) {
      const w = wilson(k, n);
      expect(w.share, `${k} of ${n}`).toBeCloseTo(k / n, 12);
      expect(w.low, `${k} of ${n}`).toBeCloseTo(low, 4);
      expect(w.high, `${k} of ${n}`).toBeCloseTo(high, 4);
    }
  });

  it('uses the 97.5 % normal quantile', () => {
    // Φ(1.959963984540054) = 0.975 to double precision; the classic rounded value is 1.96.
    expect(Z95).toBeCloseTo(1.96, 2);
  });

  it('is the whole of [0, 1] with no trials, and symmetric in k ↔ n − k', () => {
    expect(wilson(0, 0)).toEqual({ k: 0, n: 0, share: 0, low: 0, high: 1 });
    for (let n = 1; n <= 40; n++) {
      for (let k = 0; k <= n; k++) {
        const a = wilson(k, n);
        const b = wilson(n - k, n);
        expect(a.low).toBeCloseTo(1 - b.high, 12);
        expect(a.low).toBeLessThanOrEqual(a.share);
        expect(a.high).toBeGreaterThanOrEqual(a.share);
      }
    }
  });

  it('refuses counts that are not 0 ≤ k ≤ n whole numbers', () => {
    expect(() => wilson(3, 2)).toThrow(/0 ≤ k ≤ n/);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
    expect(() => wilson(0.5, 2)).toThrow(RangeError);
  });

  it('says whether 50 % is still inside', () => {
    expect(straddlesHalf(wilson(11, 20))).toBe(true);
    expect(straddlesHalf(wilson(0, 4))).toBe(false);
    expect(straddlesHalf(wilson(0, 3))).toBe(true);
  });
});
