import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src/sim/index';
import { checkPresetClaims, claimBounds } from '../../../src/sim/presetClaims';
import type { PresetClaim } from '../../../src/sim/scenario/presets/preset';

// Each preset's story and "Watch:" text make claims a run can check; they must hold on every seed, not only the preset's own.
const SEEDS = [1, 2, 3, 4, 5];

/** Whether `text` names the number q: as written ("0.5", "2,250") or as a percentage of a share ("60%"). */
function mentions(text: string, q: number): boolean {
  const forms = [String(q), q.toLocaleString('en-US'), `${Number((q * 100).toPrecision(12))}%`];
  return forms.some((f) => new RegExp(`(?<![\\d.,])${f.replace(/[.]/g, '\\.')}(?![\\d]|[.,]\\d)`).test(text));
}

function describeClaim(c: PresetClaim): string {
  return `${c.kind} "${c.says}"`;
}

describe('every preset states checkable claims, and its words quote numbers that agree with them', () => {
  for (const p of PRESETS) {
    it(p.id, () => {
      expect(p.claims.length, 'at least one claim').toBeGreaterThan(0);
      const text = `${p.story} ${p.watch}`;
      for (const c of p.claims) {
        expect(text, `${p.id}: the passage of ${describeClaim(c)}`).toContain(c.says);
        const bounds = claimBounds(c);
        for (const q of c.quote ?? []) {
          expect(mentions(c.says, q), `${p.id}: "${c.says}" names ${q}`).toBe(true);
          if (bounds !== null) {
            expect(q, `${p.id}: the quoted ${q} lies within what ${describeClaim(c)} holds the runs to`).toBeGreaterThanOrEqual(bounds.min);
            expect(q).toBeLessThanOrEqual(bounds.max);
          } else if (c.kind === 'variant') {
            expect(Object.values(c.set), `${p.id}: the quoted ${q} is a value the variant sets`).toContain(q);
          }
        }
      }
    });
  }
});

describe('every preset\'s claims hold over five seeds', () => {
  for (const p of PRESETS) {
    it(p.id, () => {
      for (const seed of SEEDS) {
        const { result, checks } = checkPresetClaims(p, seed);
        expect(result.summary.verdict, `${p.id} seed ${seed}: verdict`).toBe(p.expected);
        for (const check of checks) expect(check.holds, `${p.id} seed ${seed}: ${describeClaim(check.claim)} (got ${check.value})`).toBe(true);
      }
    });
  }
});

describe('the claim checker fails what it should', () => {
  const storm = PRESETS.find((p) => p.id === 'retry-storm')!;
  it('a recovery claim on a stuck run, a window claim out of range and a wrong variant verdict all fail', () => {
    const wrong = {
      ...storm,
      claims: [
        { kind: 'recovery', min: 0, max: 400, says: 'x' },
        { kind: 'window', measure: 'goodputShare', from: 80, min: 0.5, says: 'x' },
        { kind: 'stuck', from: 0, says: 'x' },
        { kind: 'variant', set: { 'client.retry.maxRetries': 0 }, verdict: 'metastable', says: 'x' },
      ] satisfies PresetClaim[],
    };
    const { checks } = checkPresetClaims(wrong, 1);
    expect(checks.map((c) => c.holds)).toEqual([false, false, false, false]);
  });
});
