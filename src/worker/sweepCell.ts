/** One phase-map cell run to its end: the CLI's verdict and recovery time, plus the figures the map shows on hover. */
import { costsOfRun, parseScenario, runScenario, type RunCosts, type RunSeries, type Verdict } from '../sim/index';
import type { SweepAnswer, SweepRequest } from './sweepProtocol';

/** What a cell reports: the verdict and recovery time exactly as `runCell` (and so `sim sweep`) gives them, plus figures. */
export interface CellFigures {
  verdict: Verdict;
  recoveryTime: number | null;
  /** Mean goodput and offered load over [warmup, end], requests per second. */
  goodput: number;
  offered: number;
  /**
   * Client-experienced latency p99 over [warmup, end], seconds (`summary.clientLatency`: failures
   * count at their time to failure); null when no request finished.
   */
  p99: number | null;
  amplification: number | null;
  /** Seconds of bins judged bad. */
  badTime: number;
  /** Why the run stopped early (in-flight cap), or null. */
  stopped: string | null;
  /** The run's benefit and costs (docs/model.md, "Cost measures"), for the tradeoffs view. */
  costs: RunCosts;
  /** The run's series, when the request asked for them (`withSeries`). */
  series?: RunSeries;
}

/** Validate and run one cell to its end; throws ScenarioError when the cell's scenario is invalid. */
export function runSweepCell(raw: unknown, withSeries = false): CellFigures {
  const result = runScenario(parseScenario(raw).scenario);
  const { scenario, summary, series } = result;
  let badBins = 0;
  for (const b of series.bad) if (b === 1) badBins++;
  return {
    verdict: summary.verdict,
    recoveryTime: summary.recoveryTime,
    goodput: summary.rates.goodput,
    offered: summary.rates.offered,
    p99: summary.clientLatency.p99,
    amplification: summary.amplification,
    badTime: badBins * scenario.bin,
    stopped: summary.stopped,
    costs: costsOfRun(result),
    ...(withSeries ? { series } : {}),
  };
}

/** A worker's answer to one cell: its figures, or why its scenario is invalid, and its wall time by `clockMs`. */
export function answerSweepRequest(request: SweepRequest, clockMs: () => number): SweepAnswer {
  const t0 = clockMs();
  try {
    const figures = runSweepCell(request.raw, request.withSeries === true);
    return { index: request.index, figures, ms: clockMs() - t0 };
  } catch (error) {
    return { index: request.index, error: error instanceof Error ? error.message : String(error), ms: clockMs() - t0 };
  }
}
