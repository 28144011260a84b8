/** The charts of one service of a graph: its calls (arrivals, goodput, errors), queue, utilisation, latency and amplification. */
import type { ServiceMetric } from '../sim/format';
import { formatLatency, type ChartDef, type SeriesSource } from './chartDefs';

/** One service's series, read bin by bin: a chart source with no user-level series of its own. */
export class ServiceSeriesSource implements SeriesSource {
  constructor(private readonly read: (metric: ServiceMetric, i: number) => number) {}

  /** The user-level series are not a service's: none here. */
  at(): number {
    return NaN;
  }

  metric(metric: ServiceMetric, i: number): number {
    return this.read(metric, i);
  }
}

const get = (metric: ServiceMetric) => (s: SeriesSource, i: number) => (s instanceof ServiceSeriesSource ? s.metric(metric, i) : NaN);
const rate = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)}/s` : '—');
const count = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '—');
const percent = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)}%` : '—');

/** The charts shown for service `name` beside the user-level ones. */
export function serviceCharts(name: string): ChartDef[] {
  return [
    {
      id: 'serviceLoad',
      title: `${name}: calls`,
      unit: 'calls per second',
      scale: 'linear',
      format: rate,
      note: 'Arrivals are every call reaching the service, retries included; errors are its error answers, its own and its dependencies’.',
      series: [
        { key: 'arrivals', label: 'arrivals', hue: 'blue', value: get('arrivals') },
        { key: 'goodput', label: 'goodput', hue: 'green', dash: [6, 3], value: get('goodput') },
        { key: 'errors', label: 'errors', hue: 'vermillion', dash: [2, 2], value: get('errors') },
        { key: 'timeouts', label: 'timed out at the caller', hue: 'purple', dash: [10, 4], value: get('timeouts') },
      ],
    },
    {
      id: 'serviceQueue',
      title: `${name}: queue and in service`,
      unit: 'calls, all replicas',
      scale: 'linear',
      format: count,
      series: [
        { key: 'queue', label: 'queued', hue: 'blue', value: get('queue') },
        { key: 'inService', label: 'in service', hue: 'orange', dash: [6, 3], value: get('inService') },
      ],
    },
    {
      id: 'serviceWork',
      title: `${name}: utilisation`,
      unit: 'percent',
      scale: 'linear',
      format: percent,
      top: 100,
      series: [{ key: 'utilisation', label: 'utilisation', hue: 'blue', value: (s, i) => get('utilisation')(s, i) * 100 }],
    },
    {
      id: 'serviceLatency',
      title: `${name}: time at the service (log scale)`,
      unit: 'seconds',
      scale: 'log',
      format: formatLatency,
      note: 'Good answers only, from arrival to answer, waiting on dependencies included.',
      series: [
        { key: 'p50', label: 'p50', hue: 'green', value: get('p50') },
        { key: 'p99', label: 'p99', hue: 'orange', dash: [6, 3], value: get('p99') },
      ],
    },
    {
      id: 'serviceAmplification',
      title: `${name}: amplification`,
      unit: 'times',
      scale: 'linear',
      format: (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—'),
      note: 'Calls reaching it per user request (every layer above multiplies it by its calls and retries), and the tries per first try its callers’ retries add at this layer.',
      series: [
        { key: 'amplification', label: 'calls / user request', hue: 'vermillion', value: get('amplification') },
        { key: 'retryFactor', label: 'tries / first try (this layer)', hue: 'blue', dash: [6, 3], value: get('retryFactor') },
      ],
    },
  ];
}
