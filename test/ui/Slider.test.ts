import { describe, expect, it } from 'vitest';
import { stepFor } from '../../src/ui/Slider';

describe('stepFor', () => {
  it('keeps the step for a value on its marks, and refines it for a value between them', () => {
    expect(stepFor(280, 0, 10)).toBe(10);
    expect(stepFor(235, 0, 10)).toBe(5);
    expect(stepFor(232, 0, 10)).toBe(2);
    expect(stepFor(233, 0, 10)).toBe(1);
    expect(stepFor(0.35, 0.1, 0.1)).toBe(0.05);
    expect(stepFor(0.123, 0.01, 0.01)).toBe(0.001);
    expect(stepFor(231.565217391, 0, 10)).toBe('any');
  });
});
