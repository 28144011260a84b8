import { C } from './counters';
import type { LogHistogram } from './histogram';
import type { Percentiles, Summary } from './result';
import type { VerdictResult } from './verdict';

export interface SummaryInput {
  c: Float64Array;
  /** Counters at the end of warm-up, or null when the run has not reached it. */
  warm: Float64Array | null;
  windowS: number;
  latency: LogHistogram;
  /** First attempt to failure of every failed request. */
  failLatency: LogHistogram;
  serverLatency: LogHistogram;
  inFlight: number;
  verdict: VerdictResult;
  rescue: Summary['rescue'];
  hasCache: boolean;
  bounded: boolean;
  slo: number | null;
  endS: number;
  stopped: string | null;
  /** Calls per attempt with a fan-out (n), else 1: hedges count in amplification per attempt. */
  fanout: number;
  shards: Summary['shards'];
  longestWait: number | null;
  firstShed: number | null;
  classes: Summary['classes'];
}

function percentiles(h: LogHistogram): Percentiles {
  return { p50: h.quantile(0.5), p90: h.quantile(0.9), p99: h.quantile(0.99), p999: h.quantile(0.999) };
}

/** Successes and failures together: what clients waited for, whatever the outcome. */
function clientPercentiles(ok: LogHistogram, failed: LogHistogram): Percentiles & { mean: number | null } {
  const n = ok.count + failed.count;
  return {
    p50: ok.quantileWith(failed, 0.5),
    p90: ok.quantileWith(failed, 0.9),
    p99: ok.quantileWith(failed, 0.99),
    p999: ok.quantileWith(failed, 0.999),
    mean: n === 0 ? null : (ok.sum + failed.sum) / n,
  };
}

/** Assemble the summary: counts over the whole run, rates and means over [warmup, end]. */
export function buildSummary(x: SummaryInput): Summary {
  const c = x.c;
  const w = (k: number): number => (x.warm === null ? 0 : c[k]! - x.warm[k]!);
  const per = (k: number): number => (x.windowS > 0 ? w(k) / x.windowS : 0);
  const arrivalsW = w(C.arrivals);
  const lookups = w(C.hits) + w(C.misses);
  const slotsInt = w(C.slotsInt);
  const requestsW = w(C.succeeded) + w(C.failed);
  return {
    verdict: x.verdict.verdict,
    recoveryTime: x.verdict.recoveryTime,
    rescue: x.rescue,
    counts: {
      arrivals: c[C.arrivals]!,
      attempts: c[C.attempts]!,
      completed: c[C.completed]!,
      succeeded: c[C.succeeded]!,
      failed: c[C.failed]!,
      inFlight: x.inFlight,
      timedOut: c[C.timedOut]!,
      rejected: c[C.rejected]!,
      wasted: c[C.wasted]!,
      expired: c[C.expired]!,
      cancelled: c[C.cancelled]!,
      refused: c[C.refused]!,
      cacheHits: c[C.hits]!,
      cacheMisses: c[C.misses]!,
      calls: c[C.calls]!,
      hedges: c[C.hedges]!,
      errors: c[C.errors]!,
    },
    rates: {
      offered: per(C.arrivals),
      attempts: per(C.attempts),
      throughput: per(C.completed),
      goodput: per(C.succeeded),
      wasted: per(C.wasted),
    },
    latency: percentiles(x.latency),
    meanLatency: x.latency.mean(),
    clientLatency: clientPercentiles(x.latency, x.failLatency),
    serverLatency: { ...percentiles(x.serverLatency), mean: x.serverLatency.mean() },
    meanInSystem: x.windowS > 0 ? (w(C.queueInt) + w(C.serviceInt)) / x.windowS : 0,
    meanWait: w(C.waitCount) > 0 ? w(C.waitSum) / w(C.waitCount) : null,
    amplification: arrivalsW > 0 ? (w(C.attempts) + w(C.hedges) / x.fanout) / arrivalsW : null,
    hitRate: x.hasCache && lookups > 0 ? w(C.hits) / lookups : null,
    utilisation: x.bounded && slotsInt > 0 ? w(C.busyInt) / slotsInt : null,
    sloMiss: x.slo !== null && requestsW > 0 ? w(C.sloMisses) / requestsW : null,
    events: c[C.arrivals]! + c[C.completed]! + c[C.timeoutsFired]!,
    endTime: x.endS,
    stopped: x.stopped,
    completionTime: null,
    shards: x.shards,
    longestWait: x.longestWait,
    firstShed: x.firstShed,
    classes: x.classes,
  };
}
