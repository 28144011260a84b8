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

/** First attempts a window should hold before its shortfall is judged; see `isBadBin`. */
export const WINDOW_ATTEMPTS = 500;
/** The longest a window grows to reach WINDOW_ATTEMPTS, seconds. */
export const MAX_WINDOW_S = 60;

/**
 * Whether bin i is bad: over the trailing window, goodput (successes counted where they end)
 * is below 90% of offered first attempts (counted where they arrive), with at least 50 of them.
 *
 * The window is max(5 bins, 5 s), grown back bin by bin (up to 60 s) until it holds 500
 * first attempts; a bin whose window would reach back before `fromBin` (the start-up) is not
 * judged (null). In a system that fails nothing, offered minus
 * goodput over a window is just the change in requests in flight; over 5 s at a low rate that
 * swing alone passes 10% of offered (an M/M/1 at 8/s, B1's collapse-prone server at 40/s), so
 * a fixed 5-s window mistakes ordinary fluctuation for overload. At 500 attempts the 10%
 * margin is 50 requests, well above those swings; at 100/s and more the window stays 5 s.
 */
export function isBadBin(offered: Float64Array, good: Float64Array, i: number, window: number, maxWindow: number, fromBin: number): boolean | null {
  let off = 0;
  let ok = 0;
  const first = Math.max(0, i - maxWindow + 1);
  let k = i;
  for (; k >= first && (i - k < window || off < WINDOW_ATTEMPTS); k--) {
    if (k < fromBin) return null;
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
 * Apply the verdict rules (docs/model.md, "The verdict") to the bad flags of the closed bins.
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
