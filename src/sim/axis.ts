/** Most values one axis of a sweep or phase map may take. */
export const MAX_AXIS_STEPS = 200;

/**
 * `steps` evenly spaced values from `from` to `to`, both included (one value when steps = 1).
 * Values are rounded to 12 significant digits, so 0.1 steps read 0.3 and not 0.30000000000000004.
 */
export function axisValues(from: number, to: number, steps: number): number[] {
  if (steps === 1) return [from];
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push(Number((from + ((to - from) * i) / (steps - 1)).toPrecision(12)));
  return out;
}
