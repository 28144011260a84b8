/** The simulation worker: a thin Comlink adapter over the engine. */
import { expose } from 'comlink';
import { defaultScenario, parseScenario, runScenario, type RunResult, type Scenario } from '../sim/index';

/** What the worker offers the UI thread. Inputs are validated here, so the UI may pass any JSON. */
export const simApi = {
  /** The scenario the page opens with. */
  defaultScenario(): Scenario {
    return defaultScenario();
  },
  /** Validate `input` as a scenario file (unknown keys rejected; throws `ScenarioError` with a readable message) and run it to the end. */
  run(input: unknown): RunResult {
    return runScenario(parseScenario(input).scenario);
  },
};

export type SimApi = typeof simApi;

expose(simApi);
