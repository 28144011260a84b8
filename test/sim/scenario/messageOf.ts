import { ScenarioError, parseScenario } from '../../../src/sim/scenario/index';

/** The message a scenario is refused with, or '' when it is valid. */
export function messageOf(input: unknown): string {
  try {
    parseScenario(input);
    return '';
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.message;
  }
}
