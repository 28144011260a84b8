import { SERIES_NAMES, type Series } from '../sim/format';

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One text cell, safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'` (so it is shown, never run), and a cell holding a comma,
 * quote or line break is quoted (RFC 4180).
 */
export function csvTextCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One number cell. Numbers are written as numbers, never escaped: a spreadsheet reads `-3.5` as
 * the number −3.5 (it cannot run anything), and a quote would turn it into text that charts skip.
 * `null` (a bin with no sample) and non-finite values are empty cells.
 */
export function csvNumberCell(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? String(x) : '';
}

/** Lines placed before the header, each `# key,value` with the value escaped: the scenario's name, its link. */
export interface CsvMetadata {
  name?: string;
  link?: string;
}

/**
 * The series as CSV, the CLI's format: one header row in SERIES_NAMES order, one row per bin,
 * an empty cell for a bin without a value. With `meta`, `#` lines come first (name, link),
 * their values escaped like any text cell.
 */
export function seriesToCsv(series: Series, meta?: CsvMetadata): string {
  const lines: string[] = [];
  if (meta?.name !== undefined) lines.push(`# scenario,${csvTextCell(meta.name)}`);
  if (meta?.link !== undefined) lines.push(`# link,${csvTextCell(meta.link)}`);
  lines.push(SERIES_NAMES.join(','));
  const columns = SERIES_NAMES.map((name) => series[name] ?? []);
  const rows = Math.max(0, ...columns.map((c) => c.length));
  for (let r = 0; r < rows; r++) lines.push(columns.map((c) => csvNumberCell(c[r])).join(','));
  return `${lines.join('\n')}\n`;
}
