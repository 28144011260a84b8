import type { ServiceSummary } from '../graph/serviceMetrics';
import type { Scenario } from '../scenario/types';
import type { ClassSeries, ClassSummary } from './priorities';
export type { ClassSeries, ClassSummary } from './priorities';

/** How a run ended, judged from its good/bad bins (docs/model.md, "The verdict"). */
export type Verdict = 'stable' | 'recovered' | 'metastable' | 'overloaded' | 'unresolved';

/** The per-bin series, in the CLI's CSV column order; extras follow the documented ones. */
export const SERIES_NAMES = [
  't',
  'offered',
  'attempts',
  'throughput',
  'goodput',
  'wasted',
  'queue',
  'inService',
  'p50',
  'p99',
  'p999',
  'serverP99',
  'hitRate',
  'amplification',
  'utilisation',
  'bad',
  'failed',
  'timedOut',
  'rejected',
  'capacity',
  'clientP50',
  'clientP99',
  'clientP999',
  'errors',
  'limiterLimit',
  'limiterRtt',
  'limiterRttNoLoad',
  'limiterGradient',
  'clientLimiterLimit',
] as const;
export type SeriesName = (typeof SERIES_NAMES)[number];

/** Series as JSON: one value per bin, `null` where a bin has no sample. */
export type Series = Record<SeriesName, (number | null)[]>;
/** A run's series: with several backends or shards, `shardUtilisation[i]` holds bin i's utilisation of each. */
export type RunSeries = Series & { shardUtilisation?: (number | null)[][]; classes?: ClassSeries[] };
/** Series as typed arrays: NaN where a bin has no sample. */
export type SeriesArrays = Record<SeriesName, Float64Array>;

export interface Percentiles {
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
}

export interface Counts {
  /** First attempts. */
  arrivals: number;
  /** Attempts that left the client (to the cache or the server). */
  attempts: number;
  /** Server completions, wasted ones included. */
  completed: number;
  /** Requests answered within their timeout. */
  succeeded: number;
  /** Requests given up: retries exhausted, or refused by the client's own budget, breaker or throttle. */
  failed: number;
  /** Requests whose client is still waiting, counted from the live client-side records. */
  inFlight: number;
  /** Attempts whose client timer fired. */
  timedOut: number;
  /** Attempts refused by the server: queue limit or shedding (CoDel). */
  rejected: number;
  /** Completions whose client had already given up. */
  wasted: number;
  /** Queued attempts skipped because their client had given up (`dropExpired`). */
  expired: number;
  /** Attempts removed or aborted when their client timed out (`cancelOnTimeout`). */
  cancelled: number;
  /** Attempts or retries refused by the client itself (retry budget, breaker, throttle). */
  refused: number;
  cacheHits: number;
  cacheMisses: number;
  /** Calls sent to servers: one per attempt that reaches them, `fanout.n` with a fan-out, plus hedges. */
  calls: number;
  /** Hedged copies sent (`fanout.hedge`). */
  hedges: number;
  /** Calls answered with an error at arrival (`server.errors`, `errors` triggers): failed attempts. */
  errors: number;
}

/** One backend or shard over [warmup, end], rates per second. */
export interface ShardSummary {
  /** Per second over [warmup, end]. Partitions: first attempts of requests whose key lives there. Fan-out: calls that arrived at it. */
  offered: number;
  /** Per second over [warmup, end]. Partitions: those requests that succeeded. Fan-out: its answers that counted. */
  goodput: number;
  /** Busy slots / slots; null when unbounded. */
  utilisation: number | null;
}

export interface Rates {
  offered: number;
  attempts: number;
  throughput: number;
  goodput: number;
  wasted: number;
}

/** An operator action that preceded recovery. */
export interface Rescue {
  at: number;
  set: Record<string, unknown>;
}

export interface Summary {
  verdict: Verdict;
  /** Seconds from the end of the last trigger to the end of the last bad bin; null unless recovered. */
  recoveryTime: number | null;
  /** The last operator action between the first trigger and recovery, when the run recovered. */
  rescue: Rescue | null;
  counts: Counts;
  /** Per second over [warmup, end]. */
  rates: Rates;
  /** Request latency, first attempt to success, over [warmup, end]: successes only. */
  latency: Percentiles;
  meanLatency: number | null;
  /**
   * Latency as clients experience it, over [warmup, end]: every finished request, a success at its
   * latency and a failure (retries exhausted, refused, shed, given up by a breaker or budget) at
   * its time from first attempt to failure. Requests still in flight are not counted.
   */
  clientLatency: Percentiles & { mean: number | null };
  /** Time in the server of every completion, wasted ones included. */
  serverLatency: Percentiles & { mean: number | null };
  meanInSystem: number;
  meanWait: number | null;
  amplification: number | null;
  hitRate: number | null;
  utilisation: number | null;
  sloMiss: number | null;
  /** arrivals + completions + timeouts fired, over the whole run. */
  events: number;
  /** Simulated time reached. */
  endTime: number;
  /** Why the run stopped early (in-flight cap), or null. */
  stopped: string | null;
  /** Write-conflict model: when the last client committed; null otherwise. */
  completionTime: number | null;
  /** Per backend (fan-out) or shard (partitions); null with one server. */
  shards: ShardSummary[] | null;
  /** Longest time a call waited in a queue before service, over [warmup, end]; null when none was served. */
  longestWait: number | null;
  /** When the first request or call was refused or shed on purpose at or after the earliest trigger's start; null if none. */
  firstShed: number | null;
  /** Per priority class (`load.priorities`), in their order, over [warmup, end]; null without classes. */
  classes: ClassSummary[] | null;
}

export interface RunResult {
  scenario: Scenario;
  summary: Summary;
  series: RunSeries;
  /** A graph's per-service series: service name → metric → one value a bin (`null` = no sample). */
  services?: Record<string, Record<string, (number | null)[]>>;
  /** A graph's per-service figures over the window (after the warm-up). */
  serviceSummary?: ServiceSummary[];
}
