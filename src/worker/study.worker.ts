/** The fan-out study's worker: runs the points of the "tail against fan-out width" study off the page's thread. */
import { expose } from 'comlink';
import { fanoutClosedForm, measureFanout, parseScenario, studyObjective, type FanoutPoint } from '../sim/index';
import { injectFault, type FaultKind } from './fault';

const api = {
  /** The objective slow requests are counted against (validates the scenario; throws a ScenarioError naming the field). */
  objective(input: unknown): number | null {
    return studyObjective(parseScenario(input).scenario);
  },
  /** The closed form at each width, from the one-backend miss rate `p1`. */
  closedForm(input: unknown, p1: number, widths: number[]): number[] {
    const scenario = parseScenario(input).scenario;
    return widths.map((n) => fanoutClosedForm(scenario, n, p1));
  },
  /** One width of the study. */
  point(input: unknown, n: number, slo: number | null): FanoutPoint {
    return measureFanout(parseScenario(input).scenario, n, slo);
  },
  /** Test builds only (`vite build --mode e2e`): make the worker crash or stop answering. */
  fault(kind: FaultKind): void {
    injectFault(kind);
  },
};

export type StudyApi = typeof api;

expose(api);
