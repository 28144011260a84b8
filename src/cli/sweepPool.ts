import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CellFigures } from '../worker/sweepCell';
import type { SweepAnswer, SweepRequest } from '../worker/sweepProtocol';

/**
 * Run the cells on `jobs` worker threads (default: one per logical core), each taking the next
 * cell when it finishes one. Results come back in cell order, whatever order they finish in.
 * The threads speak the phase map's protocol and run a cell as its workers do; the pool itself is its own: Node's
 * worker threads are not the page's workers, every cell was validated before any runs, and a command line that
 * stopped answering is stopped by its user, so it keeps no watchdog and gives up on the first failure.
 */
export async function runCellsInPool(cells: readonly { raw: unknown }[], jobs = availableParallelism()): Promise<CellFigures[]> {
  const results: (CellFigures | undefined)[] = new Array<CellFigures | undefined>(cells.length);
  const threads = Math.max(1, Math.min(jobs, cells.length));
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: threads }, () => {
        const worker = new Worker(new URL('./sweepWorker.js', import.meta.url));
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          const feed = (): void => {
            if (next >= cells.length) {
              resolve();
              return;
            }
            const index = next++;
            const request: SweepRequest = { index, raw: cells[index]?.raw };
            worker.postMessage(request);
          };
          worker.on('message', (answer: SweepAnswer) => {
            if ('error' in answer) {
              reject(new Error(answer.error));
              return;
            }
            results[answer.index] = answer.figures;
            feed();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (next < cells.length || code !== 0) reject(new Error(`a sweep worker exited with code ${code}`));
          });
          feed();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.map((r, i) => {
    if (r === undefined) throw new Error(`sweep cell ${i} has no result`);
    return r;
  });
}
