import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, MAX_ATTEMPTS_PER_BIN, estimateAttempts, parseScenario, peakSpikeFactor } from '../../../src/sim/scenario/index';
import { messageOf } from './messageOf';

describe('work guard', () => {
  it('refuses an open-loop run above 2e8 attempts, naming the fields and numbers', () => {
    expect(MAX_ATTEMPTS).toBe(2e8);
    expect(messageOf({ load: { rate: 1e6 } })).toBe(
      'load.rate: scenario needs about 4.0e8 attempts (load.rate 1000000 × duration 400 × (1 + client.retry.maxRetries 0)); ' +
        'the limit is 2e8: lower load.rate or duration',
    );
  });

  it('refuses a bin that would hold over 1e6 attempts, naming bin, its allowed range at this load and the product', () => {
    expect(MAX_ATTEMPTS_PER_BIN).toBe(1e6);
    const longBin = { version: 1, duration: 400, bin: 400, load: { rate: 50_000 }, server: { concurrency: null } };
    expect(messageOf(longBin)).toBe(
      'bin: got 400, expected a number from 0.001 to 20 at this load: a bin may hold at most 1e6 attempts, and this one needs about 2.0e7 ' +
        '(load.rate 50000 × bin 400 × (1 + client.retry.maxRetries 0)); lower bin or load.rate',
    );
    // The largest bin the message offers is allowed; a little more is not.
    expect(messageOf({ ...longBin, bin: 20 })).toBe('');
    expect(messageOf({ ...longBin, bin: 20.5 })).toMatch(/^bin: got 20\.5, expected a number from 0\.001 to 20 at this load/);
    // Retries and spikes count as they do for the whole run.
    expect(messageOf({ ...longBin, bin: 11, client: { retry: { maxRetries: 1 } } })).toMatch(/^bin: got 11, expected a number from 0\.001 to 10 at this load/);
    expect(messageOf({ ...longBin, bin: 6, client: { retry: { maxRetries: 1 } }, triggers: [{ kind: 'spike', at: 10, duration: 5, factor: 2 }] })).toMatch(
      /^bin: got 6, expected a number from 0\.001 to 5 at this load/,
    );
  });

  it('accepts the same run just under the limit', () => {
    // 500000/s × 400 s = 2e8 exactly: allowed.
    expect(parseScenario({ load: { rate: 500_000 } }).scenario.load.rate).toBe(500_000);
    expect(messageOf({ load: { rate: 500_001 } })).toMatch(/^load\.rate: scenario needs about 2\.0e8 attempts/);
  });

  it('multiplies by retries and by overlapping spikes only', () => {
    const input = {
      load: { rate: 1000 },
      client: { retry: { maxRetries: 2 } },
      triggers: [
        { kind: 'spike', at: 0, duration: 100, factor: 100 },
        { kind: 'spike', at: 50, duration: 100, factor: 3 },
        { kind: 'spike', at: 300, duration: 10, factor: 50 },
      ],
    };
    expect(estimateAttempts(parseScenario({ ...input, load: { rate: 1 } }).scenario).attempts).toBeCloseTo(300 * 400 * 3, 6);
    expect(messageOf(input)).toBe(
      'load.rate: scenario needs about 3.6e8 attempts (load.rate 1000 × spike factor 300 × duration 400 × (1 + client.retry.maxRetries 2)); ' +
        'the limit is 2e8: lower load.rate, duration or client.retry.maxRetries',
    );
  });

  it('peakSpikeFactor: products of spikes active at the same instant, never below 1', () => {
    const spike = (at: number, duration: number, factor: number) => ({ kind: 'spike' as const, at, duration, factor });
    expect(peakSpikeFactor([])).toBe(1);
    expect(peakSpikeFactor([spike(0, 10, 0.5)])).toBe(1);
    expect(peakSpikeFactor([spike(0, 10, 2), spike(10, 10, 3)])).toBe(3); // back to back, not overlapping
    expect(peakSpikeFactor([spike(0, 10, 2), spike(9, 10, 3), spike(5, 10, 4)])).toBe(24);
  });

  it('counts rates set by operator actions', () => {
    expect(messageOf({ load: { rate: 10 }, actions: [{ at: 100, set: { 'load.rate': 1e6 } }] })).toContain(
      'load.rate 1000000 (set by actions[0]) × duration 400',
    );
  });

  it('estimates a closed loop from clients, think time and service time', () => {
    const input = { load: { clients: 100_000, thinkTime: 0.1 }, server: { service: { mean: 0.1 } }, duration: 1000 };
    expect(estimateAttempts(parseScenario({ ...input, duration: 100 }).scenario).attempts).toBeCloseTo((100_000 / 0.2) * 100, 0);
    expect(messageOf(input)).toBe(
      'load.clients: scenario needs about 5.0e8 attempts (load.clients 100000 / (load.thinkTime 0.1 + server.service.mean 0.1) × duration 1000 × (1 + client.retry.maxRetries 0)); ' +
        'the limit is 2e8: lower load.clients or duration',
    );
  });

  it('leaves the write-conflict model alone (its load is its clients)', () => {
    expect(parseScenario({ model: 'write-conflict', load: { rate: 1e6 } }).scenario.model).toBe('write-conflict');
  });
});
