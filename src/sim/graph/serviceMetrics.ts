// The per-service series of a graph run: names and layout (no engine code, so the page may import it).

/** The per-service series, in this order in `ServiceArrays.values`. */
export const SERVICE_METRICS = [
  'arrivals',
  'goodput',
  'errors',
  'rejected',
  'expired',
  'wasted',
  'timeouts',
  'queue',
  'inService',
  'utilisation',
  'p50',
  'p99',
  'amplification',
  'firstTries',
  'retryFactor',
] as const;
export type ServiceMetric = (typeof SERVICE_METRICS)[number];

/** Per-service series of bins [from, to): value of metric m of service s in bin i at `((i − from) × services + s) × metrics + m`; NaN = no sample. */
export interface ServiceArrays {
  services: string[];
  metrics: readonly ServiceMetric[];
  bins: number;
  values: Float64Array;
}


/** One service's figures over the run's window (after the warm-up): per second, means, the time at it of its good answers (s), calls per user request. */
export interface ServiceSummary {
  name: string;
  offered: number | null;
  goodput: number | null;
  errors: number | null;
  rejected: number | null;
  expired: number | null;
  wasted: number | null;
  timeouts: number | null;
  queue: number | null;
  inService: number | null;
  utilisation: number | null;
  p50: number | null;
  p99: number | null;
  amplification: number | null;
  /** First tries per second: its callers' exchanges, before their retries. */
  firstTries: number | null;
  /** Tries per first try: the amplification its callers' retries add at this layer. */
  retryFactor: number | null;
}
