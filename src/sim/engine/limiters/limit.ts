/**
 * A concurrency-limit algorithm as Netflix's concurrency-limits library defines one (its `Limit`):
 * fed one sample per call that leaves the limiter — the call's round-trip time, the number of
 * calls in flight when it was admitted (itself included) and whether it was dropped — it keeps
 * an integer limit. Times are in seconds (the library's are nanoseconds: only ratios and the
 * AIMD timeout use them, so the unit changes nothing).
 */
export interface LimitAlgorithm {
  /** The limit in force: calls admitted while fewer than this many are in flight. */
  readonly limit: number;
  /** `AbstractLimit.onSample`: the limit is recomputed from one sample. */
  onSample(rtt: number, inflight: number, didDrop: boolean): void;
  /** The last RTT sampled (Vegas, Gradient2), else NaN. */
  readonly rtt: number;
  /** Vegas's RTT with no load; Gradient2's long-term RTT; else NaN. */
  readonly rttNoLoad: number;
  /** Gradient2's last gradient, in [0.5, 1]; else NaN. */
  readonly gradient: number;
}

/**
 * The library's `Log10RootIntFunction` with baseline 0: max(1, ⌊log₁₀ n⌋) (0 and 1…9 give 1).
 * Computed by counting digits, so it is exact on every host.
 */
export function log10Root(n: number): number {
  let digits = 0;
  for (let x = Math.trunc(n); x >= 10; x = Math.trunc(x / 10)) digits++;
  return digits > 1 ? digits : 1;
}

/** Java's `(int)` of a double that fits: truncation toward zero. */
export function toInt(x: number): number {
  return Math.trunc(x);
}
