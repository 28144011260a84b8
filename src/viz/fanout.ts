/** Geometry of the fan-out study's charts: the widths the closed-form curve is drawn through. */

/** Whole widths from 1 to `max`, about `count` of them spread evenly on a log axis (the curve needs whole n). */
export function logWidths(max: number, count = 60): number[] {
  const out = new Set<number>([1]);
  for (let i = 1; i <= count; i++) out.add(Math.max(1, Math.round(Math.pow(max, i / count))));
  out.add(max);
  return [...out].sort((a, b) => a - b);
}
