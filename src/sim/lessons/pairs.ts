/** Presets the gallery shows side by side: a run that breaks and the one change that cures it, by lesson. */
export interface PresetPair {
  lesson: number;
  broken: string;
  cure: string;
  /** What the cure changes, in a few words. */
  change: string;
  /** How the broken run is worse: its verdict (stuck or overloaded), its tail latency (p99.9), or the requests it fails. */
  by: 'verdict' | 'tail' | 'failures';
}

export const PRESET_PAIRS: readonly PresetPair[] = [
  { lesson: 1, broken: 'retry-storm', cure: 'retry-storm-low-load', change: 'half the load', by: 'verdict' },
  { lesson: 2, broken: 'retry-storm', cure: 'retry-budget', change: 'a retry budget', by: 'verdict' },
  { lesson: 2, broken: 'retry-storm', cure: 'bounded-queue', change: 'a bounded queue', by: 'verdict' },
  { lesson: 2, broken: 'retry-storm', cure: 'lifo-queue', change: 'a LIFO queue', by: 'verdict' },
  { lesson: 2, broken: 'retry-storm', cure: 'circuit-breaker', change: 'a circuit breaker', by: 'verdict' },
  { lesson: 2, broken: 'retry-storm', cure: 'admission-control', change: "Envoy's admission control", by: 'verdict' },
  { lesson: 2, broken: 'envoy-budget-units', cure: 'retry-quota', change: "the AWS SDK's retry quota for Envoy's budget", by: 'verdict' },
  { lesson: 2, broken: 'gradient2-spike', cure: 'aimd-spike', change: 'AIMD instead of Gradient2', by: 'verdict' },
  { lesson: 3, broken: 'backoff-open-loop', cure: 'bounded-queue', change: 'shedding instead of backoff', by: 'verdict' },
  { lesson: 4, broken: 'slow-tail', cure: 'hedged-requests', change: 'hedged requests', by: 'tail' },
  { lesson: 5, broken: 'retry-storm', cure: 'cancel-on-timeout', change: 'cancellation', by: 'verdict' },
  { lesson: 6, broken: 'queue-too-deep', cure: 'bounded-queue', change: 'a queue shorter than the timeout', by: 'verdict' },
  { lesson: 7, broken: 'cache-flush', cure: 'cache-read-through', change: 'read-through fill', by: 'verdict' },
  { lesson: 8, broken: 'hot-shard', cure: 'hot-shard-cached', change: 'a cache in front', by: 'verdict' },
  { lesson: 8, broken: 'correlated-failure', cure: 'independent-failures', change: 'independent failures', by: 'failures' },
];
