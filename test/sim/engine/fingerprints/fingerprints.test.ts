import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintCases } from './cases';

const recorded = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fingerprints.json'), 'utf8')) as Record<string, string>;
const cases = fingerprintCases();

describe('engine fingerprints: every preset and mechanism gives byte-identical output to the recorded run', () => {
  it('the recorded set is exactly the set of cases', () => {
    expect(Object.keys(recorded).sort()).toEqual(cases.map((c) => c.name).sort());
  });

  for (const c of cases) {
    it(c.name, () => {
      expect(fingerprint(c)).toBe(recorded[c.name]);
    });
  }
});
