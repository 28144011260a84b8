import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/sim/scenario/index';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['retry', 'retry', 0],
    ['retyr', 'retry', 1], // adjacent swap
    ['fifoo', 'fifo', 1], // insertion
    ['lifo', 'fifo', 1], // substitution
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('didYouMean', () => {
  const fields = ['maxRetries', 'backoff', 'base', 'cap', 'jitter', 'budget'];
  it('suggests the closest candidate for a typo, ignoring case', () => {
    expect(didYouMean('jiter', fields)).toBe('jitter');
    expect(didYouMean('maxretries', fields)).toBe('maxRetries');
    expect(didYouMean('bugdet', fields)).toBe('budget');
  });

  it('stays quiet when nothing is close, for exact matches and for absurd input', () => {
    expect(didYouMean('timeout', fields)).toBeNull();
    expect(didYouMean('budget', fields)).toBeNull();
    expect(didYouMean('', fields)).toBeNull();
    expect(didYouMean('x'.repeat(10_000), fields)).toBeNull();
  });
});
