import { describe, expect, it } from 'vitest';
import { ShardBuffer } from '../../src/state/index';

function frame(stations: number, rows: number[][]) {
  return { stations, utilisation: Float64Array.from(rows.flat()) };
}

describe('ShardBuffer', () => {
  it('keeps each station of each bin where the frames put it, across growth', () => {
    const b = new ShardBuffer();
    b.write(0, 2, frame(3, [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]));
    expect([b.stations, b.length]).toEqual([3, 2]);
    // Past the first allocation (256 bins): the earlier bins survive the copy.
    const many = Array.from({ length: 400 }, (_, i) => [i, i + 0.5, i + 0.25]);
    b.write(2, 400, frame(3, many));
    expect(b.length).toBe(402);
    expect(b.at(1, 2)).toBe(0.6);
    expect(b.at(2, 0)).toBe(0);
    expect(b.at(401, 1)).toBe(399.5);
    expect(b.at(402, 0)).toBeNaN();
    expect(b.at(0, 3)).toBeNaN();
  });

  it('starts over when the station count changes and empties on a frame without stations', () => {
    const b = new ShardBuffer();
    b.write(0, 1, frame(2, [[0.9, 0.1]]));
    b.write(0, 1, frame(4, [[1, 2, 3, 4]]));
    expect([b.stations, b.length, b.at(0, 3)]).toEqual([4, 1, 4]);
    b.write(1, 1, null);
    expect([b.stations, b.length]).toEqual([0, 0]);
  });
});
