// Ranges the scenario's fields share (seconds, ratios, periods), for schema.ts and its sections.

/** Longest run, seconds. */
export const MAX_DURATION = 1e7;
export const HOUR = 3600;
export const TIME_AT = { min: 0, max: MAX_DURATION };
export const TIME_SPAN = { min: 0, minExclusive: true, max: MAX_DURATION };
export const SECONDS = { min: 0, minExclusive: true, max: HOUR };
/**
 * Shortest window or period of a client or server control (breaker, throttle, autoscaling): the series'
 * time resolution. Below it a window means nothing, and the autoscaler, which checks once a window, would
 * spend its events without simulated time advancing.
 */
export const MIN_PERIOD = 0.001;
export const PERIOD = { min: MIN_PERIOD, max: HOUR };
export const RATIO = { min: 0, max: 1 };
export const RATIO_POSITIVE = { min: 0, minExclusive: true, max: 1 };
