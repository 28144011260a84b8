/**
 * The messages between the page and a phase-map worker, and the one function both sides need: the scenario of a cell.
 * Kept apart from the engine's runner, so the page can build a cell's scenario without bundling the engine
 * (`setPath` comes straight from its small module for the same reason).
 */
import { setPath } from '../sim/format';
import type { CellFigures } from './sweepCell';

/** The scenario of the cell (x, y): the same two writes, in the same order, as `sweepCells` (and `sim sweep`). */
export function cellScenario(base: unknown, xPath: string, x: number, yPath: string, y: number): unknown {
  return setPath(setPath(base, xPath, x), yPath, y);
}

/** Page → worker: run these cells of the grid over `base`. */
export interface SweepRequest {
  runId: number;
  base: unknown;
  xPath: string;
  yPath: string;
  cells: { index: number; x: number; y: number }[];
}

/** Worker → page: one cell's figures, or the message of the scenario error that made it invalid; `ms` = the cell's wall time in the worker. */
export type SweepAnswer = ({ figures: CellFigures } | { error: string }) & { runId: number; index: number; ms: number };
