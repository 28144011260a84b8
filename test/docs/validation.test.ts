import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/validation.md is where the code's citations of reference cases lead: it must name tests
// that exist, and every citation must name one of its cases.
const ROOT = new URL('../../', import.meta.url);
const DOC = readFileSync(new URL('docs/validation.md', ROOT), 'utf8');
const CASE_ID = /^[A-Z]\d+$/;

interface CaseRow {
  id: string;
  /** Test files, each with the test names the row gives after it. */
  tests: { file: string; names: string[] }[];
}

/** The table rows whose first cell is a case id; the last cell names the tests. */
function caseRows(): CaseRow[] {
  const rows: CaseRow[] = [];
  for (const line of DOC.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const id = cells[0] ?? '';
    if (!CASE_ID.test(id)) continue;
    const tests: CaseRow['tests'] = [];
    for (const [, span] of (cells.at(-1) ?? '').matchAll(/`([^`]+)`/g)) {
      if (span === undefined) continue;
      if (/^test\/.+\.test\.tsx?$/.test(span)) tests.push({ file: span, names: [] });
      else tests.at(-1)?.names.push(span);
    }
    rows.push({ id, tests });
  }
  return rows;
}

/** Source files under the code folders, the way a citation could appear in them. */
function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(new URL(dir, ROOT))) {
    const path = `${dir}/${name}`;
    if (statSync(new URL(path, ROOT)).isDirectory()) out.push(...codeFiles(path));
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) out.push(path);
  }
  return out;
}

const rows = caseRows();
const ids = new Set(rows.map((r) => r.id));

describe('docs/validation.md', () => {
  it('has the reference cases, each id once', () => {
    expect(rows.map((r) => r.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'B1', 'E1', 'E2', 'E3', 'F1', 'F2', 'J1', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6']);
  });

  for (const row of rows) {
    it(`${row.id} names test files that exist and hold each test it names`, () => {
      expect(row.tests.length, `${row.id} names no test file`).toBeGreaterThan(0);
      for (const { file, names } of row.tests) {
        expect(existsSync(new URL(file, ROOT)), file).toBe(true);
        const text = readFileSync(new URL(file, ROOT), 'utf8');
        expect(names.length, `${row.id}: no test named in ${file}`).toBeGreaterThan(0);
        // A name is `describe › it`, or `› it` under the describe named before it.
        for (const name of names) {
          for (const part of name.split('›').map((p) => p.trim()).filter((p) => p !== '')) {
            expect(text.includes(part), `${row.id}: "${part}" in ${file}`).toBe(true);
          }
        }
      }
    });
  }

  it('is cited in the code only with a case that exists', () => {
    const files = ['src', 'test', 'bench', 'scripts'].flatMap(codeFiles).filter((f) => f !== 'test/docs/validation.test.ts');
    let citations = 0;
    for (const file of files) {
      const text = readFileSync(new URL(file, ROOT), 'utf8');
      for (const m of text.matchAll(/docs\/validation\.md(.{0,30})/g)) {
        citations += 1;
        // "docs/validation.md, M1", "docs/validation.md M1", "docs/validation.md, T1–T4", "… M1–M9 and B1"
        const cited = /^,?\s+((?:[A-Z]\d+(?:–[A-Z]\d+)?(?:,\s*| and )?)+)/.exec(m[1] ?? '')?.[1];
        expect(cited, `${file}: "${m[0]}" names no case`).toBeDefined();
        for (const id of cited?.match(/[A-Z]\d+/g) ?? []) expect(ids.has(id), `${file}: case ${id}`).toBe(true);
      }
    }
    expect(citations).toBeGreaterThan(5);
  });
});
