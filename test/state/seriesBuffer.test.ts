import { describe, expect, it } from 'vitest';
import { SeriesBuffer } from '../../src/state/seriesBuffer';

const frame = (bins: number, value: number) => new Float64Array(2 * bins).fill(value);

describe('SeriesBuffer.epoch', () => {
  it('stays while frames only add bins, and changes when bins held are forgotten or written again', () => {
    const buffer = new SeriesBuffer(['offered', 'goodput'], 4);
    const e0 = buffer.epoch;
    buffer.write(0, 3, frame(3, 1));
    buffer.write(3, 5, frame(5, 2));
    buffer.write(8, 0, frame(0, 0));
    expect(buffer.epoch).toBe(e0);
    expect(buffer.length).toBe(8);
    buffer.write(7, 2, frame(2, 3));
    const e1 = buffer.epoch;
    expect(e1).not.toBe(e0);
    expect(buffer.at('offered', 7)).toBe(3);
    buffer.reset(['offered', 'goodput']);
    expect(buffer.epoch).not.toBe(e1);
    expect(buffer.length).toBe(0);
  });
});
