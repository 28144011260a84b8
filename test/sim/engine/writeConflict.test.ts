import { describe, expect, it } from 'vitest';
import { runSeeds } from './helpers';

// docs/validation.md, J1 (Brooker, "Exponential Backoff and Jitter", 2015): 100 clients, base 5 ms, cap 2 s.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function strategy(jitter: string): { calls: number; completion: number } {
  const runs = runSeeds(
    { model: 'write-conflict', duration: 3600, bin: 10, writeConflict: { clients: 100 }, client: { retry: { backoff: 'exponential', jitter, base: 0.005, cap: 2 } } },
    SEEDS,
  );
  for (const r of runs) {
    expect(r.summary.counts.succeeded).toBe(100);
    expect(r.summary.completionTime).not.toBeNull();
  }
  return { calls: mean(runs.map((r) => r.summary.counts.attempts)), completion: mean(runs.map((r) => r.summary.completionTime ?? NaN)) };
}

describe('J1: write conflicts under backoff and jitter', () => {
  const plain = strategy('none');
  const full = strategy('full');
  const equal = strategy('equal');
  const decorrelated = strategy('decorrelated');
  it('full jitter needs less than half the calls of plain exponential backoff', () => {
    expect(full.calls).toBeLessThan(0.5 * plain.calls);
  });
  it('full and equal jitter are within 15% of each other in calls', () => {
    expect(Math.abs(full.calls - equal.calls) / full.calls).toBeLessThan(0.15);
  });
  it('decorrelated jitter makes more calls than full jitter', () => {
    expect(decorrelated.calls).toBeGreaterThan(full.calls);
  });
  it('equal jitter finishes later than full jitter', () => {
    expect(equal.completion).toBeGreaterThan(full.completion);
  });
});
