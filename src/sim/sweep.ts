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
