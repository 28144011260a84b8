import type { Verdict } from './engine/result';
import { runScenario } from './engine/runScenario';
import { parseScenario } from './scenario/parse';
import { setPath } from './scenario/paths';

/** One swept parameter: a dotted path (as `--set` takes it) and the values it runs through. */
export interface SweepAxis {
  path: string;
  values: number[];
}

/** One cell of a sweep: its two values and the raw scenario with both applied. */
export interface SweepCell {
  x: number;
  y: number;
  raw: unknown;
}

export interface CellResult {
  verdict: Verdict;
  recoveryTime: number | null;
}

/** Most values one axis may take. */
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

/** The grid's cells, x-major (every y for the first x, then the next x), each a raw scenario. */
export function sweepCells(raw: unknown, x: SweepAxis, y: SweepAxis): SweepCell[] {
  const cells: SweepCell[] = [];
  for (const xv of x.values) {
    const withX = setPath(raw, x.path, xv);
    for (const yv of y.values) cells.push({ x: xv, y: yv, raw: setPath(withX, y.path, yv) });
  }
  return cells;
}

/** Validate and run one cell; throws ScenarioError when the cell's scenario is invalid. */
export function runCell(raw: unknown): CellResult {
  const { summary } = runScenario(parseScenario(raw).scenario);
  return { verdict: summary.verdict, recoveryTime: summary.recoveryTime };
}
