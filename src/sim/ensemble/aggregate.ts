import type { Verdict } from '../engine/result';
import { wilson, type ShareInterval } from './wilson';

/** Every verdict, in the order ensembles report them. */
export const VERDICTS: readonly Verdict[] = ['stable', 'recovered', 'metastable', 'overloaded', 'unresolved'];

/** What one seed of an ensemble ended with. */
export interface SeedOutcome {
  seed: number;
  verdict: Verdict;
  recoveryTime: number | null;
}

/** Quantiles of the recovery times of the seeds that recovered. */
export interface RecoveryQuantiles {
  /** Seeds that recovered (the sample size). */
  n: number;
  min: number;
  p10: number;
  p50: number;
  p90: number;
  max: number;
}

export interface EnsembleSummary {
  /** Seeds run. */
  n: number;
  /** Share of seeds per verdict with its Wilson 95 % interval, in the order of VERDICTS. */
  shares: Record<Verdict, ShareInterval>;
  /** Recovery time quantiles over the recovered seeds; null when none recovered. */
  recoveryTime: RecoveryQuantiles | null;
}

/**
 * The q-quantile of ascending `sorted` values, linear between order statistics (Hyndman & Fan's
 * type 7, the default of R and NumPy): position (n − 1) · q, interpolated between its neighbours.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/** Stuck means the verdict `metastable`: bad to the end, long after every trigger ended. */
export function isStuck(verdict: Verdict): boolean {
  return verdict === 'metastable';
}

/** Shares per verdict with intervals, and the recovery-time quantiles, of an ensemble's outcomes. */
export function summariseEnsemble(outcomes: readonly SeedOutcome[]): EnsembleSummary {
  const n = outcomes.length;
  const counts = new Map<Verdict, number>(VERDICTS.map((v) => [v, 0]));
  const times: number[] = [];
  for (const o of outcomes) {
    counts.set(o.verdict, (counts.get(o.verdict) ?? 0) + 1);
    if (o.verdict === 'recovered' && o.recoveryTime !== null) times.push(o.recoveryTime);
  }
  const shares = Object.fromEntries(VERDICTS.map((v) => [v, wilson(counts.get(v) ?? 0, n)])) as Record<Verdict, ShareInterval>;
  times.sort((a, b) => a - b);
  const recoveryTime =
    times.length === 0
      ? null
      : {
          n: times.length,
          min: times[0]!,
          p10: quantileSorted(times, 0.1),
          p50: quantileSorted(times, 0.5),
          p90: quantileSorted(times, 0.9),
          max: times[times.length - 1]!,
        };
  return { n, shares, recoveryTime };
}

/** A series across an ensemble's seeds, bin by bin: median and the 10–90 % range; NaN where no seed has a value. */
export interface SeriesBand {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

/**
 * Per-bin median and 10–90 % band of one series over seeds (quantiles as `quantileSorted`). A seed
 * without a value in a bin (NaN or null) is left out of that bin; a bin no seed has stays NaN.
 * Series may differ in length (a run stopped early): bin i counts the seeds that reached it.
 */
export function seriesBand(perSeed: readonly ArrayLike<number | null>[]): SeriesBand {
  let bins = 0;
  for (const s of perSeed) bins = Math.max(bins, s.length);
  const band: SeriesBand = { p10: new Float64Array(bins), p50: new Float64Array(bins), p90: new Float64Array(bins) };
  const values = new Float64Array(perSeed.length);
  for (let i = 0; i < bins; i++) {
    let m = 0;
    for (const s of perSeed) {
      const v = i < s.length ? s[i] : null;
      if (v !== null && v !== undefined && !Number.isNaN(v)) values[m++] = v;
    }
    const sorted = values.subarray(0, m).sort();
    band.p10[i] = quantileSorted(sorted, 0.1);
    band.p50[i] = quantileSorted(sorted, 0.5);
    band.p90[i] = quantileSorted(sorted, 0.9);
  }
  return band;
}
