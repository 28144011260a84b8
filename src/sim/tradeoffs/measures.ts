/**
 * Cost measures (docs/model.md, "Cost measures"): what a run gains and what it pays, from its summary and series
 * alone, and their means over the seeds of the tradeoffs plan. No engine here: the page aggregates what its workers
 * report, the CLI what its threads report, with the same code.
 */
import type { RunResult, Verdict } from '../engine/result';
import type { TradeoffConfig } from './plan';

/** One run's benefit and costs. */
export interface RunCosts {
  verdict: Verdict;
  /** Seconds from the end of the last trigger to the end of the last bad bin; null unless recovered. */
  recoveryTime: number | null;
  /** Share of the bins from the earliest trigger's start to the end that are bad; null without triggers. */
  stuckShare: number | null;
  /** Goodput over offered load, [warmup, end]. */
  goodputShare: number | null;
  /** Attempts (and hedges) per first attempt, [warmup, end]. */
  amplification: number | null;
  /** Requests or calls refused or shed on purpose (client refusals + server rejections) per request. */
  shedShare: number | null;
  /** Latency p99.9 of served requests, first attempt to success, [warmup, end]. */
  p999: number | null;
  /** Longest queue wait of a call that reached service, [warmup, end]. */
  longestWait: number | null;
  /** Seconds from the earliest trigger's start to the first refusal or shed; null if nothing was refused. */
  detect: number | null;
  /** Requests that succeeded per request, over the whole run (read on the transient variant). */
  successShare: number | null;
}

function firstTriggerAt(r: RunResult): number | null {
  let at: number | null = null;
  for (const tr of r.scenario.triggers) if (at === null || tr.at < at) at = tr.at;
  return at;
}

/** The benefit and costs of one run. */
export function costsOfRun(r: RunResult): RunCosts {
  const s = r.summary;
  const start = firstTriggerAt(r);
  let bins = 0;
  let bad = 0;
  if (start !== null) {
    r.series.t.forEach((t, i) => {
      if (t === null || t < start) return;
      bins++;
      if (r.series.bad[i] === 1) bad++;
    });
  }
  const arrivals = s.counts.arrivals;
  return {
    verdict: s.verdict,
    recoveryTime: s.recoveryTime,
    stuckShare: bins > 0 ? bad / bins : null,
    goodputShare: s.rates.offered > 0 ? s.rates.goodput / s.rates.offered : null,
    amplification: s.amplification,
    shedShare: arrivals > 0 ? (s.counts.refused + s.counts.rejected) / arrivals : null,
    p999: s.latency.p999,
    longestWait: s.longestWait,
    detect: start !== null && s.firstShed !== null ? s.firstShed - start : null,
    successShare: arrivals > 0 ? s.counts.succeeded / arrivals : null,
  };
}

/** One configuration's row: means over its seeds (a seed without the figure is left out of its mean). */
export interface TradeoffRow {
  id: string;
  label: string;
  /** Runs (seeds) behind the row, as given. */
  runs: number;
  /** Runs that ended stable or recovered. */
  recovered: number;
  recoveryTime: number | null;
  stuckShare: number | null;
  goodputShare: number | null;
  amplification: number | null;
  shedShare: number | null;
  p999: number | null;
  longestWait: number | null;
  detect: number | null;
  /** Successes per request the configuration loses under the transient failure, against the baseline's (negative: it gains). */
  successesLost: number | null;
}

/** The figures the table and chart show, in order: benefits first (higher `better` is better), then costs. */
export const TRADEOFF_MEASURES = [
  { key: 'goodputShare', label: 'goodput share', kind: 'benefit', unit: 'share' },
  { key: 'stuckShare', label: 'stuck share', kind: 'benefit-inverse', unit: 'share' },
  { key: 'recoveryTime', label: 'recovery time', kind: 'benefit-inverse', unit: 's' },
  { key: 'amplification', label: 'amplification', kind: 'cost', unit: '×' },
  { key: 'shedShare', label: 'refused or shed', kind: 'cost', unit: 'share' },
  { key: 'successesLost', label: 'successes lost (transient)', kind: 'cost', unit: 'share' },
  { key: 'p999', label: 'p99.9', kind: 'cost', unit: 's' },
  { key: 'longestWait', label: 'longest wait', kind: 'cost', unit: 's' },
  { key: 'detect', label: 'time to detect', kind: 'cost', unit: 's' },
] as const;
export type TradeoffMeasureKey = (typeof TRADEOFF_MEASURES)[number]['key'];

function mean(xs: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const x of xs) {
    if (x === null || !Number.isFinite(x)) continue;
    sum += x;
    n++;
  }
  return n > 0 ? sum / n : null;
}

/** A finished run of the plan: its configuration, whether it is the transient variant, and its costs. */
export interface CostedRun {
  config: number;
  transient: boolean;
  costs: RunCosts;
}

/** The rows of the plan from its runs (any order; configurations without runs yet have empty rows). */
export function aggregateTradeoffs(configs: readonly TradeoffConfig[], runs: readonly CostedRun[]): TradeoffRow[] {
  const given = configs.map((): RunCosts[] => []);
  const transient = configs.map((): RunCosts[] => []);
  for (const run of runs) (run.transient ? transient : given)[run.config]?.push(run.costs);
  const baseTransient = mean(transient[0]?.map((c) => c.successShare) ?? []);
  return configs.map((config, i) => {
    const g = given[i]!;
    const pick = (f: (c: RunCosts) => number | null) => mean(g.map(f));
    const own = mean(transient[i]!.map((c) => c.successShare));
    return {
      id: config.id,
      label: config.label,
      runs: g.length,
      recovered: g.filter((c) => c.verdict === 'stable' || c.verdict === 'recovered').length,
      recoveryTime: pick((c) => c.recoveryTime),
      stuckShare: pick((c) => c.stuckShare),
      goodputShare: pick((c) => c.goodputShare),
      amplification: pick((c) => c.amplification),
      shedShare: pick((c) => c.shedShare),
      p999: pick((c) => c.p999),
      longestWait: pick((c) => c.longestWait),
      detect: pick((c) => c.detect),
      successesLost: baseTransient !== null && own !== null ? baseTransient - own : null,
    };
  });
}

/**
 * The frontier for a benefit against one cost: the rows no other row beats, i.e. none has at least their goodput
 * share at no more cost, better in one of the two. Rows without both figures are not on it.
 */
export function frontierOf(rows: readonly TradeoffRow[], cost: TradeoffMeasureKey): Set<string> {
  const points = rows.flatMap((r) => {
    const b = r.goodputShare;
    const c = r[cost];
    return b === null || c === null ? [] : [{ id: r.id, b, c }];
  });
  const out = new Set<string>();
  for (const p of points) {
    const beaten = points.some((q) => q !== p && q.b >= p.b && q.c <= p.c && (q.b > p.b || q.c < p.c));
    if (!beaten) out.add(p.id);
  }
  return out;
}
