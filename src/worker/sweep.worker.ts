/** A phase-map worker: runs the cells it is sent, one after another, and answers each as soon as it ends. */
import { runSweepCell } from './sweepCell';
import { cellScenario, type SweepAnswer, type SweepRequest } from './sweepProtocol';

self.addEventListener('message', (event: MessageEvent<SweepRequest>) => {
  const { runId, base, xPath, yPath, cells } = event.data;
  for (const { index, x, y } of cells) {
    let answer: SweepAnswer;
    try {
      answer = { runId, index, figures: runSweepCell(cellScenario(base, xPath, x, yPath, y)) };
    } catch (error) {
      answer = { runId, index, error: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage(answer);
  }
});
