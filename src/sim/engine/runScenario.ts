import type { Scenario } from '../scenario/types';
import { GraphSimulation } from '../graph/GraphSimulation';
import { serviceSeriesJson } from '../graph/serviceStats';
import type { RunResult } from './result';
import { Simulation } from './Simulation';
import { runWriteConflict } from './writeConflict';

/** A run of a validated, normalised queue-model scenario: the one server, or a graph of services. */
export function createSimulation(scenario: Scenario): Simulation | GraphSimulation {
  return scenario.graph === null ? new Simulation(scenario) : new GraphSimulation(scenario);
}

/** Run a validated, normalised scenario to its end (or to the in-flight cap). */
export function runScenario(scenario: Scenario): RunResult {
  if (scenario.model === 'write-conflict') return runWriteConflict(scenario);
  const sim = createSimulation(scenario);
  sim.runToEnd();
  const result: RunResult = { scenario: sim.scenario(), summary: sim.summary(), series: sim.series() };
  if (sim instanceof GraphSimulation) {
    result.services = serviceSeriesJson(sim.serviceArrays());
    result.serviceSummary = sim.serviceSummary();
  }
  return result;
}
