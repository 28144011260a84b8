import type { Scenario } from '../scenario/types';
import type { RunResult } from './result';
import { Simulation } from './Simulation';
import { runWriteConflict } from './writeConflict';

/** Run a validated, normalised scenario to its end (or to the in-flight cap). */
export function runScenario(scenario: Scenario): RunResult {
  if (scenario.model === 'write-conflict') return runWriteConflict(scenario);
  const sim = new Simulation(scenario);
  sim.runToEnd();
  return { scenario: sim.scenario(), summary: sim.summary(), series: sim.series() };
}
