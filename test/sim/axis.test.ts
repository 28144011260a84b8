import { describe, expect, it } from 'vitest';
import { axisValues } from '../../src/sim/format';

describe('axisValues (the phase map’s and the CLI sweep’s axes)', () => {
  it('spaces `steps` values evenly from `from` to `to`, both ends included, in either direction', () => {
    expect(axisValues(100, 280, 4)).toEqual([100, 160, 220, 280]);
    expect(axisValues(300, 100, 5)).toEqual([300, 250, 200, 150, 100]);
    const grid = axisValues(98, 290, 24);
    expect(grid).toHaveLength(24);
    expect([grid[0], grid.at(-1)]).toEqual([98, 290]);
    // Each value is rounded to 12 significant digits (±5 × 10⁻¹⁰ below 1000), so a gap to ±10⁻⁹.
    for (let i = 1; i < grid.length; i++) expect(Math.abs((grid[i] ?? NaN) - (grid[i - 1] ?? NaN) - 192 / 23)).toBeLessThanOrEqual(1e-9);
  });

  it('gives one value, `from`, for one step', () => {
    expect(axisValues(5, 9, 1)).toEqual([5]);
  });

  it('reads decimal steps as written: 0.1 to 0.3 in 3 steps is 0.1, 0.2, 0.3', () => {
    expect(axisValues(0.1, 0.3, 3)).toEqual([0.1, 0.2, 0.3]);
    expect(axisValues(0, 1, 11)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });
});
