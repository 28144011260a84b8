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
  if (kind === 'log') {
    const top = Math.max(logFloor * 10, Number.isFinite(maxValue) ? maxValue * 1.5 : 1);
    return scaleLog().domain([logFloor, top]).range([heightPx, 0]).clamp(true);
  }
  const top = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 1;
  const scale = scaleLinear().domain([0, top]).range([heightPx, 0]);
  return exactTop ? scale : scale.nice(4);
}
