import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/sim/index';
import { retryBudgetFor, type RetryBudgetControl } from '../../../src/sim/engine/retryBudgets';
import type { RetryBudgetSpec } from '../../../src/sim/scenario/types';

// Each kind's rule on step inputs, written from the implementation's definition
// (docs/model.md, "Retry budgets").

function spec(over: Record<string, unknown>): RetryBudgetSpec {
  return parseScenario({ client: { retry: { budget: over } } }).scenario.client.retry.budget!;
}

function make(over: Record<string, unknown>, t = 0): RetryBudgetControl {
  return retryBudgetFor(spec(over), null, t)!;
}

/** How many retries in a row the budget allows at t (each by a different request), up to `max`. */
function drain(b: RetryBudgetControl, t: number, max = 10_000, timedOut = false, first = 1000): number {
  let n = 0;
  while (n < max && b.allowRetry(first + n, t, timedOut)) n++;
  return n;
}

describe('retry budget kinds on step inputs', () => {
  it('grpc: −1 per failure, +ratio per success, retries while tokens > half', () => {
    const b = make({ kind: 'grpc', tokens: 10, ratio: 0.5 });
    for (let i = 0; i < 4; i++) b.attemptEnded(i, false);
    expect(b.allowRetry(0, 0, false)).toBe(true); // 6 > 5
    b.attemptEnded(0, false);
    expect(b.allowRetry(0, 0, false)).toBe(false); // 5 is not > 5
    b.attemptEnded(0, true);
    expect(b.allowRetry(0, 0, false)).toBe(true); // 5.5
  });

  it('finagle: a request deposits 1000, a retry withdraws 1000 / percentCanRetry; both expire after ttl', () => {
    const b = make({ kind: 'finagle', ttl: 10, minRetriesPerSec: 0, percentCanRetry: 0.2 });
    for (let i = 0; i < 10; i++) b.requestStarted(0.5);
    expect(drain(b, 0.6)).toBe(2);
    // 9.5 s later the deposits (and the withdrawals) are still in the window of 10 slices of 1 s.
    for (let i = 0; i < 5; i++) b.requestStarted(9.5);
    expect(drain(b, 9.6)).toBe(1);
    // Past ttl the first slice has gone: 5 deposits and 1 withdrawal remain, room for none more.
    expect(drain(b, 12)).toBe(0);
    // Past 2 × ttl nothing remains.
    for (let i = 0; i < 5; i++) b.requestStarted(25);
    expect(drain(b, 25)).toBe(1);
  });

  it('finagle: the reserve allows minRetriesPerSec × ttl retries per window without any request', () => {
    const b = make({ kind: 'finagle', ttl: 5, minRetriesPerSec: 4, percentCanRetry: 0.2 });
    expect(drain(b, 0)).toBe(20);
    // The withdrawals expire with their slice: a window later the reserve is whole again.
    expect(drain(b, 2)).toBe(0);
    expect(drain(b, 6)).toBe(20);
  });

  it('finagle: percentCanRetry 0 withdraws 1 and deposits nothing; both 0 never retries', () => {
    const b = make({ kind: 'finagle', ttl: 1, minRetriesPerSec: 3, percentCanRetry: 0 });
    for (let i = 0; i < 100; i++) b.requestStarted(0);
    expect(drain(b, 0)).toBe(3);
    expect(drain(make({ kind: 'finagle', minRetriesPerSec: 0, percentCanRetry: 0 }), 0)).toBe(0);
  });

  it('envoy: retries in flight up to max(⌊percent × active⌋, minRetryConcurrency), held until the retry’s outcome', () => {
    const b = make({ kind: 'envoy', budgetPercent: 20, minRetryConcurrency: 3 });
    expect(drain(b, 0)).toBe(3);
    for (let i = 0; i < 25; i++) b.attemptStarted();
    expect(drain(b, 0, 10_000, false, 1003)).toBe(2); // ⌊0.2 × 25⌋ = 5 places, 3 held by 1000–1002
    // Request 1000's retry went out and failed: it frees its place and may take it again.
    b.attemptStarted();
    b.attemptEnded(1000, false);
    expect(b.allowRetry(1000, 0, false)).toBe(true);
    expect(b.allowRetry(2000, 0, false)).toBe(false);
    // A request that ends frees the place it held.
    b.requestEnded(1001);
    expect(b.allowRetry(2000, 0, false)).toBe(true);
  });

  it('aws: a retry takes 5 (10 after a timeout) while the quota holds it; a success refunds its last retry, or 1', () => {
    const b = make({ kind: 'aws' });
    expect(drain(b, 0, 10_000, true)).toBe(50);
    const c = make({ kind: 'aws' });
    expect(drain(c, 0)).toBe(100);
    // Request 1000's retry succeeds: its 5 come back, enough for one more retry.
    c.attemptEnded(1000, true);
    expect(c.allowRetry(7, 0, false)).toBe(true);
    expect(c.allowRetry(8, 0, false)).toBe(false);
    // Five first-attempt successes give back 1 each.
    for (let i = 0; i < 5; i++) c.attemptEnded(500 + i, true);
    expect(c.allowRetry(9, 0, false)).toBe(true);
    // Never above capacity.
    const d = make({ kind: 'aws', capacity: 20 });
    for (let i = 0; i < 100; i++) d.attemptEnded(i, true);
    expect(drain(d, 0)).toBe(4);
  });

  it('brooker: starts full; a retry takes a whole token; each success adds deposit, up to bucketSize', () => {
    const b = make({ kind: 'brooker', deposit: 0.25, bucketSize: 4 });
    expect(drain(b, 0)).toBe(4);
    for (let i = 0; i < 3; i++) b.attemptEnded(i, true);
    expect(drain(b, 0)).toBe(0); // 0.75 < 1
    b.attemptEnded(3, true);
    expect(drain(b, 0)).toBe(1);
    for (let i = 0; i < 100; i++) b.attemptEnded(i, true);
    expect(drain(b, 0)).toBe(4);
  });

  it('a budget keeps its state when retuned with the same kind, and starts afresh with another kind', () => {
    const b = make({ kind: 'brooker', bucketSize: 10 });
    expect(drain(b, 0, 7)).toBe(7);
    const same = retryBudgetFor(spec({ kind: 'brooker', bucketSize: 20 }), b, 1)!;
    expect(same).toBe(b);
    expect(drain(same, 1)).toBe(3);
    const other = retryBudgetFor(spec({ kind: 'aws' }), same, 2)!;
    expect(other.kind).toBe('aws');
    expect(drain(other, 2)).toBe(100);
  });
});
