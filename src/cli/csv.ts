/** The series as CSV: a header row of names, one row per bin, an empty cell for null. */
export function seriesToCsv<N extends string>(names: readonly N[], series: Readonly<Record<N, readonly (number | null)[]>>): string {
  const columns = names.map((name) => series[name] ?? []);
  const rows = Math.max(0, ...columns.map((c) => c.length));
  const lines = [names.join(',')];
  for (let r = 0; r < rows; r++) {
    lines.push(columns.map((c) => {
      const x = c[r];
      return x === null || x === undefined ? '' : String(x);
    }).join(','));
  }
  return `${lines.join('\n')}\n`;
}
