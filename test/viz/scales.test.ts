import { describe, expect, it } from 'vitest';
import { axisTicks, timeWindow, traceSeries, timeScale, valueScale, runsOf } from '../../src/viz/index';

describe('timeWindow', () => {
  it('shows a short run whole, and a long one as a rolling window that follows the run', () => {
    expect(timeWindow(400, 10, 600)).toEqual([0, 400]);
    expect(timeWindow(20000, 100, 600)).toEqual([0, 600]);
    expect(timeWindow(20000, 5000, 600)).toEqual([4400, 5000]);
    expect(timeWindow(20000, 30000, 600)).toEqual([19400, 20000]);
  });
});

describe('axisTicks', () => {
  it('keeps only powers of ten on a log axis', () => {
    const y = valueScale('log', 20, 100);
    expect(axisTicks(y, 'log')).toEqual([0.001, 0.01, 0.1, 1, 10]);
  });
  it('gives a few round ticks from zero on a linear axis', () => {
    expect(axisTicks(valueScale('linear', 93, 100), 'linear')).toEqual([0, 20, 40, 60, 80, 100]);
    expect(valueScale('linear', 100, 100, 1e-3, true).domain()).toEqual([0, 100]);
  });
});

describe('traceSeries', () => {
  it('returns SVG path data with a gap where a value is missing, or non-positive on a log axis', () => {
    const x = timeScale([0, 4], 40);
    const y = valueScale('linear', 10, 100);
    const values = [1, 2, NaN, 4, 5];
    const d = traceSeries(null, 0, 5, (i) => i, (i) => values[i]!, x, y, false);
    expect(d?.match(/M/g)).toHaveLength(2);
    const logY = valueScale('log', 10, 100);
    const d2 = traceSeries(null, 0, 3, (i) => i, (i) => [1, 0, 2][i]!, x, logY, true);
    expect(d2?.match(/M/g)).toHaveLength(2);
  });
  it('draws nothing and does not throw without a canvas context', () => {
    expect(() => traceSeries(null, 0, 0, (i) => i, () => 1, timeScale([0, 1], 10), valueScale('linear', 1, 10), false)).not.toThrow();
  });
});

describe('runsOf', () => {
  it('groups consecutive bins of one class for the good/bad strip', () => {
    const cls = ['u', 'u', 'g', 'b', 'b', 'g'];
    expect(runsOf(0, 6, (i) => cls[i]!)).toEqual([
      { from: 0, to: 2, cls: 'u' },
      { from: 2, to: 3, cls: 'g' },
      { from: 3, to: 5, cls: 'b' },
      { from: 5, to: 6, cls: 'g' },
    ]);
  });
});
