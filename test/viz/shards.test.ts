import { describe, expect, it } from 'vitest';
import { heatColour, readShards } from '../../src/viz/index';

function source(rows: number[][]) {
  return { stations: rows[0]?.length ?? 0, length: rows.length, at: (i: number, k: number) => rows[i]?.[k] ?? NaN };
}

describe('shard heat map', () => {
  it('reads the busiest station and the mean over stations with a value', () => {
    const r = readShards(source([[0.2, NaN, 0.97, 0.1]]), 0);
    expect(r.hottest).toBe(2);
    expect(r.max).toBe(0.97);
    expect(r.mean).toBeCloseTo((0.2 + 0.97 + 0.1) / 3, 12);
    expect(readShards(source([[NaN, NaN]]), 0)).toEqual({ hottest: -1, max: NaN, mean: NaN });
  });

  it('colours busier cells brighter, clamps above 100% and leaves unknown cells blank', () => {
    const lum = (c: string | null) => {
      const [r, g, b] = (/rgb\((\d+), (\d+), (\d+)\)/.exec(c ?? '') ?? []).slice(1).map(Number);
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const levels = [0, 0.25, 0.5, 0.75, 1].map((u) => lum(heatColour(u)));
    for (let i = 1; i < levels.length; i++) expect(levels[i]!).toBeGreaterThan(levels[i - 1]!);
    expect(heatColour(1.4)).toBe(heatColour(1));
    expect(heatColour(NaN)).toBeNull();
  });
});
