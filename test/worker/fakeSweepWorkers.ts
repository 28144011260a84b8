import type { CellFigures, SweepAnswer, SweepRequest, WorkerLike } from '../../src/worker/index';

/** One in-process stand-in for a phase-map worker: it holds what it was sent until the test lets it answer. */
export interface FakeSweepWorker {
  inbox: SweepRequest[];
  terminated: boolean;
  /** Answer the oldest cell it holds (as the real worker would once it ends); false when it holds none, or hangs on it. */
  answerOne(): boolean;
  crash(message: string): void;
  /** Deliver an answer even if terminated: a result already on its way when the page cancelled. */
  deliver(answer: SweepAnswer): void;
}

export interface FakeSweepWorkers {
  start: () => WorkerLike;
  workers: FakeSweepWorker[];
  /** Let every live worker answer, round after round (letting the pool react between), until none can; the answers given. */
  answerAll(): Promise<number>;
  /** Cells (by index) whose run never ends, the first `times` times they are run. */
  hangOn(index: number, times: number): void;
}

/** Let the pool's promise reactions run. */
export const react = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A worker starter for the pool that runs cells with `runCell` in this process, one per `answerOne`. */
export function fakeSweepWorkers(runCell: (raw: unknown) => CellFigures): FakeSweepWorkers {
  const workers: FakeSweepWorker[] = [];
  const hangs = new Map<number, number>();
  /** Cells a worker has started and will never finish. */
  const stuck = new Set<FakeSweepWorker>();
  const start = (): WorkerLike => {
    const target = new EventTarget();
    const answer = (data: SweepAnswer) => target.dispatchEvent(new MessageEvent('message', { data }));
    const w: FakeSweepWorker = {
      inbox: [],
      terminated: false,
      answerOne() {
        const request = w.inbox[0];
        if (w.terminated || request === undefined || stuck.has(w)) return false;
        const left = hangs.get(request.index) ?? 0;
        if (left > 0) {
          hangs.set(request.index, left - 1);
          stuck.add(w);
          return false;
        }
        w.inbox.shift();
        let reply: SweepAnswer;
        try {
          reply = { index: request.index, figures: runCell(request.raw), ms: 10 };
        } catch (error) {
          reply = { index: request.index, error: error instanceof Error ? error.message : String(error), ms: 10 };
        }
        answer(reply);
        return true;
      },
      crash(message) {
        target.dispatchEvent(Object.assign(new Event('error'), { message }));
      },
      deliver: answer,
    };
    workers.push(w);
    return Object.assign(target, {
      postMessage: (message: unknown) => {
        if (!w.terminated && typeof message === 'object' && message !== null && 'index' in message) w.inbox.push(structuredClone(message as SweepRequest));
      },
      terminate: () => {
        w.terminated = true;
      },
    });
  };
  const answerAll = async (): Promise<number> => {
    let n = 0;
    for (let progress = true; progress; ) {
      progress = false;
      for (const w of [...workers]) {
        if (w.answerOne()) {
          progress = true;
          n++;
        }
      }
      await react();
    }
    return n;
  };
  return { start, workers, answerAll, hangOn: (index, times) => hangs.set(index, times) };
}
