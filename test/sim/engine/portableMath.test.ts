import { describe, expect, it } from 'vitest';
import { exp, log, pow, pow2 } from '../../../src/sim/engine/portableMath';
import { Rng } from '../../../src/sim/engine/rng';

/** The spacing of doubles at x. */
function ulp(x: number): number {
  const a = Math.abs(x);
  return a < 2.2250738585072014e-308 ? 5e-324 : 2 ** (Math.floor(Math.log2(a)) - 52);
}

/**
 * The inputs where `f(x)` is off by more than `tolerance(ref)` from the host's `reference(x)`, as "x: got, want":
 * one assertion over the whole sample, so its cost is the functions', not the test runner's.
 */
function misses(xs: readonly number[], f: (x: number) => number, reference: (x: number) => number, tolerance: (ref: number) => number): string[] {
  const out: string[] = [];
  for (const x of xs) {
    const got = f(x);
    const ref = reference(x);
    if (!(Math.abs(got - ref) <= tolerance(ref))) out.push(`${x}: ${got}, want ${ref}`);
  }
  return out;
}

const PER_CLASS = 8;

describe('portable log and exp (the same bits in every JavaScript engine)', () => {
  const rng = new Rng(99, 9);
  it('log is within 1 ulp of the host’s Math.log over the whole double range', () => {
    // Every binary exponent, subnormals included: log's reduction splits off the exponent, so each one is a class.
    const xs: number[] = [];
    for (let e = -1074; e <= 1023; e++) for (let i = 0; i < PER_CLASS; i++) xs.push(2 ** e * (1 + rng.uniform()));
    // Near 1, log(x) ≈ x − 1 is tiny and so is its ulp: every distance from 2⁻¹ down to 2⁻⁵³, on both sides.
    for (let k = 1; k <= 52; k++) {
      for (let i = 0; i < PER_CLASS; i++) xs.push(1 + 2 ** -k * (1 + rng.uniform()), 1 - 2 ** -(k + 1) * (1 + rng.uniform()));
    }
    expect(xs.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
    expect(misses(xs, log, Math.log, ulp)).toEqual([]);
  });
  it('exp is within 1 ulp of the host’s Math.exp from near underflow (−740) to near overflow (709)', () => {
    // exp reduces x to r + k·ln 2 with |r| ≤ ln 2 / 2: each k from underflow to overflow is a class.
    const xs: number[] = [];
    for (let k = Math.round(-740 / Math.LN2); k <= Math.round(709 / Math.LN2); k++) {
      for (let i = 0; i < PER_CLASS; i++) xs.push(Math.min(709, Math.max(-740, (k + rng.uniform() - 0.5) * Math.LN2)));
    }
    // Near 0, exp(x) ≈ 1 + x: every size from 2⁻¹ down to 2⁻⁶⁰, both signs.
    for (let e = 1; e <= 60; e++) for (let i = 0; i < PER_CLASS; i++) xs.push(2 ** -e * (1 + rng.uniform()), -(2 ** -e) * (1 + rng.uniform()));
    expect(misses(xs, exp, Math.exp, (ref) => Math.max(ulp(ref), 5e-324))).toEqual([]);
  });
  it('handles the edges: 0, negatives, infinities, NaN, subnormals, exact powers of two', () => {
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(NaN)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(5e-324)).toBeCloseTo(-744.4400719213812, 12);
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(NaN)).toBeNaN();
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    for (let n = -1074; n <= 1023; n += 7) expect(pow2(n)).toBe(2 ** n);
    expect(pow(2, 10)).toBeCloseTo(1024, 10);
    expect(pow(10, 0.5)).toBeCloseTo(Math.sqrt(10), 14);
  });
  it('log inverts exp', () => {
    const xs = Array.from({ length: 10_000 }, () => (rng.uniform() - 0.5) * 1400);
    expect(misses(xs, (x) => log(exp(x)), (x) => x, (x) => 4 * ulp(x) + 1e-15)).toEqual([]);
  });
});
