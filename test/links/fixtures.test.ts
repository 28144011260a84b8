import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeLink, type ViewState } from '../../src/links/index';
import { findPreset, parseScenario } from '../../src/sim/index';

// Frozen v1 links (test/links/fixtures/v1.json): a compatibility contract. Every later version must
// open each one to the scenario and view recorded with it, and refuse each bad one for its reason.
// A field added to the format later is allowed, with its default; every recorded field must match.

interface Opens {
  name: string;
  link: string;
  source: 'preset' | 'v1';
  scenario: Record<string, unknown>;
  view?: Omit<ViewState, 'speed'> & { speed?: number | 'max' };
  dropped?: string[];
}
interface Refuses {
  name: string;
  link: string;
  reason: string;
  paths?: string[];
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/v1.json', import.meta.url), 'utf8')) as { opens: Opens[]; refuses: Refuses[] };

/** Paths where `actual` differs from what `frozen` records (fields `frozen` does not have are not compared here). */
function differences(frozen: unknown, actual: unknown, path = 'scenario'): string[] {
  if (typeof frozen !== 'object' || frozen === null) return Object.is(frozen, actual) ? [] : [path];
  if (typeof actual !== 'object' || actual === null || Array.isArray(frozen) !== Array.isArray(actual)) return [path];
  if (Array.isArray(frozen) && (actual as unknown[]).length !== frozen.length) return [`${path}.length`];
  return Object.keys(frozen).flatMap((k) =>
    Object.hasOwn(actual, k) ? differences((frozen as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], `${path}.${k}`) : [`${path}.${k} (missing)`],
  );
}

/** JSON has no Infinity: the fixture file writes an unthrottled speed as "max", as links do. */
function viewOf(frozen: Opens['view']): ViewState | undefined {
  if (frozen === undefined) return undefined;
  const { speed, ...rest } = frozen;
  return speed === undefined ? rest : { ...rest, speed: speed === 'max' ? Infinity : speed };
}

describe('v1 link fixtures', () => {
  it('hold the preset links, live sessions, a cache, a closed loop and a link from a newer version', () => {
    // The 19 presets there were when the fixtures were frozen (presets added since are covered by linkFormat.test.ts).
    expect(fixtures.opens.filter((f) => f.source === 'preset' && /^#preset=[a-z0-9-]+$/.test(f.link)).length).toBe(19);
    expect(fixtures.opens.filter((f) => f.source === 'preset').every((f) => findPreset(f.link.slice('#preset='.length).split('&')[0] ?? '') !== undefined)).toBe(true);
    expect(fixtures.opens.filter((f) => f.source === 'v1').length).toBeGreaterThanOrEqual(6);
    expect(fixtures.opens.some((f) => (f.dropped ?? []).length > 0)).toBe(true);
  });

  for (const f of fixtures.opens) {
    it(`opens ${f.name}`, () => {
      const result = decodeLink(f.link);
      if (!result.ok) throw new Error(result.error);
      expect(result.source).toBe(f.source);
      expect(differences(f.scenario, result.state.scenario)).toEqual([]);
      // Nothing else differs either: fields added since take the defaults the format gives them.
      expect(result.state.scenario).toEqual(parseScenario(f.scenario).scenario);
      expect(result.state.view).toEqual(viewOf(f.view));
      for (const path of f.dropped ?? []) expect(result.notices.some((n) => n.includes(path)), path).toBe(true);
      if (f.dropped === undefined) expect(result.notices).toEqual([]);
    });
  }

  for (const f of fixtures.refuses) {
    it(`refuses ${f.name}`, () => {
      const result = decodeLink(f.link);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toBe(f.reason);
      for (const path of f.paths ?? []) expect(result.issues.map((i) => i.path)).toContain(path);
    });
  }
});
