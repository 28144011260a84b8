/**
 * The messages between a sweep's pool and its workers — the phase map's web workers and `sim sweep`'s worker
 * threads speak the same ones — and the one function both sides need: the scenario of a cell.
 * Kept apart from the engine's runner, so the page can build a cell's scenario without bundling the engine
 * (`setPath` comes straight from its small module for the same reason).
 */
import { setPath } from '../sim/format';
import type { CellFigures } from './sweepCell';

/** The scenario of the cell (x, y): the same two writes, in the same order, as `sweepCells` (and `sim sweep`). */
export function cellScenario(base: unknown, xPath: string, x: number, yPath: string, y: number): unknown {
  return setPath(setPath(base, xPath, x), yPath, y);
}

/** Pool → worker: run the cell `index` of the grid, whose scenario is `raw`. A worker answers each in turn. */
export interface SweepRequest {
  index: number;
  raw: unknown;
  /** Also answer with the run's whole series (an ensemble's seeds, for the charts' band). */
  withSeries?: boolean;
}

/** Worker → pool: one cell's figures, or the message of the scenario error that made it invalid; `ms` = the cell's wall time in the worker. */
export type SweepAnswer = ({ figures: CellFigures } | { error: string }) & { index: number; ms: number };
