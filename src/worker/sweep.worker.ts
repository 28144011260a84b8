/** A phase-map worker: runs the cells it is sent, one after another, and answers each as soon as it ends. */
import { messageOf } from '../sim/index';
import { runSweepCell } from './sweepCell';
import { cellScenario, type SweepAnswer, type SweepRequest } from './sweepProtocol';

self.addEventListener('message', (event: MessageEvent<SweepRequest>) => {
  const { runId, base, xPath, yPath, cells } = event.data;
  for (const { index, x, y } of cells) {
    let answer: SweepAnswer;
    const t0 = performance.now();
    try {
      const figures = runSweepCell(cellScenario(base, xPath, x, yPath, y));
      answer = { runId, index, figures, ms: performance.now() - t0 };
    } catch (error) {
      answer = { runId, index, error: messageOf(error), ms: performance.now() - t0 };
    }
    self.postMessage(answer);
  }
});
