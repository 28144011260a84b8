import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENUM_DEFAULTS, ENUM_FIELDS, NUMERIC_FIELDS, type NumericSpec } from './spec';

// docs/scenario.md is the reference users read: each field has a row with its default and range.
const DOCS = readFileSync(new URL('../../../docs/scenario.md', import.meta.url), 'utf8');

/** The rows of the table under the heading that names `section` (`load`, `client.retry`, `Top level`). */
function rows(section: string): Map<string, string[]> {
  const lines = DOCS.split('\n');
  const start = lines.findIndex((l) => /^#{2,3} /.test(l) && (l.includes(`\`${section}\``) || l.endsWith(` ${section}`)));
  if (start < 0) throw new Error(`no section ${section}`);
  const out = new Map<string, string[]>();
  for (const line of lines.slice(start + 1)) {
    if (/^#{2,3} /.test(line)) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const field = /^`([A-Za-z]+)`$/.exec(cells[0] ?? '')?.[1];
    if (field !== undefined) out.set(field, cells);
  }
  return out;
}

function where(path: string): { section: string; field: string } {
  const parts = path.split('.');
  const field = parts.pop() ?? '';
  return { section: parts.length === 0 ? 'Top level' : parts.join('.'), field };
}

function rangeCell(s: NumericSpec): string {
  const interval = `${s.minExclusive ? '(' : '['}${s.min}, ${s.max}${s.maxExclusive ? ')' : ']'}`;
  return `${s.nullable ? 'null or ' : ''}${s.integer ? 'integer ' : ''}${interval}`;
}

describe('docs/scenario.md documents every field with its default and range', () => {
  for (const s of NUMERIC_FIELDS) {
    it(s.path, () => {
      const { section, field } = where(s.path);
      const cells = rows(section).get(field);
      expect(cells, `row for ${field} under ${section}`).toBeDefined();
      expect(cells?.[1]).toBe(String(s.default));
      expect(cells?.[2]?.startsWith(rangeCell(s))).toBe(true);
    });
  }

  for (const [path, options] of Object.entries(ENUM_FIELDS)) {
    it(path, () => {
      const { section, field } = where(path);
      const cells = rows(section).get(field);
      expect(cells?.[1]).toBe(JSON.stringify(ENUM_DEFAULTS[path]));
      expect(cells?.[2]).toBe(`one of ${options.join(', ')}`);
    });
  }
});
