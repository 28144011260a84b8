/**
 * Cumulative counters and time integrals live in one Float64Array, so the summary window and
 * each bin are differences of two snapshots.
 */
export const C = {
  arrivals: 0,
  attempts: 1,
  completed: 2,
  succeeded: 3,
  failed: 4,
  timedOut: 5,
  rejected: 6,
  wasted: 7,
  expired: 8,
  cancelled: 9,
  refused: 10,
  hits: 11,
  misses: 12,
  /** ∫ queued dt */
  queueInt: 13,
  /** ∫ in service dt */
  serviceInt: 14,
  /** ∫ min(in service, slots) dt */
  busyInt: 15,
  /** ∫ slots dt */
  slotsInt: 16,
  /** ∫ slots × speed / mean service dt: what the server could complete */
  capacityInt: 17,
  waitSum: 18,
  waitCount: 19,
  sloMisses: 20,
  timeoutsFired: 21,
  /** Calls sent to servers: one per attempt that reaches them, n with a fan-out, plus hedges. */
  calls: 22,
  hedges: 23,
  /** Calls answered with an error at arrival (`server.errors`, `errors` triggers). */
  errors: 24,
} as const;
export const COUNTER_COUNT = 25;
