import type { CellFigures, StartSweepWorker, SweepAnswer, SweepRequest } from '../../src/worker/index';
import { messageOf } from '../../src/sim/index';
import { cellScenario } from '../../src/worker/index';

/** One in-process stand-in for a phase-map worker: it holds what it was sent until the test lets it answer. */
export interface FakeSweepWorker {
  inbox: SweepRequest[];
  terminated: boolean;
  /** Answer the oldest cell it holds (as the real worker would once it ends); false when it holds none. */
  answerOne(): boolean;
  crash(message: string): void;
  /** Deliver an answer even if terminated: a result already on its way when the page cancelled. */
  deliver(answer: SweepAnswer): void;
}

/** A worker starter for the pool that runs cells with `runCell` in this process, one per `answerOne`. */
export function fakeSweepWorkers(runCell: (raw: unknown) => CellFigures): { start: StartSweepWorker; workers: FakeSweepWorker[]; answerAll(): number } {
  const workers: FakeSweepWorker[] = [];
  const start: StartSweepWorker = (onAnswer, onError) => {
    const w: FakeSweepWorker = {
      inbox: [],
      terminated: false,
      answerOne() {
        if (w.terminated) return false;
        const request = w.inbox[0];
        const cell = request?.cells.shift();
        if (request === undefined || cell === undefined) return false;
        if (request.cells.length === 0) w.inbox.shift();
        let answer: SweepAnswer;
        try {
          answer = { runId: request.runId, index: cell.index, figures: runCell(cellScenario(request.base, request.xPath, cell.x, request.yPath, cell.y)), ms: 10 };
        } catch (error) {
          answer = { runId: request.runId, index: cell.index, error: messageOf(error), ms: 10 };
        }
        onAnswer(answer);
        return true;
      },
      crash(message) {
        onError(message);
      },
      deliver(answer) {
        onAnswer(answer);
      },
    };
    workers.push(w);
    return {
      post: (request) => {
        if (!w.terminated) w.inbox.push(structuredClone(request));
      },
      terminate: () => {
        w.terminated = true;
      },
    };
  };
  /** Let every live worker answer, round after round, until none holds a cell; returns the answers given. */
  const answerAll = (): number => {
    let n = 0;
    for (let progress = true; progress; ) {
      progress = false;
      for (const w of workers) {
        if (w.answerOne()) {
          progress = true;
          n++;
        }
      }
    }
    return n;
  };
  return { start, workers, answerAll };
}
