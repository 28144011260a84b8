// A sweep worker thread: runs the cells it is sent and answers with their verdicts.
import { parentPort } from 'node:worker_threads';
import { runCell } from '../sim/index';

export interface CellJob {
  index: number;
  raw: unknown;
}
export interface CellAnswer {
  index: number;
  verdict: string;
  recoveryTime: number | null;
}

const port = parentPort;
if (port !== null) {
  port.on('message', (job: CellJob) => {
    const { verdict, recoveryTime } = runCell(job.raw);
    const answer: CellAnswer = { index: job.index, verdict, recoveryTime };
    port.postMessage(answer);
  });
}
