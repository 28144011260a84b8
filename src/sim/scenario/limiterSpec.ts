import * as v from 'valibot';
import { suggestion } from './didYouMean';
import { nullableNumber, number, oneOfIn, problem, section } from './fields';

// The server's adaptive concurrency limiter (`server.limiter`): one kind of Netflix's
// concurrency-limits library, with that library's parameters and defaults.

export const LIMITER_KINDS = ['aimd', 'vegas', 'gradient2'] as const;
export type LimiterKind = (typeof LIMITER_KINDS)[number];

/** `AIMDLimit`: +1 per sample while busy, × backoffRatio on a drop. */
export interface AimdLimiterSpec {
  kind: 'aimd';
  initialLimit: number;
  minLimit: number;
  maxLimit: number;
  /** Multiplier of the limit on a drop, in [0.5, 1). */
  backoffRatio: number;
  /** Seconds: a call that took longer counts as a drop. */
  timeout: number;
}

/** `VegasLimit`: grows or shrinks by the estimated queue, limit × (1 − rttNoLoad/rtt). */
export interface VegasLimiterSpec {
  kind: 'vegas';
  initialLimit: number;
  /** The library's `maxConcurrency`. */
  maxLimit: number;
  smoothing: number;
  probeMultiplier: number;
  /** `null`: 3 × log10Root(limit). */
  alpha: number | null;
  /** `null`: 6 × log10Root(limit). */
  beta: number | null;
  /** `null`: log10Root(limit). */
  threshold: number | null;
}

/** `Gradient2Limit`: limit × clamp(tolerance × longRtt/rtt, 0.5, 1) + queueSize, smoothed. */
export interface Gradient2LimiterSpec {
  kind: 'gradient2';
  initialLimit: number;
  minLimit: number;
  /** The library's `maxConcurrency`. */
  maxLimit: number;
  smoothing: number;
  queueSize: number;
  longWindow: number;
  rttTolerance: number;
}

export type LimiterSpec = AimdLimiterSpec | VegasLimiterSpec | Gradient2LimiterSpec;

/** The library's defaults, per kind. */
export const LIMITER_DEFAULTS = {
  aimd: { kind: 'aimd', initialLimit: 20, minLimit: 20, maxLimit: 200, backoffRatio: 0.9, timeout: 5 },
  vegas: { kind: 'vegas', initialLimit: 20, maxLimit: 1000, smoothing: 1, probeMultiplier: 30, alpha: null, beta: null, threshold: null },
  gradient2: { kind: 'gradient2', initialLimit: 20, minLimit: 20, maxLimit: 200, smoothing: 0.2, queueSize: 4, longWindow: 600, rttTolerance: 1.5 },
} as const satisfies { [K in LimiterKind]: LimiterSpec & { kind: K } };

const LIMIT = { min: 1, max: 100_000, integer: true };
const SMOOTHING = { min: 0, max: 1 };
const A = LIMITER_DEFAULTS.aimd;
const V = LIMITER_DEFAULTS.vegas;
const G = LIMITER_DEFAULTS.gradient2;

const limiterSchemas = [
  section({
    kind: oneOfIn(['aimd']),
    initialLimit: number(LIMIT, A.initialLimit),
    minLimit: number(LIMIT, A.minLimit),
    maxLimit: number(LIMIT, A.maxLimit),
    backoffRatio: number({ min: 0.5, max: 1, maxExclusive: true }, A.backoffRatio),
    timeout: number({ min: 0, minExclusive: true, max: 3600 }, A.timeout),
  }),
  section({
    kind: oneOfIn(['vegas']),
    initialLimit: number(LIMIT, V.initialLimit),
    maxLimit: number(LIMIT, V.maxLimit),
    smoothing: number(SMOOTHING, V.smoothing),
    probeMultiplier: number({ min: 1, max: 100_000, integer: true }, V.probeMultiplier),
    alpha: nullableNumber({ min: 0, max: 100_000, integer: true }, V.alpha),
    beta: nullableNumber({ min: 0, max: 100_000, integer: true }, V.beta),
    threshold: nullableNumber({ min: 0, max: 100_000, integer: true }, V.threshold),
  }),
  section({
    kind: oneOfIn(['gradient2']),
    initialLimit: number(LIMIT, G.initialLimit),
    minLimit: number(LIMIT, G.minLimit),
    maxLimit: number(LIMIT, G.maxLimit),
    smoothing: number(SMOOTHING, G.smoothing),
    queueSize: number({ min: 0, max: 100_000, integer: true }, G.queueSize),
    longWindow: number({ min: 1, max: 1e6, integer: true }, G.longWindow),
    rttTolerance: number({ min: 1, max: 100 }, G.rttTolerance),
  }),
] as const;

const KINDS_EXPECTED = `one of ${LIMITER_KINDS.map((k) => JSON.stringify(k)).join(', ')}`;

export const limiterSchema = v.nullable(
  v.variant('kind', limiterSchemas, (issue) =>
    issue.path === undefined
      ? problem(issue.input, 'null or a JSON object with a "kind"')
      : problem(issue.input, KINDS_EXPECTED) + (typeof issue.input === 'string' ? suggestion(issue.input, LIMITER_KINDS) : ''),
  ),
);
