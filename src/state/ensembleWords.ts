/** The verdict banner's words when an ensemble has run: how likely the scenario is to stay stuck, not whether it does. */
import { straddlesHalf, type EnsembleReport } from '../sim/format';

/** "34–74 %": an interval in whole percent. */
export function percentRange(low: number, high: number): string {
  return `${Math.round(low * 100)}–${Math.round(high * 100)} %`;
}

/**
 * One sentence on the ensemble's share of stuck seeds: "Over 20 seeds it stays stuck on 11 of 20 (95 %: 34–74 %): this
 * load is on the edge — which way it goes is a matter of chance." The conclusion follows the Wilson interval: on the
 * edge while it holds 50 %, likely stuck above it, usually out below it.
 */
export function ensembleWords(report: EnsembleReport): { text: string; tone: 'good' | 'bad' | 'warn' } {
  const stuck = report.shares.metastable;
  const n = report.n;
  const range = percentRange(stuck.low, stuck.high);
  const head = `Over ${n} seeds it stays stuck on ${stuck.k} of ${n} (95 %: ${range})`;
  if (straddlesHalf(stuck)) return { text: `${head}: this load is on the edge — which way it goes is a matter of chance.`, tone: 'warn' };
  if (stuck.low > 0.5) return { text: `${head}: it is likely to stay stuck whatever the seed.`, tone: 'bad' };
  if (stuck.k === 0) return { text: `${head}: it gets out on every seed tried.`, tone: 'good' };
  return { text: `${head}: it usually gets out, but not always.`, tone: 'good' };
}
