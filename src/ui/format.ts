/** Number formats with units, as the page shows them. */

/** "279.6 req/s". */
export function formatRate(perS: number): string {
  return `${perS.toFixed(1)} req/s`;
}

/** "850 ms" below one second, "2.31 s" above; "—" when there is no value. */
export function formatLatency(seconds: number | null): string {
  if (seconds === null) return '—';
  return seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(2)} s`;
}

/** "400 s". */
export function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(3))} s`;
}

// One formatter for every call: `toLocaleString` builds a new one each time, which shows in a profile when
// counts are formatted every frame.
const COUNT = new Intl.NumberFormat('en-US');

/** "12,345". */
export function formatCount(n: number): string {
  return COUNT.format(Math.round(n));
}

/** "97%", "0.4%" below one percent; "—" when there is no value. */
export function percent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  const p = fraction * 100;
  return `${p > 0 && p < 1 ? p.toFixed(1) : p.toFixed(0)}%`;
}
