import { describe, expect, it } from 'vitest';
import { SERIES_NAMES, type RunSeries } from '../../src/sim/format';
import { bandPaths, chartBands, CHARTS, timeScale, valueScale } from '../../src/viz/index';

/** A run's series with goodput and throughput as given, every other series empty. */
function seriesOf(goodput: (number | null)[], throughput: (number | null)[]): RunSeries {
  const s = Object.fromEntries(SERIES_NAMES.map((n) => [n, goodput.map(() => null)])) as unknown as RunSeries;
  s.goodput = goodput;
  s.throughput = throughput;
  return s;
}

describe('chartBands', () => {
  it('gives each series of a chart its per-bin median and 10–90 % range over the seeds', () => {
    const load = CHARTS.find((c) => c.id === 'load')!;
    const seeds = [seriesOf([10, 0], [1, 1]), seriesOf([20, null], [2, 2]), seriesOf([30, 5], [3, 3])];
    const bands = chartBands(load, seeds);
    expect([...bands.keys()]).toEqual(load.series.map((s) => s.key));
    const goodput = bands.get('goodput')!;
    expect(Array.from(goodput.p50)).toEqual([20, 2.5]);
    expect(goodput.p10[0]).toBeCloseTo(12, 12);
    expect(goodput.p90[0]).toBeCloseTo(28, 12);
    // A series no seed has a value for stays empty.
    expect(Array.from(bands.get('offered')!.p50).every(Number.isNaN)).toBe(true);
  });

  it('derives a chart’s computed series per seed before taking quantiles (the wasted share)', () => {
    const work = CHARTS.find((c) => c.id === 'work')!;
    const a = seriesOf([0], [10]);
    a.wasted = [5];
    const b = seriesOf([0], [10]);
    b.wasted = [1];
    expect(chartBands(work, [a, b]).get('wastedShare')!.p50[0]).toBeCloseTo(30, 12);
  });
});

describe('bandPaths', () => {
  it('draws the area from 90 % down to 10 % and back, breaking where a bin has no value', () => {
    const band = { p10: Float64Array.from([1, 1, NaN, 1]), p50: Float64Array.from([2, 2, NaN, 2]), p90: Float64Array.from([3, 3, NaN, 3]) };
    const x = timeScale([0, 4], 400);
    const y = valueScale('linear', 4, 40, 1e-3, true);
    const { area, median } = bandPaths(band, 0, 4, 1, x, y, false);
    expect(area.match(/M/g)).toHaveLength(2);
    expect(area.match(/Z/g)).toHaveLength(2);
    expect(area.startsWith(`M0.0,${y(3).toFixed(1)}L100.0,${y(3).toFixed(1)}L100.0,${y(1).toFixed(1)}L0.0,${y(1).toFixed(1)}Z`)).toBe(true);
    expect(median.match(/M/g)).toHaveLength(2);
  });
});
