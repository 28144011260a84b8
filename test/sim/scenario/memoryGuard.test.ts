import { describe, expect, it } from 'vitest';
import {
  MEMORY_BUDGET,
  PRESETS,
  ScenarioError,
  estimateAttempts,
  estimateMemory,
  parseScenario,
  setPath,
  type Scenario,
} from '../../../src/sim/scenario/index';
import { AXIS_PAIRS, AXIS_PARAMS, pairDefaults } from '../../../src/state/phaseAxes';

function refusal(input: unknown): { path: string; message: string } | null {
  try {
    parseScenario(input);
    return null;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.issues[0]!;
  }
}

function estimate(s: Scenario) {
  return estimateMemory(s, [{ scenario: s, action: null }], estimateAttempts(s).attempts);
}

const SHARDS = { version: 1, duration: 200_000, bin: 1, load: { rate: 0.001 }, partitions: { shards: 1000 } };

describe('memory guard', () => {
  it('refuses 200,000 bins × 1,000 shards of per-shard series, naming the fields, the estimate and the limit', () => {
    expect(MEMORY_BUDGET).toBe(300e6);
    const found = refusal(SHARDS);
    expect(found?.path).toBe('partitions.shards');
    // 200000 × (25 × 56 + 1000 × 80) + 200000 × 4 × 13 + 1024 × 160 + 1000 × 48 bytes.
    expect(found?.message).toBe(
      'scenario needs about 16.3 GB of memory (series: 200000 bins (duration 200000 / bin 1) × (25 series × 56 bytes + ' +
        'partitions.shards 1000 utilisations × 80 bytes); limiter series: 200000 bins × 4 series × 13 bytes (all null: no server.limiter); client limiter series: 200000 bins × 1 series × 13 bytes (all null: no client.limiter); requests in flight: 1024 pool slots (for the run\'s 200 attempts) × 160 bytes; ' +
        'keys: load.keys 1000 × 48 bytes) and prints up to 5.1 GB of series; the limit is 300 MB: raise bin, or lower duration or partitions.shards',
    );
  });

  it('counts the limiter series in full when a limiter is on, at the start or through an action', () => {
    const one = { version: 1, duration: 200_000, bin: 1, load: { rate: 0.001 } };
    const on = parseScenario({ ...one, bin: 2, server: { limiter: { kind: 'aimd' } } }).scenario;
    expect(estimate(on).bytes).toBe(100_000 * 25 * 56 + 100_000 * 4 * 56 + 100_000 * 13 + 1024 * 160);
    // The client limiter keeps one series (its limit); priority classes four each.
    const client = parseScenario({ ...one, bin: 2, client: { limiter: { kind: 'aimd' } }, load: { rate: 0.001, priorities: [{ name: 'a', share: 0.5 }, { name: 'b', share: 0.5 }] } }).scenario;
    expect(estimate(client).bytes).toBe(100_000 * 25 * 56 + 100_000 * 4 * 13 + 100_000 * 56 + 100_000 * 2 * 4 * 56 + 1024 * 160);
    // With a limiter the longest one-server run no longer fits: 200000 × 29 × 56 bytes.
    expect(refusal({ ...one, server: { limiter: { kind: 'gradient2' } } })?.message).toMatch(
      /^scenario needs about 328 MB of memory .*limiter series: 200000 bins × 4 series × 56 bytes;/,
    );
    const later = refusal({ ...one, actions: [{ at: 5, set: { 'server.limiter': { kind: 'vegas' } } }] });
    expect(later?.message).toMatch(/limiter series: 200000 bins × 4 series × 56 bytes;.*: raise bin or lower duration$/);
  });

  it('refuses the closed-loop and fan-out variants', () => {
    expect(refusal({ ...SHARDS, load: { clients: 1, thinkTime: 1000 } })?.path).toBe('partitions.shards');
    expect(refusal({ ...SHARDS, partitions: null, fanout: { n: 1000 } })?.path).toBe('fanout.n');
  });

  it('accepts the longest run the bins allow with one server, and refuses it with 20 shards', () => {
    const one = { version: 1, duration: 200_000, bin: 1, load: { rate: 0.001 } };
    expect(estimate(parseScenario(one).scenario).bytes).toBe(200_000 * 25 * 56 + 200_000 * 4 * 13 + 200_000 * 13 + 1024 * 160);
    expect(refusal({ ...one, partitions: { shards: 20 } })?.message).toMatch(/^scenario needs about 613 MB of memory/);
    expect(refusal({ ...one, bin: 100, partitions: { shards: 1000 } })).toBeNull();
  });

  it('counts the request pools up to limits.maxInFlight when the run has the attempts to fill them', () => {
    const busy = { load: { rate: 1e5 }, limits: { maxInFlight: 1e7 } };
    const found = refusal(busy);
    expect(found?.path).toBe('limits.maxInFlight');
    expect(found?.message).toContain('requests in flight: 16777216 pool slots (for limits.maxInFlight 10000000) × 160 bytes');
    expect(found?.message).toMatch(/: lower limits\.maxInFlight$/);
    // The same cap with a thousand times fewer attempts cannot fill it.
    expect(refusal({ ...busy, load: { rate: 100 } })).toBeNull();
    expect(refusal({ ...busy, limits: { maxInFlight: 1e6 } })).toBeNull();
  });

  it('offers every part of a tenth of the total as a way out', () => {
    const found = refusal({ duration: 1e7, bin: 50, load: { rate: 1 } });
    expect(found?.path).toBe('bin');
    expect(found?.message).toMatch(/^scenario needs about 461 MB of memory .*: raise bin or lower duration; or lower limits\.maxInFlight$/);
    expect(refusal({ duration: 1e7, bin: 50, load: { rate: 1 }, limits: { maxInFlight: 1000 } })).toBeNull();
  });

  it('counts the key space of a cache or partitions', () => {
    const s = parseScenario({ load: { rate: 1, keys: 1e6 }, cache: {} }).scenario;
    expect(estimate(s).parts.find((p) => p.field === 'load.keys')?.bytes).toBe(48e6);
    expect(estimate(parseScenario({ load: { rate: 1, keys: 1e6 } }).scenario).parts.some((p) => p.field === 'load.keys')).toBe(false);
    // An action may switch the cache on, and raise load.keys.
    const later = parseScenario({ load: { rate: 1, keys: 10 }, actions: [{ at: 5, set: { 'load.keys': 1e6, cache: {} } }] }).scenario;
    expect(estimateMemory(later, [{ scenario: later, action: null }, { scenario: parseScenario({ load: { rate: 1, keys: 1e6 }, cache: {} }).scenario, action: 0 }], 400).parts.find((p) => p.field === 'load.keys')?.bytes).toBe(48e6);
  });

  it('guards the write-conflict model: its series and its clients', () => {
    const s = parseScenario({ model: 'write-conflict', duration: 200_000, bin: 1, writeConflict: { clients: 10_000 } }).scenario;
    const e = estimateMemory(s, [{ scenario: s, action: null }], 0);
    expect(e.bytes).toBe(200_000 * 25 * 56 + 200_000 * 4 * 13 + 200_000 * 13 + 10_000 * 80);
    expect(e.bytes).toBeLessThan(MEMORY_BUDGET);
  });

  it('keeps every preset, and the phase map’s default ranges on it, well inside the budget', () => {
    for (const preset of PRESETS) {
      const s = parseScenario(preset.scenario).scenario;
      expect(estimate(s).bytes, preset.id).toBeLessThan(0.6 * MEMORY_BUDGET);
      for (const pair of AXIS_PAIRS) {
        const { x, y } = pairDefaults(pair.id, s);
        const xPath = AXIS_PARAMS[x.param].path(s);
        const yPath = AXIS_PARAMS[y.param].path(s);
        if (!('path' in xPath) || !('path' in yPath)) continue;
        // Memory grows with each axis, so the far corner is the largest cell.
        const corner = setPath(setPath(preset.scenario, xPath.path, Math.max(x.from, x.to)), yPath.path, Math.max(y.from, y.to));
        const found = refusal(corner);
        expect(found === null || !/of memory/.test(found.message), `${preset.id} ${pair.id}: ${found?.message}`).toBe(true);
        if (found === null) expect(estimate(parseScenario(corner).scenario).bytes, `${preset.id} ${pair.id}`).toBeLessThan(0.6 * MEMORY_BUDGET);
      }
    }
  });
});
