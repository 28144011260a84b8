// A sweep worker thread: runs the cells it is sent and answers each, in the phase map's workers' own protocol.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { answerSweepRequest } from '../worker/sweepCell';
import type { SweepRequest } from '../worker/sweepProtocol';

const port = parentPort;
if (port !== null) {
  port.on('message', (request: SweepRequest) => {
    port.postMessage(answerSweepRequest(request, () => performance.now()));
  });
}
