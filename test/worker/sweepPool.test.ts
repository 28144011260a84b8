import { describe, expect, it } from 'vitest';
import { NO_COSTS } from '../support/costs';
import { axisValues, findPreset, runCell, sweepCells, type Verdict } from '../../src/sim/index';
import { createSweepPool, defaultPoolSize, fillOrder, type CellFigures, type CellOutcome, type SweepEnd, type SweepGrid } from '../../src/worker/index';
import { runSweepCell } from '../../src/worker/sweepCell';
import { fakeSweepWorkers, react } from './fakeSweepWorkers';

/** A cheap stand-in for a run: the verdict encodes the cell's values, so a result at the wrong index shows. */
function echo(raw: unknown): CellFigures {
  const s = raw as { load: { rate: number }; client: { timeout: number } };
  if (s.load.rate < 0) throw new Error('load.rate: got -1, expected a number from 0 to 1000000');
  return { verdict: 'stable', recoveryTime: s.load.rate * 1000 + s.client.timeout, goodput: 0, offered: 0, p99: null, amplification: null, badTime: 0, stopped: null, costs: NO_COSTS };
}

const grid: SweepGrid = { base: { load: { rate: 0 }, client: { timeout: 0 } }, xPath: 'load.rate', yPath: 'client.timeout', xValues: [1, 2, 3], yValues: [10, 20, 30, 40] };

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition not reached');
}

function collect() {
  const cells = new Map<number, CellOutcome>();
  const ends: SweepEnd[] = [];
  return { cells, ends, handlers: { onCell: (i: number, o: CellOutcome) => void cells.set(i, o), onEnd: (e: SweepEnd) => void ends.push(e) } };
}

describe('sweep pool scheduling', () => {
  it('runs every cell once, x-major, on all workers with at most `depth` cells each in flight, then ends done', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 2, startWorker: fake.start, depth: 2 });
    const out = collect();
    pool.run(grid, out.handlers);
    expect(fake.workers).toHaveLength(2);
    for (const w of fake.workers) expect(w.inbox).toHaveLength(2);
    // One answer frees one place: the pool sends that worker exactly one more cell.
    fake.workers[0]!.answerOne();
    await react();
    expect(fake.workers[0]!.inbox).toHaveLength(2);
    expect(await fake.answerAll()).toBe(11);
    expect(out.ends).toEqual([{ status: 'done' }]);
    expect(out.cells.size).toBe(12);
    grid.xValues.forEach((x, xi) =>
      grid.yValues.forEach((y, yi) => {
        const o = out.cells.get(xi * 4 + yi);
        expect(o && 'figures' in o ? o.figures.recoveryTime : null).toBe(x * 1000 + y);
      }),
    );
  });

  it('keeps its workers between runs and hands out cells as workers free up', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 3, startWorker: fake.start, depth: 1 });
    for (let round = 0; round < 2; round++) {
      const out = collect();
      pool.run(grid, out.handlers);
      // Only worker 0 answers: the others hold their one cell, and worker 0 takes all the rest.
      while (fake.workers[0]!.answerOne()) await react();
      expect(out.cells.size).toBe(12 - 2);
      await fake.answerAll();
      expect(out.ends).toEqual([{ status: 'done' }]);
    }
    expect(fake.workers).toHaveLength(3);
  });

  it('cancel terminates the workers, ignores answers still on their way and ends once as cancelled; the next run starts fresh workers', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 2, startWorker: fake.start });
    const out = collect();
    const run = pool.run(grid, out.handlers);
    fake.workers[0]!.answerOne();
    await react();
    const held = fake.workers[1]!.inbox[0]!;
    run.cancel();
    run.cancel();
    expect(out.ends).toEqual([{ status: 'cancelled' }]);
    expect(fake.workers.every((w) => w.terminated)).toBe(true);
    fake.workers[1]!.deliver({ index: held.index, figures: echo({ load: { rate: 9 }, client: { timeout: 9 } }), ms: 10 });
    await react();
    expect(out.cells.size).toBe(1);
    expect(await fake.answerAll()).toBe(0);

    const again = collect();
    pool.run(grid, again.handlers);
    await react();
    expect(fake.workers).toHaveLength(4);
    // A late answer of the cancelled run reaches the new run's handlers neither.
    fake.workers[1]!.deliver({ index: 0, figures: echo({ load: { rate: 9 }, client: { timeout: 9 } }), ms: 10 });
    await react();
    expect(again.cells.size).toBe(0);
    await fake.answerAll();
    expect(again.cells.size).toBe(12);
    expect(again.ends).toEqual([{ status: 'done' }]);
  });

  it('a new run cancels the one going', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 2, startWorker: fake.start });
    const first = collect();
    pool.run(grid, first.handlers);
    const second = collect();
    pool.run(grid, second.handlers);
    expect(first.ends).toEqual([{ status: 'cancelled' }]);
    expect(fake.workers.slice(0, 2).every((w) => w.terminated)).toBe(true);
    await fake.answerAll();
    expect(second.ends).toEqual([{ status: 'done' }]);
    expect(first.cells.size).toBe(0);
  });

  it('a worker that crashes is restarted and its cells run again on the new one; the map still ends done', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 2, startWorker: fake.start });
    const out = collect();
    const restarts: string[] = [];
    pool.run(grid, { ...out.handlers, onRestart: (m) => restarts.push(m) });
    fake.workers[1]!.answerOne();
    await react();
    fake.workers[1]!.crash('out of memory');
    await react();
    expect(restarts).toEqual(['The phase-map worker crashed: out of memory. It was restarted and its cells are run again.']);
    expect(fake.workers[1]!.terminated).toBe(true);
    await fake.answerAll();
    expect(out.ends).toEqual([{ status: 'done' }]);
    expect([...out.cells.values()].every((o) => 'figures' in o)).toBe(true);
    expect(out.cells.size).toBe(12);
  });

  it('a cell whose worker stops answering is caught by the watchdog and run again once on a new worker', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 2, startWorker: fake.start, cellTimeoutMs: () => 30 });
    const out = collect();
    const restarts: string[] = [];
    fake.hangOn(5, 1);
    pool.run(grid, { ...out.handlers, onRestart: (m) => restarts.push(m) });
    await fake.answerAll();
    // Every cell but the stuck one (and any queued behind it) has ended; the watchdog has not fired yet.
    expect(out.cells.has(5)).toBe(false);
    await until(() => restarts.length > 0);
    expect(restarts[0]).toBe('The phase-map worker did not answer within 0.03 s. It was restarted and its cells are run again.');
    await fake.answerAll();
    expect(out.ends).toEqual([{ status: 'done' }]);
    expect(out.cells.get(5)).toEqual({ figures: echo({ load: { rate: 2 }, client: { timeout: 20 } }), ms: 10 });
    expect(fake.workers.filter((w) => w.terminated)).toHaveLength(1);
  });

  it('a cell that hangs its worker twice is reported as failed, and the rest of the map still runs', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 1, startWorker: fake.start, cellTimeoutMs: () => 30 });
    const out = collect();
    fake.hangOn(5, 2);
    pool.run(grid, out.handlers);
    while (out.ends.length === 0) {
      await fake.answerAll();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(out.ends).toEqual([{ status: 'done' }]);
    expect(out.cells.get(5)).toEqual({ failed: 'The phase-map worker did not answer within 0.03 s.', ms: 0 });
    const others = [...out.cells].filter(([i]) => i !== 5);
    expect(others).toHaveLength(11);
    expect(others.every(([, o]) => 'figures' in o)).toBe(true);
    expect(fake.workers.filter((w) => w.terminated)).toHaveLength(2);
  });

  it('workers that crash before any cell ends fail the run with the message', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 1, startWorker: fake.start, depth: 1 });
    const out = collect();
    pool.run(grid, out.handlers);
    for (let i = 0; i < 10 && out.ends.length === 0; i++) {
      fake.workers[fake.workers.length - 1]!.crash('SyntaxError: bad script');
      await react();
    }
    expect(out.ends).toEqual([{ status: 'failed', message: 'The phase-map worker crashed: SyntaxError: bad script.' }]);
  });

  it('reports an invalid cell as an error at its index', async () => {
    const fake = fakeSweepWorkers(echo);
    const pool = createSweepPool({ size: 1, startWorker: fake.start });
    const out = collect();
    pool.run({ ...grid, xValues: [-1] }, out.handlers);
    await fake.answerAll();
    expect(out.cells.get(2)).toEqual({ error: 'load.rate: got -1, expected a number from 0 to 1000000', ms: 10 });
    expect(out.ends).toEqual([{ status: 'done' }]);
  });

  it('hands cells out coarse to fine: every 8th row and column first, and every cell exactly once', () => {
    for (const [nx, ny] of [[24, 24], [6, 6], [1, 1], [3, 17]] as const) {
      const order = fillOrder(nx, ny);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: nx * ny }, (_, i) => i));
    }
    const order = fillOrder(24, 24);
    // The first pass: the 3 × 3 cells at rows and columns 0, 8 and 16, x-major.
    expect(order.slice(0, 9)).toEqual([0, 8, 16, 8 * 24, 8 * 24 + 8, 8 * 24 + 16, 16 * 24, 16 * 24 + 8, 16 * 24 + 16]);
    // After a quarter of the cells, every second row and column has been run.
    const early = new Set(order.slice(0, 144));
    for (let xi = 0; xi < 24; xi += 2) for (let yi = 0; yi < 24; yi += 2) expect(early.has(xi * 24 + yi)).toBe(true);
  });

  it('sizes the pool to the logical cores, from 1 to 16', () => {
    expect(defaultPoolSize(2)).toBe(2);
    expect(defaultPoolSize(undefined)).toBe(2);
    expect(defaultPoolSize(0)).toBe(1);
    expect(defaultPoolSize(64)).toBe(16);
  });
});

describe('phase-map cells agree with the CLI', () => {
  it('every cell of a retry-storm grid run through the pool has the verdict and recovery time of runCell (sim sweep)', async () => {
    const base = { ...findPreset('retry-storm')!.scenario, duration: 200 };
    const x = { path: 'load.rate', values: axisValues(100, 280, 4) };
    const y = { path: 'triggers.0.duration', values: axisValues(2, 30, 3) };
    const fake = fakeSweepWorkers(runSweepCell);
    const pool = createSweepPool({ size: 2, startWorker: fake.start });
    const out = collect();
    pool.run({ base, xPath: x.path, yPath: y.path, xValues: x.values, yValues: y.values }, out.handlers);
    await fake.answerAll();
    expect(out.ends).toEqual([{ status: 'done' }]);
    const verdicts = new Set<Verdict>();
    sweepCells(base, x, y).forEach((cell, i) => {
      const expected = runCell(cell.raw);
      const got = out.cells.get(i);
      expect(got !== undefined && 'figures' in got, `cell ${i}`).toBe(true);
      const figures = (got as { figures: CellFigures }).figures;
      expect({ verdict: figures.verdict, recoveryTime: figures.recoveryTime }, `cell ${cell.x}, ${cell.y}`).toEqual(expected);
      verdicts.add(expected.verdict);
    });
    // The grid spans the threshold, so agreement is checked on more than one verdict.
    expect(verdicts.size).toBeGreaterThan(1);
  }, 60_000);
});
