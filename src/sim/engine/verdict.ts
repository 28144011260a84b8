import type { Verdict } from './result';

/** Trailing window of the bad-bin rule, in bins: max(5 bins, 5 s). */
export function badWindowBins(binS: number): number {
  return Math.max(5, Math.ceil(5 / binS - 1e-9));
}

/** Bins ending before this time are not judged (start-up transient). */
export function judgeFromS(warmupS: number, timeoutS: number | null, meanServiceS: number): number {
  return timeoutS === null ? 5 + 2 * meanServiceS : Math.max(warmupS, 5, 2 * timeoutS);
}

/**
 * Index of the first judged bin. A bin is judged when it ends at or after `judgeFrom` and its
 * whole trailing window does too, so the start-up transient never counts as bad, not even
 * through the window of a later bin.
 */
export function firstJudgedBin(binS: number, judgeFrom: number, window: number): number {
  return Math.max(0, Math.ceil(judgeFrom / binS - 1e-9) - 1) + window - 1;
}

/**
 * Whether bin i is bad: over the trailing window, goodput (successes counted where they end)
 * is below 90% of offered first attempts (counted where they arrive), with at least 50 of them.
 */
export function isBadBin(offered: Float64Array, good: Float64Array, i: number, window: number): boolean {
  let off = 0;
  let ok = 0;
  for (let k = Math.max(0, i - window + 1); k <= i; k++) {
    off += offered[k]!;
    ok += good[k]!;
  }
  return off >= 50 && ok < 0.9 * off;
}

export interface VerdictResult {
  verdict: Verdict;
  recoveryTime: number | null;
  /** End of the last bad bin, or null. */
  lastBadEndS: number | null;
}

/**
 * Apply PRODUCT.md's verdict rules to the bad flags of the closed bins.
 * `bad[i]` is 1 (bad), 0 (good) or NaN (not judged); `endS` is the end of the judged span.
 */
export function judge(
  bad: Float64Array,
  bins: number,
  binS: number,
  endS: number,
  triggers: readonly { at: number; end: number }[],
): VerdictResult {
  const binEnd = (i: number): number => Math.min((i + 1) * binS, endS);
  let firstAt = Infinity;
  let lastEnd = -Infinity;
  for (const tr of triggers) {
    if (tr.at < firstAt) firstAt = tr.at;
    if (tr.end > lastEnd) lastEnd = tr.end;
  }
  let anyBad = false;
  let lastBad = -1;
  for (let i = 0; i < bins; i++) {
    if (bad[i] === 1) {
      anyBad = true;
      lastBad = i;
      if (binEnd(i) <= firstAt) return { verdict: 'overloaded', recoveryTime: null, lastBadEndS: binEnd(i) };
    }
  }
  if (!anyBad) return { verdict: 'stable', recoveryTime: null, lastBadEndS: null };
  const lastBadEnd = binEnd(lastBad);
  const tailStart = endS - 60;
  if (lastBadEnd <= tailStart + 1e-9 && triggers.length > 0 && endS >= 60) {
    return { verdict: 'recovered', recoveryTime: Math.max(0, lastBadEnd - lastEnd), lastBadEndS: lastBadEnd };
  }
  if (lastEnd <= endS - 60 + 1e-9) {
    let all = true;
    let tailBins = 0;
    for (let i = 0; i < bins; i++) {
      if (i * binS < tailStart - 1e-9) continue;
      tailBins++;
      if (bad[i] !== 1) {
        all = false;
        break;
      }
    }
    if (all && tailBins > 0) return { verdict: 'metastable', recoveryTime: null, lastBadEndS: lastBadEnd };
  }
  return { verdict: 'unresolved', recoveryTime: null, lastBadEndS: lastBadEnd };
}
