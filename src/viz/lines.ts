/** Draw series as lines on any path context (a canvas 2D context, or d3-path for SVG); gaps where a value is missing. */
import { line } from 'd3';
import type { ValueScale } from './scales';

/** Where a series is drawn: a canvas 2D context, or null for an SVG path string. */
export type PathTarget = CanvasRenderingContext2D | null;

/**
 * One series over bins [from, to): x = bin start time, y = value(i); NaN (or ≤ 0 on a log axis) leaves a gap.
 * Draws to the canvas context, or returns the SVG path data when the target is null.
 */
export function traceSeries(
  target: PathTarget,
  from: number,
  to: number,
  timeOf: (i: number) => number,
  value: (i: number) => number,
  x: ValueScale,
  y: ValueScale,
  log: boolean,
): string | null {
  const indices: number[] = [];
  for (let i = from; i < to; i++) indices.push(i);
  return line<number>()
    .defined((i) => {
      const v = value(i);
      return Number.isFinite(v) && (!log || v > 0);
    })
    .x((i) => x(timeOf(i)))
    .y((i) => y(value(i)))
    .context(target)(indices);
}

/** The largest finite value of `value(i)` over [from, to), or 0. */
export function maxOver(from: number, to: number, value: (i: number) => number): number {
  let m = 0;
  for (let i = from; i < to; i++) {
    const v = value(i);
    if (v > m) m = v;
  }
  return m;
}

/** Runs of equal class over [from, to): for the good/bad strip. */
export function runsOf(from: number, to: number, classOf: (i: number) => string): { from: number; to: number; cls: string }[] {
  const runs: { from: number; to: number; cls: string }[] = [];
  for (let i = from; i < to; i++) {
    const cls = classOf(i);
    const last = runs[runs.length - 1];
    if (last !== undefined && last.cls === cls && last.to === i) last.to = i + 1;
    else runs.push({ from: i, to: i + 1, cls });
  }
  return runs;
}
