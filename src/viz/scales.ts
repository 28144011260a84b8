/** Scales of the stacked charts: one time axis shared by all, a linear or log value axis per chart. */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';

export type ValueScale = ScaleContinuousNumeric<number, number>;

/** Simulated seconds → pixels. */
export function timeScale(domainS: readonly [number, number], widthPx: number): ValueScale {
  return scaleLinear().domain([domainS[0], domainS[1]]).range([0, widthPx]);
}

/** The time window shown: the whole run when it is short, else a rolling window that follows `endS`. */
export function timeWindow(durationS: number, endS: number, windowS: number): [number, number] {
  if (durationS <= windowS) return [0, durationS];
  const end = Math.min(durationS, Math.max(windowS, endS));
  return [end - windowS, end];
}

/** Ticks of a value axis: about `count` on a linear axis; powers of ten on a log axis (the 2…9 in between clutter it). */
export function axisTicks(scale: ValueScale, kind: 'linear' | 'log', count = 4): number[] {
  const ticks = scale.ticks(count);
  if (kind === 'linear') return ticks;
  return ticks.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
}

/** A value axis from 0 (linear) or a floor (log) to a little above the largest value. */
export function valueScale(kind: 'linear' | 'log', maxValue: number, heightPx: number, logFloor = 1e-3, exactTop = false): ValueScale {
  return scaleOver(kind, valueDomain(kind, maxValue, logFloor, exactTop), heightPx);
}

/**
 * The domain `valueScale` gives the same arguments: charts that redraw only when their scale changes compare
 * this, which stays put while the largest value moves within one step of the axis.
 */
export function valueDomain(kind: 'linear' | 'log', maxValue: number, logFloor = 1e-3, exactTop = false): [number, number] {
  if (kind === 'log') return [logFloor, Math.max(logFloor * 10, Number.isFinite(maxValue) ? maxValue * 1.5 : 1)];
  const top = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 1;
  const scale = scaleLinear().domain([0, top]);
  const [lo = 0, hi = top] = exactTop ? scale.domain() : scale.nice(4).domain();
  return [lo, hi];
}

/** A value axis over `domain` (from `valueDomain`), drawn `heightPx` tall. */
export function scaleOver(kind: 'linear' | 'log', domain: readonly [number, number], heightPx: number): ValueScale {
  if (kind === 'log') return scaleLog().domain([domain[0], domain[1]]).range([heightPx, 0]).clamp(true);
  return scaleLinear().domain([domain[0], domain[1]]).range([heightPx, 0]);
}
