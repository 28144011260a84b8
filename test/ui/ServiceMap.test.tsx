// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createLabStore, type LabStore } from '../../src/state/index';
import { App } from '../../src/ui/index';
import { mountApp, unmountAfterEachTest } from '../support/mountApp';
import { inProcessRunner } from '../worker/inProcessRunner';

unmountAfterEachTest();

const noFrames = () => () => {};

const GRAPH = {
  duration: 120,
  load: { rate: 40 },
  client: { retry: { maxRetries: 2 } },
  graph: {
    services: [
      { name: 'front', concurrency: 20, calls: [{ to: 'back', count: 3, timeout: 0.5, retry: { maxRetries: 1 } }, { to: 'cache' }] },
      { name: 'back', replicas: 3, balancer: 'power-of-two', concurrency: 10 },
      { name: 'cache', replicas: 2, concurrency: null },
    ],
  },
};

async function openGraph(): Promise<{ store: LabStore; page: HTMLElement }> {
  const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
  const page = mountApp(<App />, { stores: { lab: store } });
  await act(() => store.getState().init());
  await act(async () => void (await store.getState().openScenario(GRAPH, { play: false })));
  return { store, page };
}

/** Move a range input by one step, as a key press does: `input`, then the `change` on which a slider commits. */
function slide(input: HTMLInputElement, value: number) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the input as `this`
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
}

const nodeOf = (page: HTMLElement, name: string) => page.querySelector<HTMLButtonElement>(`.service-node[data-service="${name}"]`)!;
const figureOf = (page: HTMLElement, name: string, metric: string) => nodeOf(page, name).querySelector(`[data-metric="${metric}"]`)!;

describe('ServiceMap', () => {
  it('shows every service with its replicas, the calls as labelled arrows, and each node’s figures of the last closed bin', async () => {
    const { store, page } = await openGraph();
    expect(page.querySelectorAll('.service-node')).toHaveLength(3);
    expect(nodeOf(page, 'back').querySelectorAll('.replica-square')).toHaveLength(3);
    expect(nodeOf(page, 'back').textContent).toContain('3 replicas');
    expect([...page.querySelectorAll('.service-map-edge text')].map((t) => t.textContent)).toEqual(['×1, 2 retries', '×3, 1 retry', '×1']);
    expect(figureOf(page, 'back', 'arrivals').textContent).toContain('—');
    for (let i = 0; i < 3; i++) await act(() => store.getState().stepOnce());
    const buffer = store.getState().serviceSeries;
    expect(buffer.length).toBe(3);
    const back = buffer.indexOf('back');
    // The node shows what the buffer holds for its last bin; the back end gets three calls per call of the front.
    const arrivals = buffer.at(2, back, 'arrivals');
    expect(Number(figureOf(page, 'back', 'arrivals').getAttribute('data-value'))).toBe(arrivals);
    expect(arrivals).toBeGreaterThan(2.5 * buffer.at(2, buffer.indexOf('front'), 'arrivals'));
    expect(figureOf(page, 'back', 'arrivals').textContent).toBe(`calls in ${arrivals.toFixed(0)}/s;`);
    // An unbounded service has no utilisation to show.
    expect(figureOf(page, 'cache', 'utilisation').getAttribute('data-value')).toBe('');
  });

  it('a node is a button that opens the service’s charts, and again closes them', async () => {
    const { store, page } = await openGraph();
    for (let i = 0; i < 2; i++) await act(() => store.getState().stepOnce());
    expect(page.querySelector('.service-charts')).toBeNull();
    act(() => nodeOf(page, 'back').click());
    expect(store.getState().selectedService).toBe('back');
    expect(nodeOf(page, 'back').getAttribute('aria-pressed')).toBe('true');
    const charts = page.querySelector('.service-charts')!;
    expect(charts.getAttribute('data-service')).toBe('back');
    expect([...charts.querySelectorAll('figure.chart')].map((f) => f.getAttribute('data-chart'))).toEqual(['serviceLoad', 'serviceQueue', 'serviceWork', 'serviceLatency', 'serviceAmplification']);
    act(() => nodeOf(page, 'back').click());
    expect(page.querySelector('.service-charts')).toBeNull();
  });

  it('a picked service’s controls change its parameters and its calls’ policy as actions; the one-server controls are gone', async () => {
    const { store, page } = await openGraph();
    await act(() => store.getState().stepOnce());
    expect(page.querySelector('[data-path="server.concurrency"]')).toBeNull();
    expect(page.querySelector('[data-path="cache"]')).toBeNull();
    expect(page.querySelector('[data-path="client.retry.maxRetries"]')).not.toBeNull();
    act(() => nodeOf(page, 'front').click());
    const controls = page.querySelector('.service-charts .service-controls')!;
    const slots = controls.querySelector<HTMLInputElement>('input[type="range"][data-path="graph.services.0.concurrency"]')!;
    expect(slots.getAttribute('aria-valuetext')).toBe('20 slots');
    slide(slots, 50);
    const retries = controls.querySelector<HTMLInputElement>('input[type="range"][data-path="graph.services.0.calls.0.retry.maxRetries"]')!;
    expect(retries.getAttribute('aria-valuetext')).toBe('1 retry');
    slide(retries, 3);
    await act(() => store.getState().stepOnce());
    const sets = store.getState().recorded!.actions.map((a) => a.set);
    expect(sets).toEqual([{ 'graph.services.0.concurrency': 50, 'graph.services.0.calls.0.retry.maxRetries': 3 }]);
    expect(store.getState().effective?.graph?.services[0]?.calls[0]?.retry.maxRetries).toBe(3);
    // The arrow's label follows the policy in force.
    expect([...page.querySelectorAll('.service-map-edge text')].map((t) => t.textContent)[1]).toBe('×3, 3 retries');
    expect([...controls.querySelectorAll('legend')].map((l) => l.textContent)).toEqual(['Calls to back', 'Calls to cache']);
  });

  it('the trigger panel injects an error fault on a chosen service and replica, and a one-server run has no map', async () => {
    const { store, page } = await openGraph();
    await act(() => store.getState().stepOnce());
    const kind = page.querySelector<HTMLSelectElement>('.triggers select')!;
    act(() => {
      kind.value = 'errors';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const [service, replica] = [...page.querySelectorAll<HTMLSelectElement>('.triggers select')].slice(1);
    expect([...service!.options].map((o) => o.value)).toEqual(['front', 'back', 'cache']);
    act(() => {
      service!.value = 'back';
      service!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect([...replica!.options].map((o) => o.value)).toEqual(['all', '0', '1', '2']);
    act(() => {
      replica!.value = '1';
      replica!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const inject = [...page.querySelectorAll('button')].find((b) => b.textContent === 'Inject now')!;
    act(() => inject.click());
    await act(() => store.getState().stepOnce());
    expect(store.getState().recorded?.triggers.at(-1)).toMatchObject({ kind: 'errors', service: 'back', replica: 1 });
    expect(page.querySelector('.trigger-list')?.textContent).toContain('on back, replica 1');
    // The replica under the fault is marked on the map, in colour and in words.
    expect(nodeOf(page, 'back').getAttribute('data-marks')).toBe('- errors -');
    expect(nodeOf(page, 'back').querySelectorAll('.replica-errors')).toHaveLength(1);
    expect(nodeOf(page, 'back').textContent).toContain('3 replicas: replica 1 failing calls');
    expect(nodeOf(page, 'front').getAttribute('data-marks')).toBe('-');

    await act(async () => void (await store.getState().loadPreset('retry-storm')));
    expect(page.querySelector('.service-map')).toBeNull();
    expect(store.getState().serviceSeries.services).toEqual([]);
  });
});
