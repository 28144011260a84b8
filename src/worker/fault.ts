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
