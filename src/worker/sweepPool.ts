/**
 * The phase map's pool: one worker client per logical core, each running whole cells. It hands out cells as workers
 * free up, reports each result as it arrives, and cancels by terminating the workers (a running cell cannot be
 * interrupted otherwise). A worker that crashes or stops answering is restarted by its client; the cell it was
 * running is run once more, and reported as failed if it is lost again.
 */
import { estimateAttempts, type Scenario } from '../sim/format';
import type { FaultKind } from './fault';
import type { CellFigures } from './sweepCell';
import { cellScenario, type SweepAnswer, type SweepRequest } from './sweepProtocol';
import { createWorkerClient, messageChannel, SimWorkerError, type WorkerClient, type WorkerLike } from './workerClient';

/** The grid to run: cell `index` = xi × yValues.length + yi (x-major, as `sim sweep` prints it). */
export interface SweepGrid {
  base: unknown;
  xPath: string;
  yPath: string;
  xValues: readonly number[];
  yValues: readonly number[];
}

/**
 * A finished cell: its figures, why its scenario is invalid (`error`), or why no worker could run it (`failed`: lost
 * twice to a crash or a hang); `ms`, its wall time in the worker.
 */
export type CellOutcome = ({ figures: CellFigures } | { error: string } | { failed: string }) & { ms: number };
export type SweepEnd = { status: 'done' } | { status: 'cancelled' } | { status: 'failed'; message: string };

export interface SweepHandlers {
  onCell(index: number, outcome: CellOutcome): void;
  onEnd(end: SweepEnd): void;
  /** A worker was restarted under the run (crashed or stuck): what happened, and the cells sent again. */
  onRestart?(message: string): void;
}

export interface SweepRun {
  /** Stop now: workers are terminated, results still on their way are ignored, `onEnd` says cancelled. */
  cancel(): void;
}

export interface SweepPool {
  readonly size: number;
  /** Start a grid; a run already going is cancelled first. */
  run(grid: SweepGrid, handlers: SweepHandlers): SweepRun;
  /** Start a list of scenarios (cell `index` = `raws[index]`, handed out in order), as `run` does a grid. */
  runList(raws: readonly unknown[], handlers: SweepHandlers): SweepRun;
  /** Terminate every worker (a later run starts new ones). */
  dispose(): void;
  /** Test builds only: make the first worker throw or hang (after the cells it holds), with this call's own watchdog. */
  fault(kind: FaultKind, timeoutMs?: number): Promise<void>;
}

export interface SweepPoolOptions {
  size: number;
  /** Injected by tests; by default a module worker running `sweep.worker.ts`. */
  startWorker?: () => WorkerLike;
  /** Cells sent ahead to each worker, so it never waits for the page between cells. */
  depth?: number;
  /** How long a cell may go unanswered before its worker counts as stuck; by default from the cell's work. */
  cellTimeoutMs?: (raw: unknown) => number;
}

/** Workers for a pool on this machine: one per logical core, at least 1 and at most 16. */
export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  const n = hardwareConcurrency !== undefined && Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency) : 2;
  return Math.max(1, Math.min(16, n));
}

/** Fixed allowance for a cell, and per attempt it may make: ~25 times the engine's slowest measured cost per attempt. */
const CELL_BASE_MS = 20_000;
const CELL_PER_ATTEMPT_MS = 0.05;

/** The watchdog of a cell: scaled by the attempts its scenario may make, so a long run is not taken for a hang. */
export function cellTimeoutMs(raw: unknown): number {
  let attempts = 0;
  try {
    attempts = estimateAttempts(raw as Scenario).attempts;
  } catch {
    // A cell too malformed to estimate is refused by the worker at once.
  }
  return CELL_BASE_MS + (Number.isFinite(attempts) && attempts > 0 ? attempts * CELL_PER_ATTEMPT_MS : 0);
}

function startModuleWorker(): WorkerLike {
  // Kept literal so Vite bundles the worker and the engine as a separate chunk.
  return new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'sweep' });
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

type Send = (message: SweepRequest | { fault: FaultKind }) => Promise<SweepAnswer | { fault: FaultKind }>;

interface Slot {
  client: WorkerClient<Send>;
  /** Cells sent and not yet answered, oldest first: the oldest is the one the worker is running. */
  running: number[];
  /** The cell the worker was running when it was last stopped under its calls. */
  lost: number | null;
}

interface Run {
  id: number;
  rawOf: (index: number) => unknown;
  handlers: SweepHandlers;
  order: number[];
  next: number;
  /** Cells lost with a restarted worker, to send again before the rest. */
  again: number[];
  /** Cells already run once more after their worker was lost. */
  retried: Set<number>;
  completed: number;
  total: number;
}

/** Create a pool. No worker starts until the first run. */
export function createSweepPool(options: SweepPoolOptions): SweepPool {
  const size = Math.max(1, Math.floor(options.size));
  const startWorker = options.startWorker ?? startModuleWorker;
  const depth = Math.max(1, options.depth ?? 2);
  const timeoutOf = options.cellTimeoutMs ?? cellTimeoutMs;
  const slots: Slot[] = [];
  let runId = 0;
  let current: Run | null = null;

  function newSlot(): Slot {
    const client = createWorkerClient<Send>({
      label: 'phase-map worker',
      start: startWorker,
      connect: (worker) => messageChannel(worker),
      timeoutMs: CELL_BASE_MS,
      concurrency: depth,
    });
    const slot: Slot = { client, running: [], lost: null };
    client.onRestart((error) => {
      slot.lost = slot.running[0] ?? null;
      current?.handlers.onRestart?.(`${error.message} It was restarted and its cells are run again.`);
    });
    return slot;
  }

  function ensureSlots(): void {
    while (slots.length < size) slots.push(newSlot());
  }

  function terminateAll(): void {
    for (const slot of slots) {
      slot.running = [];
      slot.client.terminate();
    }
  }

  function finish(end: SweepEnd): void {
    const run = current;
    if (run === null) return;
    current = null;
    if (end.status !== 'done') terminateAll();
    run.handlers.onEnd(end);
  }

  function settle(run: Run, index: number, outcome: CellOutcome): void {
    run.completed++;
    run.handlers.onCell(index, outcome);
    if (current !== run) return; // onCell may cancel
    if (run.completed >= run.total) finish({ status: 'done' });
    else dispatch();
  }

  function send(run: Run, slot: Slot, index: number): void {
    const raw = run.rawOf(index);
    slot.running.push(index);
    slot.client.call((post) => post({ index, raw }), { timeoutMs: timeoutOf(raw) }).then(
      (answer) => {
        if (current !== run) return;
        slot.running = slot.running.filter((i) => i !== index);
        const a = answer as SweepAnswer;
        settle(run, index, 'figures' in a ? { figures: a.figures, ms: a.ms } : { error: a.error, ms: a.ms });
      },
      (error: unknown) => {
        if (current !== run) return;
        slot.running = slot.running.filter((i) => i !== index);
        if (!(error instanceof SimWorkerError) || error.failure === 'terminated' || error.failure === 'cancelled') return;
        // Only the cell the worker was running can have stopped it; the others queued behind it are sent again freely.
        const culprit = slot.lost === index;
        if (culprit && run.retried.has(index)) {
          // Lost twice before any cell ended: the workers cannot run at all (a script that fails to load, say).
          if (run.completed === 0) finish({ status: 'failed', message: error.message });
          else settle(run, index, { failed: error.message, ms: 0 });
          return;
        }
        if (culprit) run.retried.add(index);
        run.again.push(index);
        dispatch();
      },
    );
  }

  function dispatch(): void {
    const run = current;
    if (run === null) return;
    for (const slot of slots) {
      while (slot.running.length < depth) {
        const index = run.again.shift() ?? (run.next < run.total ? run.order[run.next++] : undefined);
        if (index === undefined) return;
        send(run, slot, index);
        if (current !== run) return;
      }
    }
  }

  function start(rawOf: (index: number) => unknown, order: number[], handlers: SweepHandlers): SweepRun {
    if (current !== null) finish({ status: 'cancelled' });
    const id = ++runId;
    const total = order.length;
    current = { id, rawOf, handlers, order, next: 0, again: [], retried: new Set(), completed: 0, total };
    if (total === 0) {
      finish({ status: 'done' });
    } else {
      ensureSlots();
      dispatch();
    }
    return {
      cancel() {
        if (current?.id === id) finish({ status: 'cancelled' });
      },
    };
  }

  return {
    size,
    run(grid, handlers) {
      const ny = grid.yValues.length;
      const rawOf = (index: number): unknown =>
        cellScenario(grid.base, grid.xPath, grid.xValues[Math.floor(index / ny)] ?? NaN, grid.yPath, grid.yValues[index % ny] ?? NaN);
      return start(rawOf, fillOrder(grid.xValues.length, ny), handlers);
    },
    runList(raws, handlers) {
      return start((index) => raws[index], raws.map((_, i) => i), handlers);
    },
    dispose() {
      if (current !== null) finish({ status: 'cancelled' });
      terminateAll();
    },
    async fault(kind, timeoutMs) {
      ensureSlots();
      await slots[0]!.client.call((post) => post({ fault: kind }), { timeoutMs });
    },
  };
}
