import { SERIES_NAMES, type Series } from '../sim/format';

/**
 * One number cell. Numbers are written as numbers, never escaped: a spreadsheet reads `-3.5` as
 * the number −3.5 (it cannot run anything), and a quote would turn it into text that charts skip.
 * `null` (a bin with no sample) and non-finite values are empty cells.
 */
export function csvNumberCell(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? String(x) : '';
}

/**
 * The series as CSV, byte for byte what `sim run --format csv` prints: one header row in SERIES_NAMES order, one row
 * per bin, an empty cell for a bin without a value, and nothing else (the link travels in the share dialog, SVG, PNG).
 */
export function seriesToCsv(series: Series): string {
  const lines: string[] = [SERIES_NAMES.join(',')];
  const columns = SERIES_NAMES.map((name) => series[name] ?? []);
  const rows = Math.max(0, ...columns.map((c) => c.length));
  for (let r = 0; r < rows; r++) lines.push(columns.map((c) => csvNumberCell(c[r])).join(','));
  return `${lines.join('\n')}\n`;
}
