// @vitest-environment jsdom
import { act } from 'react';
import { NO_COSTS } from '../support/costs';
import { describe, expect, it } from 'vitest';
import { createLabStore, createPhaseStore, type LabStore, type PhaseStore } from '../../src/state/index';
import { App } from '../../src/ui/index';
import { mountApp, unmountAfterEachTest } from '../support/mountApp';
import { createSweepPool, type CellFigures } from '../../src/worker/index';
import { fakeSweepWorkers, react } from '../worker/fakeSweepWorkers';
import { until } from '../support/waiting';
import { inProcessRunner } from '../worker/inProcessRunner';

unmountAfterEachTest();

const settle = (condition: () => boolean): Promise<void> => until(condition, (wait) => act(wait));

function figures(raw: unknown): CellFigures {
  const rate = (raw as { load: { rate: number } }).load.rate;
  return { verdict: rate > 200 ? 'metastable' : 'recovered', recoveryTime: rate > 200 ? null : 12, goodput: 50, offered: rate, p99: 0.2, amplification: 1.1, badTime: 4, stopped: null, costs: NO_COSTS };
}

function setInput(input: HTMLInputElement, value: string) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the input as `this`
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function byLabel(root: HTMLElement, text: string): HTMLInputElement {
  const label = [...root.querySelectorAll('label')].find((l) => l.querySelector('span')?.textContent === text);
  if (label === undefined) throw new Error(`no field labelled ${text}`);
  return label.querySelector('input, select') as HTMLInputElement;
}

describe('PhaseMapView', () => {
  it('runs the map on the pool, shows progress and the cells’ verdicts, and a cell opens in the lab', async () => {
    const lab: LabStore = createLabStore(inProcessRunner(), { scheduler: () => () => {} });
    await lab.getState().init();
    lab.getState().setTab('phase');
    const fake = fakeSweepWorkers(figures);
    const phase: PhaseStore = createPhaseStore(createSweepPool({ size: 2, startWorker: fake.start }), { scheduler: (f) => f() });
    const el = mountApp(<App />, { stores: { lab, phase } });
    await settle(() => el.querySelector('.phase-form') !== null && byLabel(el, 'X steps').value === '24');
    act(() => {
      setInput(byLabel(el, 'X from'), '98');
      setInput(byLabel(el, 'X to'), '300');
      setInput(byLabel(el, 'X steps'), '3');
      setInput(byLabel(el, 'Y from'), '10');
      setInput(byLabel(el, 'Y to'), '30');
      setInput(byLabel(el, 'Y steps'), '2');
    });
    // Before it runs, each axis says which values it will take: round steps inside the range typed.
    expect([...el.querySelectorAll('.phase-axis .axis-plan')].map((p) => p.textContent)).toEqual([
      'Runs 100 to 300 by 100: 3 values (sim sweep: load.rate=100:300:3).',
      'Runs 10 to 30 by 20: 2 values (sim sweep: triggers.0.duration=10:30:2).',
    ]);
    const runButton = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Run map')!;
    act(() => runButton.click());
    const bar = el.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuetext')).toBe('0 of 6 cells (0%)');
    expect(lab.getState().playing).toBe(false);
    await act(async () => {
      fake.workers[0]!.answerOne();
      await react();
    });
    expect(bar.getAttribute('aria-valuenow')).toBe('17');
    await act(async () => void (await fake.answerAll()));
    expect(bar.getAttribute('aria-valuetext')).toBe('6 of 6 cells (100%)');
    expect(el.querySelector('.phase-status')?.getAttribute('data-status')).toBe('done');
    // The readout speaks the focused cell: the first, at the lowest load and shortest outage.
    expect(el.querySelector('#phase-readout')?.textContent).toBe(
      'Load 100 requests/s, trigger duration 10 s: recovered after 12 s; goodput 50.0/s of 100.0/s offered; p99 200 ms; amplification 1.10×; bad for 4 s',
    );
    const plot = el.querySelector<HTMLElement>('.phase-plot')!;
    act(() => {
      plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    });
    expect(el.querySelector('#phase-readout')?.getAttribute('data-index')).toBe('5');
    expect(el.querySelector('#phase-readout')?.textContent).toMatch(/^Load 300 requests\/s, trigger duration 30 s: metastable/);
    // Opening a run is asynchronous (the runner validates and starts it): wait inside act for the lab to show it.
    await act(async () => {
      plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      for (let i = 0; i < 2000 && lab.getState().tab !== 'lab'; i++) await new Promise((r) => setTimeout(r, 1));
    });
    expect(lab.getState().tab).toBe('lab');
    expect(lab.getState().recorded?.load.rate).toBe(300);
    expect(lab.getState().recorded?.triggers[0]).toMatchObject({ kind: 'outage', duration: 30 });
    expect(lab.getState().presetId).toBeNull();
    lab.getState().dispose();
  });
});
