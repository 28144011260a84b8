/** What each stacked chart shows: its series (with colour, dash and unit) and reference lines. */
import type { SeriesName } from '../sim/format';
import type { Hue } from './palette';

/** The charts of one service of a graph (serviceCharts.ts). */
export type ServiceChartId = 'serviceLoad' | 'serviceQueue' | 'serviceWork' | 'serviceLatency' | 'serviceAmplification';

/** Where chart values come from (the UI's series buffer). */
export interface SeriesSource {
  at(name: SeriesName, i: number): number;
}

export interface SeriesSpec {
  key: string;
  label: string;
  hue: Hue;
  /** Canvas dash pattern; solid when absent. */
  dash?: number[];
  value: (s: SeriesSource, i: number) => number;
}

export interface RefLine {
  value: number;
  label: string;
}

export interface ChartDef {
  id: 'load' | 'queue' | 'latency' | 'amplification' | 'work' | 'cache' | 'limiter' | 'limiterRtt' | 'limiterGradient' | 'classes' | ServiceChartId;
  title: string;
  unit: string;
  scale: 'linear' | 'log';
  format: (v: number) => string;
  series: SeriesSpec[];
  /** The axis top when the data stay below it (percentages: 100). */
  top?: number;
  /** What the lines count, when the title alone could mislead (shown under the title). */
  note?: string;
}

/** Which latency the latency chart shows: every finished request as its client saw it, or successes only. */
export type LatencyView = 'client' | 'success';

const get = (name: SeriesName) => (s: SeriesSource, i: number) => s.at(name, i);
const pct = (name: SeriesName) => (s: SeriesSource, i: number) => s.at(name, i) * 100;

/** "850 ms", "2.3 s", "120 µs". */
export function formatLatency(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 1e-3) return `${(seconds * 1e6).toFixed(0)} µs`;
  if (seconds < 1) return `${(seconds * 1e3).toPrecision(3).replace(/\.0+$/, '')} ms`;
  return `${seconds.toPrecision(3).replace(/\.0+$/, '')} s`;
}

const rate = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)}/s` : '—');
const count = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '—');
const percent = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)}%` : '—');
const times = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');

/**
 * The limiter kinds a run has, at the start or through its actions, as one string (a stable selector value): the
 * server's as their kind, the client's as "client:" and their kind.
 */
export function limiterKinds(
  start: { server: { limiter: { kind: string } | null }; client: { limiter: { kind: string } | null } } | null | undefined,
  actions: readonly { set: Record<string, unknown> }[],
): string {
  const kind = (l: unknown, prefix: string): string => (typeof l === 'object' && l !== null && 'kind' in l ? prefix + String(l.kind) : '');
  return [
    kind(start?.server.limiter, ''),
    kind(start?.client.limiter, 'client:'),
    ...actions.flatMap((a) => [kind(a.set['server.limiter'], ''), kind(a.set['client.limiter'], 'client:')]),
  ].join(' ');
}

/** Whether a limiter chart belongs in the stack for these kinds (undefined: not a limiter chart). */
export function limiterChartShown(id: string, kinds: string): boolean | undefined {
  if (id === 'limiter') return /\w/.test(kinds);
  if (id === 'limiterRtt') return /(^|\s)(vegas|gradient2)/.test(kinds);
  if (id === 'limiterGradient') return /(^|\s)gradient2/.test(kinds);
  return undefined;
}

const CLASS_HUES: readonly Hue[] = ['blue', 'vermillion', 'green', 'orange', 'purple', 'sky', 'yellow', 'grey'];

/**
 * The priority classes' chart (`load.priorities`): each class's goodput as a share of what it offered, per bin.
 * `share(c, i)` reads class c's share in bin i (0–1, NaN without requests).
 */
export function classChart(names: readonly string[], share: (c: number, i: number) => number): ChartDef {
  return {
    id: 'classes',
    title: 'Goodput by priority class',
    unit: 'percent of the class’s requests',
    scale: 'linear',
    format: percent,
    top: 100,
    note: 'Each class’s successes as a share of its requests, most important class first.',
    series: names.map((name, c) => ({ key: `class.${name}`, label: name, hue: CLASS_HUES[c % CLASS_HUES.length]!, value: (_s, i) => 100 * share(c, i) })),
  };
}

/**
 * The adaptive concurrency limiters' state at each bin's end (the server's a mean over stations): shown only with
 * `server.limiter` or `client.limiter`; the RTT and gradient charts are the server limiter's.
 */
const LIMITER_CHARTS: readonly ChartDef[] = [
  {
    id: 'limiter',
    title: 'Concurrency limit',
    unit: 'requests',
    scale: 'linear',
    format: count,
    note:
      'The server limiter admits a call while fewer than the limit are queued or in service; the client limiter lets an attempt leave while fewer than its limit are in flight. The others are refused at once.',
    series: [
      { key: 'limiterLimit', label: 'limit', hue: 'vermillion', value: get('limiterLimit') },
      { key: 'held', label: 'queued + in service', hue: 'blue', dash: [6, 3], value: (s, i) => s.at('queue', i) + s.at('inService', i) },
      { key: 'clientLimiterLimit', label: 'client limit', hue: 'green', value: get('clientLimiterLimit') },
    ],
  },
  {
    id: 'limiterRtt',
    title: 'Limiter RTT (log scale)',
    unit: 'seconds',
    scale: 'log',
    format: formatLatency,
    note: 'Vegas and Gradient2 only: the last RTT sampled, and the RTT with no load (Vegas) or long-term RTT (Gradient2).',
    series: [
      { key: 'limiterRtt', label: 'RTT', hue: 'orange', value: get('limiterRtt') },
      { key: 'limiterRttNoLoad', label: 'no-load / long-term RTT', hue: 'purple', dash: [6, 3], value: get('limiterRttNoLoad') },
    ],
  },
  {
    id: 'limiterGradient',
    title: 'Gradient2 gradient',
    unit: 'percent',
    scale: 'linear',
    format: percent,
    top: 100,
    note: 'tolerance × long-term RTT / RTT, held to 50–100%: below 100% the limit shrinks.',
    series: [{ key: 'limiterGradient', label: 'gradient', hue: 'green', value: pct('limiterGradient') }],
  },
];

export const CHARTS: readonly ChartDef[] = [
  {
    id: 'load',
    title: 'Load',
    unit: 'requests per second',
    scale: 'linear',
    format: rate,
    series: [
      { key: 'offered', label: 'offered', hue: 'blue', value: get('offered') },
      { key: 'attempts', label: 'attempts', hue: 'vermillion', dash: [6, 3], value: get('attempts') },
      { key: 'throughput', label: 'throughput', hue: 'purple', dash: [2, 2], value: get('throughput') },
      { key: 'goodput', label: 'goodput', hue: 'green', value: get('goodput') },
      { key: 'capacity', label: 'capacity', hue: 'grey', dash: [10, 4], value: get('capacity') },
    ],
  },
  {
    id: 'queue',
    title: 'Queue and in service',
    unit: 'requests',
    scale: 'linear',
    format: count,
    series: [
      { key: 'queue', label: 'queued', hue: 'blue', value: get('queue') },
      { key: 'inService', label: 'in service', hue: 'orange', dash: [6, 3], value: get('inService') },
    ],
  },
  {
    id: 'latency',
    title: 'Latency (log scale)',
    unit: 'seconds',
    scale: 'log',
    format: formatLatency,
    note: 'As clients see it: every finished request, a failed one at its time from first attempt to failure.',
    series: [
      { key: 'clientP50', label: 'p50', hue: 'green', value: get('clientP50') },
      { key: 'clientP99', label: 'p99', hue: 'orange', dash: [6, 3], value: get('clientP99') },
      { key: 'clientP999', label: 'p99.9', hue: 'vermillion', dash: [2, 2], value: get('clientP999') },
      { key: 'serverP99', label: 'server p99 (wasted work too)', hue: 'purple', dash: [10, 4], value: get('serverP99') },
    ],
  },
  {
    id: 'amplification',
    title: 'Amplification',
    unit: 'attempts per request',
    scale: 'linear',
    format: times,
    series: [{ key: 'amplification', label: 'attempts / first attempts', hue: 'vermillion', value: get('amplification') }],
  },
  {
    id: 'work',
    title: 'Utilisation and wasted work',
    unit: 'percent',
    scale: 'linear',
    format: percent,
    top: 100,
    series: [
      { key: 'utilisation', label: 'utilisation', hue: 'blue', value: pct('utilisation') },
      {
        key: 'wastedShare',
        label: 'wasted (share of completions)',
        hue: 'vermillion',
        dash: [6, 3],
        value: (s, i) => {
          const thr = s.at('throughput', i);
          return thr > 0 ? (s.at('wasted', i) / thr) * 100 : NaN;
        },
      },
    ],
  },
  {
    id: 'cache',
    title: 'Cache hit rate',
    unit: 'percent',
    scale: 'linear',
    format: percent,
    top: 100,
    series: [{ key: 'hitRate', label: 'hit rate', hue: 'green', value: pct('hitRate') }],
  },
  ...LIMITER_CHARTS,
];

/** The latency chart over successes only: failed requests left out, so a stuck system can look fast or show no line. */
export const SUCCESS_LATENCY: ChartDef = {
  id: 'latency',
  title: 'Latency (log scale)',
  unit: 'seconds',
  scale: 'log',
  format: formatLatency,
  note: 'Successes only: failed requests are left out, so while the system is stuck these lines look fast or vanish.',
  series: [
    { key: 'p50', label: 'p50 (successes)', hue: 'green', value: get('p50') },
    { key: 'p99', label: 'p99 (successes)', hue: 'orange', dash: [6, 3], value: get('p99') },
    { key: 'p999', label: 'p99.9 (successes)', hue: 'vermillion', dash: [2, 2], value: get('p999') },
    { key: 'serverP99', label: 'server p99 (wasted work too)', hue: 'purple', dash: [10, 4], value: get('serverP99') },
  ],
};

/** The stack's charts with the latency chart in the chosen view. */
export function chartsFor(view: LatencyView): readonly ChartDef[] {
  return view === 'client' ? CHARTS : CHARTS.map((c) => (c.id === 'latency' ? SUCCESS_LATENCY : c));
}
