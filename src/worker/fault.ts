/** Faults a test build can make a worker suffer: throw (an uncaught error) or hang (stop answering). */
export type FaultKind = 'throw' | 'hang';

/** Test builds only (`vite build --mode e2e`): make this worker crash or stop answering. Compiled out otherwise. */
export function injectFault(kind: FaultKind): void {
  if (!__LAB_FAULTS__) return;
  if (kind === 'throw') {
    setTimeout(() => {
      throw new Error('fault injected by a test: the worker threw');
    }, 0);
  } else {
    for (;;) {
      /* spin: the worker stops answering */
    }
  }
}

/**
 * Test builds only: a scenario of this name makes every step of the simulation worker hang, in every worker that
 * runs it, as a scenario the engine could never finish a step of would (none can: this stands in for one).
 */
export const HANGING_SCENARIO_NAME = 'Test fault: every step hangs';

/** Test builds only: hang when the running scenario is the test fault's. Compiled out otherwise. */
export function stepFault(scenarioName: string | null): void {
  if (__LAB_FAULTS__ && scenarioName === HANGING_SCENARIO_NAME) injectFault('hang');
}
