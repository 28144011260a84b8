/**
 * log, exp and pow computed with IEEE-754 basic operations only (+, −, ×, ÷ and exact bit
 * manipulation), after the classic fdlibm algorithms (Sun Microsystems, 1993): argument
 * reduction to a small interval, then a fixed polynomial. JavaScript rounds every operation to
 * double and never fuses them, so these give the same bits in every engine, unlike Math.log and
 * Math.exp, whose last bit differs between V8 versions (Node and Chromium disagree on about one
 * input in 20,000). The engine's output must be identical in Node and in the browser.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high word (sign, exponent, top of the mantissa) in `u32`. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.80143985094819840000e16;
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural logarithm, within about 1 ulp, the same bits everywhere. */
export function log(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  f64[0] = x;
  let hx = u32[HI]!;
  let k = 0;
  if (hx < 0x00100000) {
    // Subnormal: scale up into the normal range.
    k -= 54;
    f64[0] = x * TWO54;
    hx = u32[HI]!;
  }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Normalise the mantissa to [√2/2, √2) and adjust k.
  const i = (hx + 0x95f64) & 0x100000;
  u32[HI] = hx | (i ^ 0x3ff00000);
  k += i >> 20;
  const f = f64[0] - 1;
  const dk = k;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const j = (hx - 0x6147a) | (0x6b851 - hx);
  if (j > 0) {
    const hfsq = 0.5 * f * f;
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

const INV_LN2 = 1.44269504088896338700;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const EXP_OVER = 7.09782712893383973096e2;
const EXP_UNDER = -7.45133219101941108420e2;

/** 2^n for an integer n from −1074 to 1023, exactly. */
export function pow2(n: number): number {
  if (n >= -1022) {
    u32[LO] = 0;
    u32[HI] = (n + 1023) << 20;
    return f64[0]!;
  }
  // Subnormal results: two exact steps.
  u32[LO] = 0;
  u32[HI] = (n + 1023 + 54) << 20;
  return f64[0]! / TWO54;
}

/** e^x, within about 1 ulp, the same bits everywhere. */
export function exp(x: number): number {
  if (x !== x) return NaN;
  if (x > EXP_OVER) return Infinity;
  if (x < EXP_UNDER) return 0;
  const ax = x < 0 ? -x : x;
  let hi = 0;
  let lo = 0;
  let k = 0;
  let r = x;
  if (ax > 0.5 * LN2_HI) {
    k = ax < 1.5 * LN2_HI ? (x < 0 ? -1 : 1) : Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
    r = hi - lo;
  } else if (ax < 3.7252902984e-9) {
    return 1 + x;
  }
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // Scale by 2^k in two exact steps, so neither factor leaves the double range.
  const k1 = k >> 1;
  return y * pow2(k1) * pow2(k - k1);
}

/** x^y for x > 0, as exp(y·log x): a few ulp, the same bits everywhere. */
export function pow(x: number, y: number): number {
  return exp(y * log(x));
}
