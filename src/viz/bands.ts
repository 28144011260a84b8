/** An ensemble's band on a chart: per series of the chart, the median and 10–90 % range over seeds, bin by bin, as SVG paths. */
import { SERIES_NAMES, seriesBand, type RunSeries, type SeriesBand, type SeriesName } from '../sim/format';
import type { ChartDef, SeriesSource } from './chartDefs';
import type { ValueScale } from './scales';

/** A seed's series as the charts read them: NaN where a bin has no value. */
export function seriesSourceOf(series: RunSeries): SeriesSource {
  return {
    at(name: SeriesName, i: number) {
      const v = series[name]?.[i];
      return v === null || v === undefined ? NaN : v;
    },
  };
}

/** The band of every series of a chart over the seeds' series (a derived series, like the wasted share, per seed first). */
export function chartBands(def: ChartDef, seeds: readonly RunSeries[]): Map<string, SeriesBand> {
  const sources = seeds.map(seriesSourceOf);
  const bins = seeds.reduce((m, s) => Math.max(m, s[SERIES_NAMES[0]]?.length ?? 0), 0);
  const out = new Map<string, SeriesBand>();
  for (const spec of def.series) {
    const perSeed = sources.map((src) => {
      const values = new Float64Array(bins);
      for (let i = 0; i < bins; i++) values[i] = spec.value(src, i);
      return values;
    });
    out.set(spec.key, seriesBand(perSeed));
  }
  return out;
}

/**
 * The band's area (10 % up to 90 % and back) and its median line over bins [from, to), in pixels; a gap where a bin
 * has no value or, on a log axis, a value not above 0. Points sit at the bin's start, as the lines' do.
 */
export function bandPaths(band: SeriesBand, from: number, to: number, binS: number, x: ValueScale, y: ValueScale, log: boolean): { area: string; median: string } {
  const ok = (v: number) => Number.isFinite(v) && (!log || v > 0);
  const px = (n: number) => n.toFixed(1);
  let area = '';
  let median = '';
  let piece: number[] = [];
  const close = () => {
    if (piece.length > 0) {
      const up = piece.map((i) => `${px(x(i * binS))},${px(y(band.p90[i]!))}`);
      const down = [...piece].reverse().map((i) => `${px(x(i * binS))},${px(y(band.p10[i]!))}`);
      area += `M${up.join('L')}L${down.join('L')}Z`;
    }
    piece = [];
  };
  let inMedian = false;
  for (let i = Math.max(0, from); i < Math.min(to, band.p50.length); i++) {
    if (ok(band.p10[i]!) && ok(band.p90[i]!)) piece.push(i);
    else close();
    const m = band.p50[i]!;
    if (ok(m)) {
      median += `${inMedian ? 'L' : 'M'}${px(x(i * binS))},${px(y(m))}`;
      inMedian = true;
    } else inMedian = false;
  }
  close();
  return { area, median };
}
