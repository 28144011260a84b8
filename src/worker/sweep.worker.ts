/** A phase-map worker: runs the cells it is sent, one after another, and answers each as soon as it ends. */
import { injectFault, type FaultKind } from './fault';
import { answerSweepRequest } from './sweepCell';
import type { SweepRequest } from './sweepProtocol';

self.addEventListener('message', (event: MessageEvent<SweepRequest | { fault: FaultKind }>) => {
  const request = event.data;
  if ('fault' in request) {
    injectFault(request.fault);
    // Reached when the fault does not stop the worker (a throw comes a moment later): answer, as for every message.
    self.postMessage({ fault: request.fault });
    return;
  }
  self.postMessage(answerSweepRequest(request, () => performance.now()));
});
