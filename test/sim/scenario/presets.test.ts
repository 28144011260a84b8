import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/sim/index';
import { PRESETS, findPreset, parseScenario } from '../../../src/sim/scenario/index';

describe('presets', () => {
  it('have unique ids, stories, and scenarios that parse as files do (unknown keys rejected)', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.lesson).toBeGreaterThanOrEqual(1);
      expect(p.lesson).toBeLessThanOrEqual(9);
      expect(p.story.length).toBeGreaterThan(40);
      expect(p.watch.length).toBeGreaterThan(40);
      expect(parseScenario(p.scenario, { unknownKeys: 'reject' }).notices).toEqual([]);
      expect(findPreset(p.id)).toBe(p);
    }
  });

  it('retry-storm is VALIDATION.md M1, and its two variants differ from it in one field each', () => {
    const m1 = parseScenario(findPreset('retry-storm')?.scenario).scenario;
    expect(m1).toMatchObject({
      duration: 400,
      bin: 1,
      load: { rate: 280, clients: null },
      client: { timeout: 1, retry: { maxRetries: 1, backoff: 'none', budget: null } },
      server: { concurrency: 30, service: { dist: 'exponential', mean: 0.1 }, queue: { limit: null, discipline: 'fifo' }, dropExpired: false },
      cache: null,
      triggers: [{ kind: 'outage', at: 60, duration: 10 }],
    });
    const low = parseScenario(findPreset('retry-storm-low-load')?.scenario).scenario;
    const none = parseScenario(findPreset('retry-storm-no-retries')?.scenario).scenario;
    expect({ ...low, name: m1.name, load: m1.load }).toEqual(m1);
    expect(low.load.rate).toBe(140);
    expect({ ...none, name: m1.name, client: m1.client }).toEqual(m1);
    expect(none.client.retry.maxRetries).toBe(0);
  });

  it('mm1 is M/M/1 at ρ = 0.8', () => {
    const s = parseScenario(findPreset('mm1')?.scenario).scenario;
    expect(s.load.rate * s.server.service.mean).toBeCloseTo(0.8, 12);
    expect(s).toMatchObject({ server: { concurrency: 1, service: { dist: 'exponential' } }, client: { timeout: null, retry: { maxRetries: 0 } }, triggers: [] });
  });

  it('are frozen: nobody can edit a preset by accident', () => {
    const p = PRESETS[0];
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p?.scenario)).toBe(true);
  });

  // Known and reported: at 8 requests/s the verdict rule's 5 s window holds about 40 first
  // attempts, and ordinary M/M/1 queue swings push goodput below 90% of offered in windows
  // that reach 50, so a plain M/M/1 at ρ = 0.8 is judged "overloaded" (every seed tried).
  // The preset keeps the lesson's parameters and its expected verdict; this flips when the
  // verdict rule stops mistaking fluctuation for overload.
  const KNOWN_MISJUDGED = new Set(['mm1']);

  for (const p of PRESETS) {
    const test = KNOWN_MISJUDGED.has(p.id) ? it.fails : it;
    test(`${p.id} reaches its expected verdict (${p.expected}) with its seed`, () => {
      const result = runScenario(parseScenario(p.scenario).scenario);
      expect(result.summary.verdict).toBe(p.expected);
    });
  }
});
