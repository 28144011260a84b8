// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario, parseScenario, runScenario } from '../../src/sim/index';
import { createRunStore, type RunStore } from '../../src/state/index';
import { App, RunStoreProvider } from '../../src/ui/index';
import type { SimRunner } from '../../src/worker/index';
import { inProcessRunner } from '../worker/inProcessRunner';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | undefined;
let container: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

function render(store: RunStore): HTMLElement {
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  act(() =>
    root!.render(
      <RunStoreProvider store={store}>
        <App />
      </RunStoreProvider>,
    ),
  );
  return container;
}

const text = (el: ParentNode, selector: string) => el.querySelector(selector)?.textContent ?? null;
const runButton = (el: ParentNode) => [...el.querySelectorAll('button')].find((b) => b.textContent === 'Run');

describe('App', () => {
  it('shows the run’s verdict and figures with units once the run is done', async () => {
    const store = createRunStore(inProcessRunner());
    const page = render(store);
    expect(text(page, '[role="status"]')).toBe('Not run yet.');

    await act(() => store.getState().run());

    const expected = runScenario(parseScenario(defaultScenario()).scenario).summary;
    expect(text(page, '[data-figure="verdict"]')).toBe(expected.verdict.replace(/^./, (c) => c.toUpperCase()));
    expect(text(page, '[data-figure="offered"]')).toBe(`${expected.rates.offered.toFixed(1)} req/s`);
    expect(text(page, '[data-figure="goodput"]')).toBe(`${expected.rates.goodput.toFixed(1)} req/s`);
    expect(text(page, '[data-figure="p99"]')).toMatch(/^\d+(\.\d+)? (ms|s)$/);
    expect(text(page, '#scenario-heading + dl')).toContain(`${defaultScenario().load.rate.toFixed(1)} req/s, open loop`);
  });

  it('the Run button runs the scenario and is disabled while it runs', async () => {
    let release: () => void = () => {};
    const inner = inProcessRunner();
    const runner: SimRunner = {
      defaultScenario: () => inner.defaultScenario(),
      run: (input) => new Promise<void>((r) => (release = r)).then(() => inner.run(input)),
    };
    const store = createRunStore(runner);
    const page = render(store);

    await act(() => Promise.resolve(runButton(page)?.click()));
    expect(runButton(page)?.disabled).toBe(true);
    expect(text(page, '[role="status"]')).toBe('Running the simulation…');

    await act(async () => {
      release();
      while (store.getState().status === 'running') await new Promise((r) => setTimeout(r, 1));
    });
    expect(store.getState().status).toBe('done');
    expect(runButton(page)?.disabled).toBe(false);
    expect(page.querySelector('[data-figure="verdict"]')).not.toBeNull();
  });

  it('shows why a run failed', async () => {
    const runner: SimRunner = {
      defaultScenario: () => Promise.resolve(defaultScenario()),
      run: () => Promise.reject(new Error('server.concurrency: 0 is below the minimum 1')),
    };
    const store = createRunStore(runner);
    const page = render(store);
    await act(() => store.getState().run());
    expect(text(page, '[role="status"]')).toBe('The run failed: server.concurrency: 0 is below the minimum 1');
  });
});
