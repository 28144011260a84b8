import { describe, expect, it } from 'vitest';
import { exp, log, pow, pow2 } from '../../../src/sim/engine/portableMath';
import { Rng } from '../../../src/sim/engine/rng';

/** The spacing of doubles at x. */
function ulp(x: number): number {
  const a = Math.abs(x);
  return a < 2.2250738585072014e-308 ? 5e-324 : 2 ** (Math.floor(Math.log2(a)) - 52);
}

describe('portable log and exp (the same bits in every JavaScript engine)', () => {
  const rng = new Rng(99, 9);
  it('log is within 1 ulp of the host’s Math.log over the whole double range', () => {
    for (let i = 0; i < 200_000; i++) {
      const x = 2 ** ((rng.uniform() - 0.5) * 2000) * (1 + rng.uniform());
      const ref = Math.log(x);
      expect(Math.abs(log(x) - ref)).toBeLessThanOrEqual(ulp(ref));
    }
  });
  it('exp is within 1 ulp of the host’s Math.exp from near underflow (−740) to near overflow (709)', () => {
    for (let i = 0; i < 200_000; i++) {
      const x = -740 + rng.uniform() * 1449;
      const ref = Math.exp(x);
      expect(Math.abs(exp(x) - ref)).toBeLessThanOrEqual(Math.max(ulp(ref), 5e-324));
    }
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
    for (let i = 0; i < 10_000; i++) {
      const x = (rng.uniform() - 0.5) * 1400;
      expect(Math.abs(log(exp(x)) - x)).toBeLessThanOrEqual(4 * ulp(x) + 1e-15);
    }
  });
});
