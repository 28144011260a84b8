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

const EXPECTED_WORDS: Record<string, string> = {
  stable: 'stay stable',
  recovered: 'recover',
  metastable: 'stay stuck',
  overloaded: 'be overloaded from the start',
  unresolved: 'end unresolved',
};

/**
 * A lesson's claim as a likelihood: "The story expects it to stay stuck; over 20 seeds it did on 14 of 20 (95 %:
 * 48–85 %)." Null when the verdict the lesson expects has no words here.
 */
export function expectationWords(expected: string, report: EnsembleReport): string | null {
  const words = EXPECTED_WORDS[expected];
  const share = (report.shares as Record<string, EnsembleReport['shares']['stable'] | undefined>)[expected];
  if (words === undefined || share === undefined) return null;
  const tail = share.k === report.n ? ' — every seed.' : share.k === 0 ? ' — none of them did.' : straddlesHalf(share) ? ': as likely as not.' : share.low > 0.5 ? ': most of the time.' : ': now and then.';
  return `The story expects it to ${words}; over ${report.n} seeds it did on ${share.k} of ${report.n} (95 %: ${percentRange(share.low, share.high)})${tail}`;
}
