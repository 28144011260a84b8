import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLink, type DecodeResult } from '../../src/links/index';
import { parseScenario } from '../../src/sim/index';
import { isFormatPath } from './formatPaths';
import { hostileLink } from './hostileLinks';
import { percentile } from './stats';

// Broken, truncated, hostile and absurd links (see hostileLinks.ts), thrown at decodeLink:
// nothing escapes, nothing is polluted, nothing hangs, every refusal says what is wrong and where.

/** Runs of the property: 10 000 by default; LINK_RUNS raises it for a longer soak. */
const RUNS = Math.max(10_000, Number(process.env.LINK_RUNS ?? 0) || 0);

function snapshotPrototypes(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|');
}
const PROTOTYPES = snapshotPrototypes();

function inheritedKeys(): number {
  let n = 0;
  const probe: Record<string, unknown> = {};
  for (const _ in probe) n++;
  return n;
}

/** Keys no decoded object may hold, and objects that are not plain data. */
function forbidden(x: unknown, found: string[] = []): string[] {
  if (typeof x !== 'object' || x === null) return found;
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== Array.prototype) found.push('a non-plain object');
  for (const key of Object.keys(x)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') found.push(key);
    forbidden((x as Record<string, unknown>)[key], found);
  }
  return found;
}

const PLAIN_REFUSAL = /damaged or truncated|too long|too large|link format .* cannot read|preset this version does not have|holds no scenario|both a preset and a scenario|lesson this version does not have|both a lesson and a scenario/;
/** What a notice may say: a dropped field (by path), an unknown or repeated parameter, an ignored view value, the tail count. */
const NOTICE = /^(?:link parameter "|… and \d+ more|(?:tab|speed|t|embed|controls|autoplay|origins|step): got |.+: (?:unknown field dropped|every path it sets is unknown; action dropped))/s;

function checkResult(link: string, result: DecodeResult): void {
  expect(result.ok || result.reason !== 'internal', result.ok ? '' : result.error).toBe(true);
  if (!result.ok) {
    expect(result.error.length).toBeGreaterThan(0);
    if (result.reason === 'invalid-scenario') {
      expect(result.issues.length).toBeGreaterThan(0);
      for (const issue of result.issues.slice(0, 20)) {
        expect(isFormatPath(issue.path), `${issue.path} in ${link.slice(0, 80)}`).toBe(true);
        expect(result.error).toContain(`${issue.path}: ${issue.message}`);
      }
    } else {
      expect(result.error).toMatch(PLAIN_REFUSAL);
    }
    return;
  }
  const { scenario } = result.state;
  expect(forbidden(result.state)).toEqual([]);
  expect(typeof scenario.name).toBe('string');
  for (const notice of result.notices) expect(notice).toMatch(NOTICE);
  // What opened is a valid scenario as it stands: parsing it again changes nothing.
  expect(parseScenario(scenario).scenario).toEqual(scenario);
}

describe('decodeLink on hostile links', () => {
  it(`never throws, pollutes, hangs or refuses without saying why, over ${RUNS} mutated and hostile links`, () => {
    const times: number[] = [];
    let opened = 0;
    const reasons = new Map<string, number>();
    fc.assert(
      fc.property(hostileLink, (link) => {
        const start = performance.now();
        const result = decodeLink(link);
        // Recorded for the figures below; a hang is caught by the test's timeout, a slow decode by bench:links.
        times.push(performance.now() - start);
        expect(snapshotPrototypes()).toBe(PROTOTYPES);
        expect(inheritedKeys()).toBe(0);
        checkResult(link, result);
        if (result.ok) opened++;
        else reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: Number(process.env.LINK_SEED ?? 20261127) },
    );
    expect(times.length).toBeGreaterThanOrEqual(RUNS);
    // The corpus must reach every outcome, or it tests less than it claims.
    expect(opened).toBeGreaterThan(RUNS / 50);
    for (const reason of ['damaged', 'too-long', 'invalid-scenario', 'unknown-version', 'unknown-preset']) {
      expect(reasons.get(reason) ?? 0, reason).toBeGreaterThan(0);
    }
    if (process.env.LINK_STATS === '1') {
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `hostile links: ${times.length} decoded, ${opened} opened, refused ${JSON.stringify(Object.fromEntries(reasons))}; ` +
          `slowest ${sorted.at(-1)?.toFixed(2)} ms, p99 ${percentile(sorted, 0.99).toFixed(2)} ms`,
      );
    }
  }, 60_000);
});
