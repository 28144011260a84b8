import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvNumberCell, csvTextCell, resultToJson, seriesToCsv } from '../../src/links/index';
import { seriesToCsv as cliCsv } from '../../src/cli/csv';
import { SERIES_NAMES, findPreset, parseScenario, runScenario, type Series } from '../../src/sim/index';
import { inProcess } from '../cli/inProcess';

const run = runScenario(parseScenario({ ...findPreset('mm1')?.scenario, duration: 60 }).scenario);

/** Reads one CSV record back (RFC 4180 quoting): the cell values a spreadsheet would see. */
function cells(record: string): string[] {
  return [...record.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,"]*))/g)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? '')));
}

describe('seriesToCsv', () => {
  it('writes exactly what the CLI writes for a real run', () => {
    const series: Series = run.series;
    expect(seriesToCsv(series)).toBe(cliCsv(SERIES_NAMES, series));
    expect(seriesToCsv(run.series).split('\n')[0]).toBe(SERIES_NAMES.join(','));
  });

  it('writes numbers as numbers, negative ones included, and gaps as empty cells', () => {
    const series = Object.fromEntries(SERIES_NAMES.map((n) => [n, [-1.5, null, 0, NaN]])) as unknown as Series;
    const lines = seriesToCsv(series).trimEnd().split('\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['-1.5', '', '0', '']);
  });

  it('puts the escaped name and link before the header when asked', () => {
    const csv = seriesToCsv(run.series, { name: '=HYPERLINK("http://evil","click"), me', link: 'https://x.test/#v1=AB+-$' });
    const [name, link, header] = csv.split('\n');
    expect(cells(name ?? '')).toEqual(['# scenario', `'=HYPERLINK("http://evil","click"), me`]);
    expect(cells(link ?? '')).toEqual(['# link', 'https://x.test/#v1=AB+-$']);
    expect(header).toBe(SERIES_NAMES.join(','));
  });
});

describe('csvTextCell', () => {
  it('never lets a spreadsheet see a formula, and reads back to the text (after the guard quote)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '=cmd|"/c calc"!A1', 'a,b', 'say "hi"', 'x\ny')), (text) => {
        const cell = csvTextCell(text);
        const read = cells(cell);
        expect(read.length).toBe(1);
        const value = read[0] ?? '';
        expect(value).not.toMatch(/^[=+\-@\t\r]/);
        expect(value).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('leaves plain text alone', () => {
    expect(csvTextCell('Retry storm')).toBe('Retry storm');
    expect(csvNumberCell(-0.25)).toBe('-0.25');
    expect(csvNumberCell(null)).toBe('');
  });
});

describe('resultToJson', () => {
  it('is byte for byte what `sim run --format json` prints', () => {
    const cli = inProcess(['run', 'mm1', '--set', 'duration=60']);
    expect(cli.code).toBe(0);
    expect(resultToJson(run)).toBe(cli.stdout);
  });
});
