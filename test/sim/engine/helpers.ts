import { parseScenario, runScenario } from '../../../src/sim/index';
import type { RunResult, Scenario, SeriesName } from '../../../src/sim/index';

/** A normalised scenario from a partial one, validated like a file. */
export function scenario(partial: Record<string, unknown>): Scenario {
  return parseScenario(partial).scenario;
}

/** Run a partial scenario under each seed. */
export function runSeeds(partial: Record<string, unknown>, seeds: readonly number[]): RunResult[] {
  return seeds.map((seed) => runScenario(scenario({ ...partial, seed })));
}

/** |actual − expected| / expected */
export function relErr(actual: number | null, expected: number): number {
  if (actual === null) return Infinity;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Sum of a series over the bins whose start lies in [from, to). */
export function sumOver(r: RunResult, name: SeriesName, from: number, to: number): number {
  let s = 0;
  r.series.t.forEach((t, i) => {
    if (t !== null && t >= from && t < to) s += r.series[name][i] ?? 0;
  });
  return s;
}
