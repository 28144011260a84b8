import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/createApp';
import { parseScenario, runScenario } from '../../src/sim/index';
import { AUTOSAVE_KEY, DEFAULT_PRESET, linkOf, startAutosave } from '../../src/state/index';
import { createSimBridge, createStudyClient } from '../../src/worker/index';
import { manualScheduler, until } from '../support/waiting';
import { simWorkers, studyWorkers, type Hangs } from '../worker/fakeWorkers';
import { FANOUT_INPUT as input } from '../worker/fanoutInput';

// Every kind of worker the page runs, made through the composition root with workers that stop answering: the
// watchdog catches the hang, the worker is restarted and the view goes on. Watchdogs are seconds long, far beyond
// what the calls here take, so a slow machine is not taken for a hang.
const WATCHDOG_MS = 2_000;

describe('a worker that stops answering is restarted by its watchdog and the view recovers', () => {
  it('the lab: a hung step restarts the worker with the last good scenario and the run goes on', async () => {
    const hangs: Hangs = new Map();
    const sims = simWorkers(hangs);
    const clock = manualScheduler();
    const app = createApp({ workers: { lab: createSimBridge({ timeoutMs: WATCHDOG_MS, startWorker: sims.start }) }, lab: { scheduler: clock.scheduler } });
    const lab = app.lab;
    await lab.getState().init();
    expect(lab.getState().playing).toBe(true);
    let t = 0;
    const tick = async () => {
      await until(() => clock.pending);
      clock.tick((t += 250));
    };
    for (let i = 0; i < 4; i++) await tick();
    await until(() => lab.getState().nowS > 0);
    hangs.set('step', 1);
    await tick();
    await until(() => lab.getState().notice?.tone === 'warning');
    expect(lab.getState().notice?.text).toBe(`The simulation worker did not answer within ${WATCHDOG_MS / 1000} s. It was restarted with the last good scenario.`);
    expect(sims.started).toHaveLength(2);
    expect(sims.started[0]!.terminated).toBe(true);
    // The run starts again from t = 0 in the new worker, and plays on.
    for (let i = 0; i < 4; i++) await tick();
    await until(() => lab.getState().nowS > 5);
    expect(lab.getState().playing).toBe(true);
    app.dispose();
  }, 60_000);


  it('the lab: a run the worker hangs on twice is not restarted again; the default preset opens, and the autosave keeps it', async () => {
    const hangs: Hangs = new Map();
    const sims = simWorkers(hangs);
    const clock = manualScheduler();
    const app = createApp({ workers: { lab: createSimBridge({ timeoutMs: WATCHDOG_MS, startWorker: sims.start }) }, lab: { scheduler: clock.scheduler } });
    const lab = app.lab;
    await lab.getState().init();
    const saved = new Map<string, string>();
    const autosave = startAutosave(lab, () => ({ getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) }), { delayMs: 0 });
    const hung = { version: 1, name: 'Stuck', duration: 50, load: { rate: 20 } };
    expect(await lab.getState().openScenario(hung)).toBe(true);
    await until(() => saved.size > 0);
    expect(saved.get(AUTOSAVE_KEY)).toBe(linkOf(lab.getState()));
    // Every step of it hangs, in the first worker and in the one restarted with it.
    hangs.set('step', 2);
    let t = 0;
    const tick = async () => {
      await until(() => clock.pending);
      clock.tick((t += 250));
    };
    const notices: string[] = [];
    lab.subscribe((state, prev) => void (state.notice !== prev.notice && state.notice !== null && notices.push(state.notice.text)));
    // Frames until the first hang is caught and the run restarted; its first step hangs again.
    while (notices.length === 0) await tick();
    await until(() => lab.getState().notice?.tone === 'error' && lab.getState().presetId === DEFAULT_PRESET);
    expect(notices[0]).toBe(`The simulation worker did not answer within ${WATCHDOG_MS / 1000} s. It was restarted with the last good scenario.`);
    expect(lab.getState().notice?.text).toBe(
      `The simulation worker did not answer within ${WATCHDOG_MS / 1000} s. That happened twice running the scenario "Stuck", so it was not started again. The default preset was opened instead.`,
    );
    expect(sims.started).toHaveLength(3);
    // The autosave holds the preset now, so a reload does not reopen the hung run.
    await until(() => saved.get(AUTOSAVE_KEY) === '#preset=' + DEFAULT_PRESET);
    // And the preset runs on in the third worker.
    for (let i = 0; i < 4; i++) await tick();
    await until(() => lab.getState().nowS > 0);
    autosave.stop();
    app.dispose();
  }, 60_000);

  it('the fan-out study: a hung point restarts the worker and the study runs again, to the end', async () => {
    const studies = studyWorkers(new Map([['point 2', 1]]));
    const app = createApp({ workers: { study: createStudyClient({ timeoutMs: WATCHDOG_MS, startWorker: studies.start }) } });
    const study = app.study;
    study.getState().run(parseScenario(input).scenario, [1, 2, 3], [1, 2, 3]);
    await until(() => study.getState().notice !== null);
    expect(study.getState().notice).toBe(`The fan-out study worker did not answer within ${WATCHDOG_MS / 1000} s. It was restarted and the study is run again.`);
    await until(() => study.getState().progress?.pending.length === 0);
    expect(study.getState().progress?.points.map((p) => p.n)).toEqual([1, 2, 3]);
    expect(study.getState().progress?.error).toBeNull();
    expect(studies.started).toHaveLength(2);
    expect(studies.started[0]!.terminated).toBe(true);
    app.dispose();
  }, 60_000);

  it('the fan-out study: a point that hangs the worker again is reported, with the points before it kept', async () => {
    const studies = studyWorkers(new Map([['point 2', 2]]));
    const app = createApp({ workers: { study: createStudyClient({ timeoutMs: WATCHDOG_MS, startWorker: studies.start }) } });
    const study = app.study;
    study.getState().run(parseScenario(input).scenario, [1, 2, 3], [1, 2, 3]);
    await until(() => study.getState().progress?.error != null);
    expect(study.getState().progress?.error).toBe(`The fan-out study worker did not answer within ${WATCHDOG_MS / 1000} s.`);
    expect(study.getState().progress?.points.map((p) => p.n)).toEqual([1]);
    app.dispose();
  }, 60_000);

  it('the compare view: a side whose step hangs is restarted and replayed to the shared time; both sides end as whole runs do', async () => {
    const hangs: Hangs = new Map();
    const right = simWorkers(hangs);
    const clock = manualScheduler();
    const app = createApp({
      workers: {
        compare: [
          createSimBridge({ timeoutMs: WATCHDOG_MS, startWorker: simWorkers().start }),
          createSimBridge({ timeoutMs: WATCHDOG_MS, startWorker: right.start }),
        ],
      },
      compare: { scheduler: clock.scheduler },
    });
    const compare = app.compare;
    compare.getState().choose({ leftSource: { kind: 'preset', id: 'retry-storm' }, rightSource: { kind: 'preset', id: 'retry-storm' } });
    expect(await compare.getState().start(null)).toBe(true);
    compare.getState().setSpeed(100);
    compare.getState().play();
    let t = 0;
    let outOfStep = 0;
    const bothDone = () => compare.getState().left.done && compare.getState().right.done;
    while (!bothDone()) {
      await until(() => clock.pending || bothDone());
      if (compare.getState().nowS >= 100 && right.started.length === 1 && !hangs.has('step')) hangs.set('step', 1);
      clock.tick((t += 250));
      await until(() => clock.pending || bothDone());
      // Only the tick whose step was lost leaves the restarted side behind; the next one replays it to the shared time.
      if (compare.getState().left.nowS !== compare.getState().right.nowS) outOfStep++;
    }
    expect(right.started).toHaveLength(2);
    expect(outOfStep).toBe(1);
    const done = compare.getState();
    expect(done.status).toBe('ready');
    expect(done.message).toBe(`The simulation worker did not answer within ${WATCHDOG_MS / 1000} s. It was restarted with the last good scenario.`);
    for (const side of [done.left, done.right]) {
      const whole = runScenario(side.recorded!);
      expect(side.summary).toEqual(whole.summary);
      const goodput = Array.from(side.series.values('goodput').subarray(0, side.series.length), (v) => (Number.isNaN(v) ? null : v));
      expect(goodput).toEqual(whole.series.goodput);
    }
    app.dispose();
  }, 120_000);

  it('the compare view: a side whose worker hangs twice is given up; the comparison stops, saying so, and starts no more workers', async () => {
    const hangs: Hangs = new Map();
    const right = simWorkers(hangs);
    const clock = manualScheduler();
    const app = createApp({
      workers: {
        compare: [
          createSimBridge({ timeoutMs: WATCHDOG_MS, startWorker: simWorkers().start }),
          createSimBridge({ timeoutMs: WATCHDOG_MS, startWorker: right.start }),
        ],
      },
      compare: { scheduler: clock.scheduler },
    });
    const compare = app.compare;
    compare.getState().choose({ leftSource: { kind: 'preset', id: 'retry-storm' }, rightSource: { kind: 'preset', id: 'retry-storm' } });
    expect(await compare.getState().start(null)).toBe(true);
    compare.getState().setSpeed(100);
    compare.getState().play();
    hangs.set('step', 2);
    let t = 0;
    while (compare.getState().status === 'ready') {
      await until(() => clock.pending || compare.getState().status !== 'ready');
      if (clock.pending) clock.tick((t += 250));
    }
    expect(compare.getState()).toMatchObject({ status: 'failed', playing: false });
    expect(compare.getState().message).toBe(
      `The simulation worker did not answer within ${WATCHDOG_MS / 1000} s. That happened twice running the scenario "Retry storm", so it was not started again.`,
    );
    expect(right.started).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(right.started).toHaveLength(2);
    app.dispose();
  }, 60_000);
});
