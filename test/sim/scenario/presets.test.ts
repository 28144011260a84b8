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

  it('retry-storm is docs/validation.md M1, and its two variants differ from it in one field each', () => {
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

  // Every preset reaches its expected verdict, under its own seed and four others. Five whole runs
  // (the cache presets: 400 s at 1000/s) take seconds on a busy machine: the timeout is generous.
  for (const p of PRESETS) {
    it(`${p.id} reaches its expected verdict (${p.expected}) over 5 seeds`, () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const result = runScenario(parseScenario({ ...p.scenario, seed }).scenario);
        expect(result.summary.verdict, `seed ${seed}`).toBe(p.expected);
      }
    }, 120_000);
  }

  // Lesson 2's pairs: the retry storm without the cure is metastable (above), with it recovered,
  // and each cure differs from the storm in one section.
  const storm = parseScenario(findPreset('retry-storm')?.scenario).scenario;
  const cures: [string, (s: typeof storm) => unknown][] = [
    ['retry-storm-no-retries', (s) => s.client.retry.maxRetries],
    ['retry-budget', (s) => s.client.retry.budget],
    ['lifo-queue', (s) => s.server.queue.discipline],
    ['bounded-queue', (s) => s.server.queue.limit],
    ['circuit-breaker', (s) => s.client.breaker],
    ['cancel-on-timeout', (s) => s.server.cancelOnTimeout],
  ];
  it.each(cures)('%s is the retry storm with one cure, and recovers where the storm is metastable', (id, cure) => {
    const p = findPreset(id);
    expect(p?.expected).toBe('recovered');
    const s = parseScenario(p?.scenario).scenario;
    expect(cure(s)).not.toEqual(cure(storm));
    expect(findPreset('retry-storm')?.expected).toBe('metastable');
    expect(JSON.stringify({ ...s, name: storm.name, client: storm.client, server: storm.server })).toBe(JSON.stringify(storm));
  });

  it('cover every lesson, 1 to 9', () => {
    const lessons = new Set(PRESETS.map((p) => p.lesson));
    for (const lesson of [1, 2, 3, 4, 5, 6, 7, 8, 9]) expect(lessons.has(lesson), `lesson ${lesson}`).toBe(true);
    expect(PRESETS.length).toBeGreaterThanOrEqual(8);
  });
});
