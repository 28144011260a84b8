import { wilson } from '../../sim/format';
import { percentRange, type MapAxis, type ProbabilityCells } from '../../state/index';
import type { CellFigures } from '../../worker/index';
import { formatLatency } from '../format';

/** "Load 196 requests/s, trigger duration 12 s" for the cell at (xi, yi). */
export function cellPlace(x: MapAxis, y: MapAxis, xi: number, yi: number): string {
  return `${x.param.label} ${x.values[xi]} ${x.param.unit}, ${y.param.label.toLowerCase()} ${y.values[yi]} ${y.param.unit}`;
}

/** The figures of a finished cell, in words. */
export function cellFigures(f: CellFigures): string {
  const parts = [f.verdict === 'recovered' && f.recoveryTime !== null ? `recovered after ${f.recoveryTime} s` : f.verdict];
  parts.push(`goodput ${f.goodput.toFixed(1)}/s of ${f.offered.toFixed(1)}/s offered`);
  parts.push(`p99 ${formatLatency(f.p99)}`);
  parts.push(`amplification ${f.amplification === null ? '—' : `${f.amplification.toFixed(2)}×`}`);
  parts.push(`bad for ${f.badTime} s`);
  if (f.stopped !== null) parts.push(`stopped early: ${f.stopped}`);
  return parts.join('; ');
}

/** A probability map's cell in words: "stuck on 3 of 8 seeds (38 %, 95 %: 14–69 %)"; null before its first seed. */
export function cellShare(p: ProbabilityCells, index: number): { k: number; n: number; text: string } | null {
  const n = p.n[index] ?? 0;
  if (n === 0) return null;
  const k = p.stuck[index]!;
  const w = wilson(k, n);
  return { k, n, text: `stuck on ${k} of ${n} seeds (${Math.round(w.share * 100)} %, 95 %: ${percentRange(w.low, w.high)})` };
}
