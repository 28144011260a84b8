import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/createApp';
import { createSimBridge, createStudyClient, createSweepPool } from '../../src/worker/index';
import { manualScheduler, until } from '../support/waiting';
import { fakeSweepWorkers } from '../worker/fakeSweepWorkers';
import { simWorkers, studyWorkers } from '../worker/fakeWorkers';
import { runSweepCell } from '../../src/worker/sweepCell';

/** The page's app over in-process workers, counting the workers each kind has started. */
function app() {
  const lab = simWorkers();
  const left = simWorkers();
  const right = simWorkers();
  const study = studyWorkers();
  const cells = fakeSweepWorkers(runSweepCell);
  const made = createApp({
    workers: {
      lab: createSimBridge({ startWorker: lab.start }),
      compare: [createSimBridge({ startWorker: left.start }), createSimBridge({ startWorker: right.start })],
      pool: createSweepPool({ size: 2, startWorker: cells.start }),
      study: createStudyClient({ startWorker: study.start }),
    },
    lab: { scheduler: manualScheduler().scheduler },
    compare: { scheduler: manualScheduler().scheduler },
    phase: { scheduler: (flush) => flush() },
  });
  const started = () => ({ lab: lab.started.length, compare: left.started.length + right.started.length, study: study.started.length, pool: cells.workers.length });
  return { app: made, started, cells };
}

describe('createApp', () => {
  it('starts no worker until a view needs one: the lab’s with the lab, the pool’s with the first map', async () => {
    const { app: page, started } = app();
    expect(started()).toEqual({ lab: 0, compare: 0, study: 0, pool: 0 });
    await page.lab.getState().init();
    expect(started()).toEqual({ lab: 1, compare: 0, study: 0, pool: 0 });
    page.phase.getState().ensureAxes(page.lab.getState().recorded!);
    page.phase.getState().setAxis('x', { from: 100, to: 200, steps: 2 });
    page.phase.getState().setAxis('y', { from: 10, to: 20, steps: 2 });
    expect(page.commands.runPhaseMap()).toBe(true);
    expect(started()).toEqual({ lab: 1, compare: 0, study: 0, pool: 2 });
    expect(page.lab.getState().playing).toBe(false);
    page.dispose();
  });

  it('opens a phase-map cell in the lab, as its own run, and switches to the lab', async () => {
    const { app: page, cells } = app();
    await page.lab.getState().init();
    page.lab.getState().setTab('phase');
    page.phase.getState().ensureAxes(page.lab.getState().recorded!);
    page.phase.getState().setAxis('x', { from: 100, to: 200, steps: 2 });
    page.phase.getState().setAxis('y', { from: 10, to: 20, steps: 2 });
    page.phase.getState().setRunLength(60);
    page.commands.runPhaseMap();
    await cells.answerAll();
    await until(() => page.phase.getState().status === 'done');
    const raw = page.phase.getState().cellRaw(3) as { load: { rate: number } };
    expect(await page.commands.openCellInLab(3)).toBe(true);
    expect(page.lab.getState()).toMatchObject({ tab: 'lab', presetId: null, playing: true });
    expect(page.lab.getState().recorded?.load.rate).toBe(raw.load.rate);
    expect(page.lab.getState().recorded?.duration).toBe(60);
    page.dispose();
  });

  it('opens a trade-off: the lab’s scenario against itself with one cure, in the compare view, with the lab paused', async () => {
    const { app: page, started } = app();
    await page.lab.getState().init();
    expect(await page.commands.openTradeoff('circuit-breaker')).toBe(true);
    const compare = page.compare.getState();
    expect(page.lab.getState()).toMatchObject({ tab: 'compare', playing: false });
    expect(compare).toMatchObject({ status: 'ready', playing: true, rightChange: 'circuit-breaker' });
    expect(compare.left.title).toBe('Retry storm (the lab’s scenario)');
    expect(compare.right.title).toBe('Retry storm (the lab’s scenario) + circuit breaker');
    expect(compare.right.recorded?.client.breaker).not.toBeNull();
    expect(compare.left.recorded?.seed).toBe(compare.right.recorded?.seed);
    expect(started().compare).toBe(2);
    page.dispose();
  });
});
