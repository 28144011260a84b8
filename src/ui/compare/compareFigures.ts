import type { CompareSideState } from '../../state/index';
import { formatLatency } from '../format';

/** One row of the diff: a figure of each side and how the right differs from the left. */
export interface FigureRow {
  key: string;
  label: string;
  left: string;
  right: string;
  diff: string;
}

function badTimeS(side: CompareSideState): number {
  let bad = 0;
  for (let i = 0; i < side.series.length; i++) if (side.series.at('bad', i) === 1) bad++;
  return bad * side.binS;
}

function delta(a: number | null, b: number | null, format: (v: number) => string): string {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return '—';
  const d = b - a;
  if (Math.abs(d) < 1e-12) return 'same';
  const rel = a !== 0 ? ` (${d > 0 ? '+' : '−'}${Math.abs((d / a) * 100).toFixed(0)}%)` : '';
  return `${d > 0 ? '+' : '−'}${format(Math.abs(d))}${rel}`;
}

const num = (v: number | null | undefined): number | null => (v === undefined ? null : v);

/** The key figures of both sides so far (the summary covers warmup to now) and their differences. */
export function compareRows(left: CompareSideState, right: CompareSideState): FigureRow[] {
  const l = left.summary;
  const r = right.summary;
  const rate = (v: number) => `${v.toFixed(1)}/s`;
  const secs = (v: number) => `${Number(v.toFixed(1))} s`;
  const times = (v: number) => `${v.toFixed(2)}×`;
  const show = (v: number | null, f: (v: number) => string) => (v === null ? '—' : f(v));
  const rows: [string, string, number | null, number | null, (v: number) => string][] = [
    ['goodput', 'Goodput', num(l?.rates.goodput), num(r?.rates.goodput), rate],
    // Client-experienced: a stuck side's failures count at their time to failure, so it cannot look faster for failing.
    ['p99', 'Latency p99 (every request)', num(l?.clientLatency.p99), num(r?.clientLatency.p99), (v) => formatLatency(v)],
    ['successP99', 'Latency p99 (successes only)', num(l?.latency.p99), num(r?.latency.p99), (v) => formatLatency(v)],
    ['amplification', 'Amplification', num(l?.amplification), num(r?.amplification), times],
    ['badTime', 'Bad time', l === null ? null : badTimeS(left), r === null ? null : badTimeS(right), secs],
    ['recoveryTime', 'Recovery time', num(l?.recoveryTime), num(r?.recoveryTime), secs],
  ];
  const out: FigureRow[] = [
    {
      key: 'verdict',
      label: 'Verdict',
      left: l?.verdict ?? '—',
      right: r?.verdict ?? '—',
      diff: l === null || r === null ? '—' : l.verdict === r.verdict ? 'same' : `${l.verdict} → ${r.verdict}`,
    },
  ];
  for (const [key, label, a, b, f] of rows) out.push({ key, label, left: show(a, f), right: show(b, f), diff: delta(a, b, f) });
  return out;
}
