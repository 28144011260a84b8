/**
 * The phase map's pool of dedicated workers, one per logical core: hands out cells as workers free up, reports each
 * result as it arrives, and cancels by terminating the workers (a running cell cannot be interrupted otherwise).
 */
import type { CellFigures } from './sweepCell';
import type { SweepAnswer, SweepRequest } from './sweepProtocol';

/** A started worker, as the pool uses it. */
export interface SweepWorkerHandle {
  post(request: SweepRequest): void;
  terminate(): void;
}

/** Starts one worker that calls `onAnswer` per finished cell and `onError` if it crashes. */
export type StartSweepWorker = (onAnswer: (answer: SweepAnswer) => void, onError: (message: string) => void) => SweepWorkerHandle;

/** The grid to run: cell `index` = xi × yValues.length + yi (x-major, as `sim sweep` prints it). */
export interface SweepGrid {
  base: unknown;
  xPath: string;
  yPath: string;
  xValues: readonly number[];
  yValues: readonly number[];
}

/** A finished cell: its figures or why it is invalid, and `ms`, its wall time in the worker. */
export type CellOutcome = ({ figures: CellFigures } | { error: string }) & { ms: number };
export type SweepEnd = { status: 'done' } | { status: 'cancelled' } | { status: 'failed'; message: string };

export interface SweepHandlers {
  onCell(index: number, outcome: CellOutcome): void;
  onEnd(end: SweepEnd): void;
}

export interface SweepRun {
  /** Stop now: workers are terminated, results still on their way are ignored, `onEnd` says cancelled. */
  cancel(): void;
}

export interface SweepPool {
  readonly size: number;
  /** Start a grid; a run already going is cancelled first. */
  run(grid: SweepGrid, handlers: SweepHandlers): SweepRun;
  /** Terminate every worker (a later run starts new ones). */
  dispose(): void;
}

export interface SweepPoolOptions {
  size: number;
  startWorker?: StartSweepWorker;
  /** Cells sent ahead to each worker, so it never waits for the page between cells. */
  depth?: number;
}

/** Workers for a pool on this machine: one per logical core, at least 1 and at most 16. */
export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  const n = hardwareConcurrency !== undefined && Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency) : 2;
  return Math.max(1, Math.min(16, n));
}

function startModuleWorker(onAnswer: (answer: SweepAnswer) => void, onError: (message: string) => void): SweepWorkerHandle {
  // Kept literal so Vite bundles the worker and the engine as a separate chunk.
  const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'sweep' });
  worker.addEventListener('message', (e: MessageEvent<SweepAnswer>) => onAnswer(e.data));
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    onError(e.message === '' ? 'A phase-map worker crashed.' : `A phase-map worker crashed: ${e.message}`);
  });
  return { post: (request) => worker.postMessage(request), terminate: () => worker.terminate() };
}

/**
 * The order cells are handed out: coarse to fine, so the map's shape shows early — every 8th row and column first,
 * then every 4th, every 2nd, then the rest; x-major within each pass. A permutation of 0 … nx·ny − 1.
 */
export function fillOrder(nx: number, ny: number): number[] {
  const passOf = (xi: number, yi: number): number => {
    for (const [pass, stride] of [[0, 8], [1, 4], [2, 2]] as const) if (xi % stride === 0 && yi % stride === 0) return pass;
    return 3;
  };
  const passes: number[][] = [[], [], [], []];
  for (let xi = 0; xi < nx; xi++) for (let yi = 0; yi < ny; yi++) passes[passOf(xi, yi)]!.push(xi * ny + yi);
  return passes.flat();
}

interface Slot {
  handle: SweepWorkerHandle;
  outstanding: number;
}

/** Create a pool. No worker starts until the first run. */
export function createSweepPool(options: SweepPoolOptions): SweepPool {
  const size = Math.max(1, Math.floor(options.size));
  const startWorker = options.startWorker ?? startModuleWorker;
  const depth = Math.max(1, options.depth ?? 2);
  let slots: Slot[] = [];
  let runId = 0;
  let current: { id: number; grid: SweepGrid; handlers: SweepHandlers; order: number[]; next: number; completed: number; total: number } | null = null;

  function terminateAll(): void {
    for (const slot of slots) slot.handle.terminate();
    slots = [];
  }

  function finish(end: SweepEnd): void {
    const run = current;
    if (run === null) return;
    current = null;
    if (end.status !== 'done') terminateAll();
    for (const slot of slots) slot.outstanding = 0;
    run.handlers.onEnd(end);
  }

  function dispatch(): void {
    const run = current;
    if (run === null) return;
    const ny = run.grid.yValues.length;
    for (const slot of slots) {
      while (slot.outstanding < depth && run.next < run.total) {
        const index = run.order[run.next++] ?? 0;
        const x = run.grid.xValues[Math.floor(index / ny)] ?? NaN;
        const y = run.grid.yValues[index % ny] ?? NaN;
        slot.outstanding++;
        slot.handle.post({ runId: run.id, base: run.grid.base, xPath: run.grid.xPath, yPath: run.grid.yPath, cells: [{ index, x, y }] });
      }
    }
  }

  function ensureWorkers(): void {
    while (slots.length < size) {
      const slot: Slot = { handle: undefined as unknown as SweepWorkerHandle, outstanding: 0 };
      slot.handle = startWorker(
        (answer) => {
          const run = current;
          // Answers of a cancelled or earlier run, or from a worker already let go, are ignored.
          if (run === null || answer.runId !== run.id || !slots.includes(slot)) return;
          slot.outstanding = Math.max(0, slot.outstanding - 1);
          run.completed++;
          run.handlers.onCell(answer.index, 'figures' in answer ? { figures: answer.figures, ms: answer.ms } : { error: answer.error, ms: answer.ms });
          if (current !== run) return; // onCell may cancel
          if (run.completed >= run.total) finish({ status: 'done' });
          else dispatch();
        },
        (message) => {
          if (!slots.includes(slot)) return;
          if (current !== null) finish({ status: 'failed', message });
          else terminateAll();
        },
      );
      slots.push(slot);
    }
  }

  return {
    size,
    run(grid, handlers) {
      if (current !== null) finish({ status: 'cancelled' });
      const id = ++runId;
      const total = grid.xValues.length * grid.yValues.length;
      current = { id, grid, handlers, order: fillOrder(grid.xValues.length, grid.yValues.length), next: 0, completed: 0, total };
      if (total === 0) {
        finish({ status: 'done' });
      } else {
        ensureWorkers();
        dispatch();
      }
      return {
        cancel() {
          if (current?.id === id) finish({ status: 'cancelled' });
        },
      };
    },
    dispose() {
      if (current !== null) finish({ status: 'cancelled' });
      terminateAll();
    },
  };
}
