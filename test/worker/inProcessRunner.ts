import { defaultScenario, parseScenario, runScenario } from '../../src/sim/index';
import type { SimRunner } from '../../src/worker/index';

/** The worker's API run in-process (jsdom and Node have no module workers): same engine, same answers. */
export function inProcessRunner(): SimRunner {
  return {
    defaultScenario: () => Promise.resolve(defaultScenario()),
    run: (input) => Promise.resolve().then(() => runScenario(parseScenario(input).scenario)),
  };
}
