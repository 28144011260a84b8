import type { Verdict } from '../engine/result';
import { summariseEnsemble, VERDICTS, type RecoveryQuantiles, type SeedOutcome } from './aggregate';
import type { ShareInterval } from './wilson';

/**
 * An ensemble as `sim run --seeds` prints it (and the page shows it): the base seed, how many seeds ran, the share of
 * seeds per verdict with its Wilson 95 % interval, the recovery-time quantiles of the recovered seeds, and every run.
 */
export interface EnsembleReport {
  baseSeed: number;
  n: number;
  shares: Record<Verdict, ShareInterval>;
  recoveryTime: RecoveryQuantiles | null;
  /** Seed i of the ensemble first (`ensembleSeed(baseSeed, i)`). */
  runs: SeedOutcome[];
}

export function ensembleReport(baseSeed: number, runs: readonly SeedOutcome[]): EnsembleReport {
  const { n, shares, recoveryTime } = summariseEnsemble(runs);
  return { baseSeed, n, shares, recoveryTime, runs: runs.map((r) => ({ seed: r.seed, verdict: r.verdict, recoveryTime: r.recoveryTime })) };
}

const RECOVERY_COLUMNS = ['recoveredN', 'recoveryMin', 'recoveryP10', 'recoveryP50', 'recoveryP90', 'recoveryMax'] as const;

/** The CSV columns of an ensemble: n, then k, share, low and high per verdict, then the recovery-time quantiles. */
export const ENSEMBLE_CSV_COLUMNS: readonly string[] = [
  'n',
  ...VERDICTS.flatMap((v) => [`${v}K`, `${v}Share`, `${v}Low`, `${v}High`]),
  ...RECOVERY_COLUMNS,
];

/** One CSV row's cells, in ENSEMBLE_CSV_COLUMNS order; empty where there is no value (no seed recovered). */
export function ensembleCsvCells(report: EnsembleReport): string[] {
  const r = report.recoveryTime;
  return [
    String(report.n),
    ...VERDICTS.flatMap((v) => {
      const s = report.shares[v];
      return [s.k, s.share, s.low, s.high].map(String);
    }),
    ...(r === null ? ['0', '', '', '', '', ''] : [r.n, r.min, r.p10, r.p50, r.p90, r.max].map(String)),
  ];
}
