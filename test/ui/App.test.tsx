// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createLabStore, type LabStore } from '../../src/state/index';
import { App } from '../../src/ui/index';
import { mountApp, unmountAfterEachTest } from '../support/mountApp';
import type { RestartEvent, SimRunner } from '../../src/worker/index';
import { until } from '../support/waiting';
import { inProcessRunner } from '../worker/inProcessRunner';

unmountAfterEachTest();

const noFrames = () => () => {};

function render(store: LabStore): HTMLElement {
  return mountApp(<App />, { stores: { lab: store } });
}

const settle = (condition: () => boolean): Promise<void> => until(condition, (wait) => act(wait));

/** Move a range input under the pointer: React reads it from the native value setter and an `input` event. */
function moveTo(input: HTMLInputElement, value: number) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the input as `this`
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Let go of a range input: the browser's `change` event, on which a slider commits its value. */
function release(input: HTMLInputElement) {
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
}

/** Drag a range input the way a browser does: `input` at each value it passes, `change` once when released. */
function drag(input: HTMLInputElement, values: number[]) {
  for (const value of values) moveTo(input, value);
  release(input);
}

/** Move a range input by one step (a key press or a click on the track): `input`, then `change`. */
function slide(input: HTMLInputElement, value: number) {
  drag(input, [value]);
}

describe('App', () => {
  it('opens on the retry storm with sliders that show and announce their values with units', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    const load = page.querySelector<HTMLInputElement>('input[data-path="load.rate"]')!;
    expect(load.getAttribute('aria-valuetext')).toBe('280 req/s');
    expect(page.querySelector('input[type="range"][data-path="client.timeout"]')?.getAttribute('aria-valuetext')).toBe('1 s');
    expect(page.querySelector('input[data-path="server.service.mean"]')?.getAttribute('aria-valuetext')).toBe('100 ms');
    expect(page.querySelector<HTMLInputElement>('input[name="retry-policy"][value="immediate"]')?.checked).toBe(true);
    expect(page.querySelector('[data-kind]')?.textContent).toMatch(/Healthy|Starting/);
    expect(page.querySelectorAll('figure.chart').length).toBe(5);
  });

  it('moving a slider mid-run records an action and the slider follows the change', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    store.getState().pause();
    await act(() => store.getState().stepOnce());
    const load = page.querySelector<HTMLInputElement>('input[data-path="load.rate"]')!;
    slide(load, 400);
    await settle(() => store.getState().recorded?.actions.length === 1);
    expect(store.getState().recorded?.actions[0]).toEqual({ at: 1, set: { 'load.rate': 400 } });
    expect(load.getAttribute('aria-valuetext')).toBe('400 req/s');
  });

  it('the theme button is a toggle: named for what it switches, pressed while dark, its state shown on it', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    const button = page.querySelector<HTMLButtonElement>('button.theme-switch')!;
    const name = () => [...button.childNodes].filter((n) => !(n instanceof Element && n.getAttribute('aria-hidden') === 'true')).map((n) => n.textContent).join('').trim();
    expect(name()).toBe('Dark theme');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.querySelector('[aria-hidden="true"]')?.textContent).toBe('Off');
    act(() => button.click());
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(name()).toBe('Dark theme');
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.querySelector('[aria-hidden="true"]')?.textContent).toBe('On');
  });

  it('a slider drag is one change: it shows the values it passes and records the last one when released', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    store.getState().pause();
    await act(() => store.getState().stepOnce());
    const load = page.querySelector<HTMLInputElement>('input[data-path="load.rate"]')!;
    const values = [270, 250, 230, 210, 200];
    for (const value of values) {
      moveTo(load, value);
      expect(load.getAttribute('aria-valuetext')).toBe(`${value} req/s`);
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().recorded?.actions).toEqual([]);
    release(load);
    await settle(() => store.getState().recorded?.actions.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().recorded?.actions).toEqual([{ at: 1, set: { 'load.rate': 200 } }]);
    expect(load.getAttribute('aria-valuetext')).toBe('200 req/s');
  });

  it('choosing "None" as retry policy turns retries off', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    store.getState().pause();
    act(() => page.querySelector<HTMLInputElement>('input[name="retry-policy"][value="none"]')!.click());
    await settle(() => store.getState().effective?.client.retry.maxRetries === 0);
    expect(store.getState().recorded?.actions.at(-1)?.set).toEqual({ 'client.retry.maxRetries': 0 });
  });

  it('always shows the cache hit-rate slider; the cache chart once a cache is on, which the box or the slider turns on', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    store.getState().pause();
    const slider = () => page.querySelector<HTMLInputElement>('input[type="range"][data-path="cache.hitRate"]');
    expect(page.querySelector('[data-chart="cache"]')).toBeNull();
    expect(slider()?.getAttribute('aria-valuetext')).toBe('no cache');
    act(() => page.querySelector<HTMLInputElement>('input[type="checkbox"][data-path="cache"]')!.click());
    await settle(() => store.getState().effective?.cache != null);
    expect(page.querySelector('[data-chart="cache"]')).not.toBeNull();
    expect(slider()?.getAttribute('aria-valuetext')).toBe('90%');
    act(() => page.querySelector<HTMLInputElement>('input[type="checkbox"][data-path="cache"]')!.click());
    await settle(() => store.getState().effective?.cache === null);
    expect(slider()?.getAttribute('aria-valuetext')).toBe('no cache');
    // Moving the slider above zero and letting go puts a cache in at that hit rate.
    slide(slider()!, 0.4);
    await settle(() => store.getState().effective?.cache?.hitRate === 0.4);
    expect(slider()?.getAttribute('aria-valuetext')).toBe('40%');
  });

  it('offers a cache flush only while a cache is on, and says why not otherwise', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    store.getState().pause();
    const option = () => page.querySelector<HTMLOptionElement>('.triggers option[value="cache-flush"]')!;
    const kind = page.querySelector<HTMLSelectElement>('.triggers select')!;
    const inject = () => [...page.querySelectorAll<HTMLButtonElement>('.triggers button')].find((b) => b.textContent === 'Inject now')!;
    expect(option().disabled).toBe(true);
    expect(option().textContent).toBe('Cache flush (no cache in this scenario)');
    const cacheToggle = page.querySelector<HTMLInputElement>('input[type="checkbox"][data-path="cache"]')!;
    act(() => cacheToggle.click());
    await settle(() => store.getState().effective?.cache != null);
    expect(option().disabled).toBe(false);
    expect(option().textContent).toBe('Cache flush');
    act(() => {
      kind.value = 'cache-flush';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(inject().disabled).toBe(false);
    act(() => cacheToggle.click());
    await settle(() => store.getState().effective?.cache === null);
    expect(inject().disabled).toBe(true);
    expect(page.querySelector('.triggers .field-error')?.textContent).toBe('Kind: a cache flush needs a cache, and this scenario has none now: turn the cache on under Controls, or pick another kind.');
  });

  it('a scenario without a timeout or a slot limit says so, and the toggles bring the sliders back', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init('tail-at-scale'));
    store.getState().pause();
    const toggle = (path: string) => page.querySelector<HTMLInputElement>(`input[type="checkbox"][data-path="${path}"]`)!;
    const slider = (path: string) => page.querySelector(`input[type="range"][data-path="${path}"]`);
    expect(toggle('client.timeout').checked).toBe(false);
    expect(toggle('server.concurrency').checked).toBe(false);
    expect(slider('client.timeout')).toBeNull();
    expect(slider('server.concurrency')).toBeNull();
    act(() => toggle('server.concurrency').click());
    await settle(() => store.getState().effective?.server.concurrency === 30);
    expect(slider('server.concurrency')?.getAttribute('aria-valuetext')).toBe('30 slots');
  });

  it('a trigger the engine refuses shows its message and the page keeps working', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    store.getState().pause();
    await act(() => store.getState().injectNow({ kind: 'spike', duration: 5, factor: 500 }));
    expect(page.querySelector('[role="alert"]')?.textContent).toMatch(/factor.*got 500/);
    await act(() => store.getState().stepOnce());
    expect(store.getState().nowS).toBe(1);
  });

  it('Space plays and pauses, "." steps, unless focus is in a control', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    const key = (k: string, target: EventTarget = document.body) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })));
    expect(store.getState().playing).toBe(true);
    key(' ');
    expect(store.getState().playing).toBe(false);
    key('.');
    await settle(() => store.getState().nowS === 1);
    key(' ', page.querySelector('input[data-path="load.rate"]')!);
    expect(store.getState().playing).toBe(false);
    key(' ');
    expect(store.getState().playing).toBe(true);
  });

  it('"i" injects the Triggers panel’s choice, "n" opens the next preset, "?" lists the keys; on a button only Space and Enter are the button’s', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    const key = (k: string, target: EventTarget = document.body) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })));
    const share = [...page.querySelectorAll('button')].find((b) => b.textContent === 'Share…')!;
    key(' ', share);
    expect(store.getState().playing).toBe(true);
    key('i', share);
    await settle(() => store.getState().recorded?.triggers.length === 2);
    expect(store.getState().recorded?.triggers[1]).toMatchObject({ kind: 'spike', factor: 2, duration: 10 });
    key('n');
    await settle(() => store.getState().presetId === 'retry-storm-low-load');
    key('?');
    await settle(() => document.querySelector('dialog[open]') !== null);
    expect(document.querySelector('dialog[open] h2')?.textContent).toBe('Keyboard shortcuts');
    expect(document.querySelectorAll('dialog[open] tbody tr').length).toBe(7);
    // While a dialog is open the page's keys do nothing.
    key(' ');
    expect(store.getState().playing).toBe(true);
  });

  it('scheduling at a time that is not a number says so and schedules nothing', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    store.getState().pause();
    const field = page.querySelector<HTMLInputElement>('.schedule input')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
    act(() => {
      setter.set!.call(field, 'soon');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const button = [...page.querySelectorAll('button')].find((b) => b.textContent === 'Schedule')!;
    act(() => button.click());
    expect(page.querySelector('.triggers [role="alert"]')?.textContent).toBe('Or at t: got "soon", expected a number of seconds from 0 on');
    expect(store.getState().recorded?.triggers).toHaveLength(1);
  });

  it('says so when the worker was restarted', async () => {
    let restart: (e: RestartEvent) => void = () => {};
    const inner = inProcessRunner();
    const runner: SimRunner = { ...inner, onRestart: (l) => ((restart = l), () => {}) };
    const store = createLabStore(runner, { scheduler: noFrames });
    const page = render(store);
    await act(() => store.getState().init());
    const info = await inner.start(store.getState().recorded);
    act(() => restart({ message: 'The simulation worker crashed: boom. It was restarted with the last good scenario.', info, abandoned: null }));
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('The simulation worker crashed: boom. It was restarted');
  });
});
