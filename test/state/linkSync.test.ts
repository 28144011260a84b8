// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../src/links/index';
import { findPreset, parseScenario } from '../../src/sim/index';
import { createLabStore, linkOf, startLinkSync, type LabStore } from '../../src/state/index';
import { inProcessRunner } from '../worker/inProcessRunner';
import { FakeWindow } from './fakeLocation';
import { until } from '../support/waiting';

const noFrames = () => () => {};
const QUIET_MS = 60;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

async function lab(hash = ''): Promise<{ store: LabStore; win: FakeWindow; opens: () => number }> {
  const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
  await store.getState().init();
  store.getState().pause();
  // Count the runs link sync starts.
  const openScenario = store.getState().openScenario;
  let opens = 0;
  store.setState({
    openScenario: (...args) => {
      opens++;
      return openScenario(...args);
    },
  });
  const win = new FakeWindow(hash);
  stops.push(startLinkSync(store, win, { quietMs: QUIET_MS }));
  return { store, win, opens: () => opens };
}

describe('startLinkSync', () => {
  it('writes the running scenario to the hash at start, replacing the entry (no new history)', async () => {
    const { win } = await lab();
    expect(win.entries).toEqual(['#preset=retry-storm']);
    expect(win.pushes).toBe(0);
  });

  it('a trigger injected live pushes one entry whose link replays it; the link decodes to the recorded scenario', async () => {
    const { store, win } = await lab();
    await store.getState().stepOnce();
    await store.getState().injectNow({ kind: 'spike', duration: 5, factor: 3 });
    expect(win.pushes).toBe(1);
    expect(win.location.hash).toMatch(/^#v1=/);
    const opened = decodeLink(win.location.hash);
    expect(opened.ok && opened.state.scenario).toEqual(store.getState().recorded);
  });

  it('a slider drag (several changes in quick succession) makes one history entry; the next change after a pause makes another', async () => {
    const { store, win } = await lab();
    await store.getState().stepOnce();
    for (const rate of [250, 230, 210, 190]) {
      store.getState().change({ 'load.rate': rate });
      await until(() => store.getState().recorded?.actions.at(-1)?.set['load.rate'] === rate);
    }
    expect(win.pushes).toBe(1);
    expect(win.replaces).toBeGreaterThanOrEqual(3 + 1); // the start, then every move after the first
    expect(win.entries).toHaveLength(2);
    const last = decodeLink(win.location.hash);
    expect(last.ok && last.state.scenario.actions.map((a) => a.set['load.rate'])).toEqual([250, 230, 210, 190]);
    await sleep(QUIET_MS * 3);
    store.getState().change({ 'client.retry.maxRetries': 0 });
    await until(() => store.getState().recorded?.actions.length === 5);
    expect(win.pushes).toBe(2);
  });

  it('speed changes replace the entry; tab changes push one', async () => {
    const { store, win } = await lab();
    store.getState().setSpeed(50);
    expect(win.location.hash).toBe('#preset=retry-storm&speed=50');
    expect(win.pushes).toBe(0);
    store.getState().setTab('presets');
    expect(win.location.hash).toBe('#preset=retry-storm&tab=presets&speed=50');
    expect(win.pushes).toBe(1);
  });

  it('back and forward reopen the scenario of each entry, without writing new history', async () => {
    const { store, win, opens } = await lab();
    await store.getState().stepOnce();
    await store.getState().injectNow({ kind: 'outage', duration: 2 });
    const withOutage = store.getState().recorded;
    expect(withOutage?.triggers).toHaveLength(2);
    await sleep(QUIET_MS * 3);
    store.getState().setTab('presets');
    expect(win.entries).toHaveLength(3);

    win.back(); // to the outage entry: the tab goes back to the lab; the run is the same, so it is not restarted
    await until(() => store.getState().tab === 'lab');
    expect(store.getState().recorded).toBe(withOutage);
    expect(opens()).toBe(0);

    win.back(); // to the start: the preset without the injected outage (popstate and hashchange: one restart)
    await until(() => store.getState().recorded?.triggers.length === 1);
    await sleep(20);
    expect(opens()).toBe(1);
    expect(store.getState().presetId).toBe('retry-storm');
    expect(win.pushes).toBe(2);
    expect(win.index).toBe(0);
    expect(win.location.hash).toBe('#preset=retry-storm');

    win.forward();
    await until(() => store.getState().recorded?.triggers.length === 2);
    expect(store.getState().recorded?.triggers).toEqual(withOutage?.triggers);
    expect(win.pushes).toBe(2);
    await sleep(20);
    expect(opens()).toBe(2);
  });

  it('ignores hash events for the hash it wrote itself', async () => {
    const { store, win, opens } = await lab();
    store.getState().setSpeed(50);
    const before = store.getState().recorded;
    win.navigate(win.location.hash); // the same hash again
    await sleep(20);
    expect(store.getState().recorded).toBe(before);
    expect(store.getState().speed).toBe(50);
    expect(store.getState().notice).toBeNull();
    expect(opens()).toBe(0);
  });

  it('opens a link the user brings (another preset with a seed) and keeps the hash in its normal form', async () => {
    const { store, win } = await lab();
    win.navigate('#preset=mm1&seed=7&speed=max');
    await until(() => store.getState().presetId === 'mm1');
    expect(store.getState().recorded?.seed).toBe(7);
    expect(store.getState().speed).toBe(Infinity);
    expect(win.location.hash).toBe('#preset=mm1&seed=7&speed=max');
  });

  it('a link with a speed the menu does not have opens at the default speed and says so', async () => {
    const { store, win } = await lab();
    win.navigate('#preset=mm1&speed=7');
    await until(() => store.getState().presetId === 'mm1');
    await until(() => store.getState().notice !== null);
    expect(store.getState().speed).toBe(10);
    expect(store.getState().notice?.text).toContain('speed: got "7", expected one of 1, 2, 5, 10, 20, 50 or "max" (the speeds the lab offers); ignored');
    expect(win.location.hash).toBe('#preset=mm1');
  });

  it('a link with a playhead opens there, and the address then holds the run’s link', async () => {
    const { store, win } = await lab();
    win.navigate('#preset=mm1&t=30');
    await until(() => store.getState().presetId === 'mm1');
    expect(store.getState().nowS).toBe(30);
    expect(win.location.hash).toBe('#preset=mm1');
  });

  it('a bad hash keeps the current run, says which field is wrong, and puts the running link back in the address', async () => {
    const { store, win } = await lab();
    await store.getState().stepOnce();
    const before = store.getState().recorded;
    const good = win.location.hash;
    win.navigate('#preset=mm1&seed=-1');
    await until(() => store.getState().notice !== null);
    expect(store.getState().notice?.tone).toBe('error');
    expect(store.getState().notice?.text).toContain('seed: got -1, expected an integer from 0 to 4294967295');
    expect(store.getState().notice?.text).toContain('Your current scenario is kept.');
    expect(store.getState().recorded).toBe(before);
    expect(store.getState().nowS).toBe(1);
    expect(win.location.hash).toBe(good);

    win.navigate('#v1=N4IgbgpgTgzglgewHYgFwEYA0IYQgEzSxCQE'); // truncated
    await until(() => /damaged or truncated/.test(store.getState().notice?.text ?? ''));
    expect(store.getState().recorded).toBe(before);
  });

  it('a scenario the worker refuses (the write-conflict model) keeps the current run too', async () => {
    const { store, win } = await lab();
    const before = store.getState().recorded;
    const scenario = parseScenario({ model: 'write-conflict' }).scenario;
    win.navigate(encodeLink({ scenario }));
    await until(() => store.getState().notice !== null);
    expect(store.getState().notice?.text).toMatch(/command line only/);
    expect(store.getState().recorded).toBe(before);
    expect(win.location.hash).toBe(linkOf(store.getState()));
  });

  it('a link with fields this version does not know opens with a notice naming them', async () => {
    const { store, win } = await lab();
    const raw = { ...(findPreset('mm1')!.scenario as object), futureField: 1 };
    const { compressToEncodedURIComponent } = await import('lz-string');
    win.navigate(`#v1=${compressToEncodedURIComponent(JSON.stringify(raw))}&panel=x`);
    await until(() => store.getState().notice !== null);
    expect(store.getState().notice).toMatchObject({ tone: 'warning' });
    expect(store.getState().notice?.text).toContain('futureField: unknown field dropped');
    expect(store.getState().notice?.text).toContain('link parameter "panel": unknown, dropped');
  });

  it('hands a link that asks for embed mode to onEmbedLink (the page reloads into it) instead of opening it', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    await store.getState().init();
    const win = new FakeWindow();
    let reloads = 0;
    stops.push(startLinkSync(store, win, { onEmbedLink: () => reloads++ }));
    win.navigate('#preset=mm1&embed=1');
    await sleep(20);
    expect(reloads).toBe(1);
    expect(store.getState().presetId).toBe('retry-storm');
  });

  it('stops listening and writing when stopped', async () => {
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    await store.getState().init();
    const win = new FakeWindow();
    const stop = startLinkSync(store, win);
    expect(win.listenerCount()).toBe(2);
    stop();
    expect(win.listenerCount()).toBe(0);
    store.getState().setTab('presets');
    expect(win.location.hash).toBe('#preset=retry-storm');
  });
});

describe('startLinkSync, history entries', () => {
  it('opening a preset from the gallery and switching to the lab is one entry: back returns to the gallery', async () => {
    const { store, win } = await lab();
    store.getState().setTab('presets');
    await sleep(QUIET_MS * 3);
    await store.getState().loadPreset('mm1');
    store.getState().setTab('lab');
    expect(win.entries).toEqual(['#preset=retry-storm', '#preset=retry-storm&tab=presets', '#preset=mm1']);
    win.back();
    await until(() => store.getState().tab === 'presets' && store.getState().presetId === 'retry-storm');
  });

  it('distinct actions in quick succession (a tab, then a preset) each get their entry; only live changes merge', async () => {
    const { store, win } = await lab();
    store.getState().setTab('presets');
    store.getState().setTab('lab');
    await store.getState().loadPreset('mm1');
    await sleep(QUIET_MS * 3);
    store.getState().change({ 'load.rate': 5 });
    await until(() => store.getState().recorded?.actions.length === 1);
    store.getState().change({ 'load.rate': 6 });
    await until(() => store.getState().recorded?.actions.length === 2);
    await store.getState().injectNow({ kind: 'outage', duration: 1 });
    expect(win.entries.map((h) => h.replace(/#v1=.*/, '#v1'))).toEqual(['#preset=retry-storm', '#preset=retry-storm&tab=presets', '#preset=retry-storm', '#preset=mm1', '#v1', '#v1']);
  });
});

describe('startLinkSync on jsdom’s own window (real history and hash events)', () => {
  it('writes, pushes, follows an edited hash and the back button', async () => {
    window.history.replaceState(null, '', '#');
    const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
    await store.getState().init();
    store.getState().pause();
    stops.push(startLinkSync(store, window, { quietMs: QUIET_MS }));
    expect(window.location.hash).toBe('#preset=retry-storm');
    const length = window.history.length;

    await store.getState().stepOnce();
    await store.getState().injectNow({ kind: 'spike', duration: 5, factor: 2 });
    expect(window.history.length).toBe(length + 1);
    expect(window.location.hash).toMatch(/^#v1=/);

    window.location.hash = '#preset=mm1&seed=-1';
    await until(() => store.getState().notice?.tone === 'error');
    expect(store.getState().recorded?.triggers).toHaveLength(2);
    await until(() => window.location.hash.startsWith('#v1='));

    window.location.hash = '#preset=mm1';
    await until(() => store.getState().presetId === 'mm1');
    window.history.back();
    await until(() => store.getState().presetId === null && store.getState().recorded?.triggers.length === 2);
  });
});
