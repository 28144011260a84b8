import { afterEach, describe, expect, it } from 'vitest';
import { encodeLink } from '../../src/links/index';
import { findPreset, parseScenario } from '../../src/sim/index';
import { AUTOSAVE_KEY, createLabStore, planStart, readAutosave, startAutosave, type LabStore, type StorageSource } from '../../src/state/index';
import { inProcessRunner } from '../worker/inProcessRunner';
import { until } from '../support/waiting';

const noFrames = () => () => {};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function memoryStorage(): { source: StorageSource; data: Map<string, string>; writes: () => number } {
  const data = new Map<string, string>();
  let writes = 0;
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes++;
      data.set(k, v);
    },
  };
  return { source: () => storage, data, writes: () => writes };
}

let stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

async function started(): Promise<LabStore> {
  const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
  await store.getState().init();
  store.getState().pause();
  return store;
}

const mm1 = (seed: number) => encodeLink({ scenario: { ...parseScenario(findPreset('mm1')!.scenario).scenario, seed } });

describe('autosave', () => {
  it('saves the link of the run after a quiet moment, once for a burst of changes, live actions included', async () => {
    const store = await started();
    const mem = memoryStorage();
    const saver = startAutosave(store, mem.source, { delayMs: 40 });
    stops.push(saver.stop);
    await store.getState().stepOnce();
    for (const rate of [200, 180, 160]) {
      store.getState().change({ 'load.rate': rate });
      await until(() => store.getState().recorded?.actions.at(-1)?.set['load.rate'] === rate);
    }
    expect(mem.writes()).toBe(0);
    await sleep(120);
    expect(mem.writes()).toBe(1);
    const plan = planStart('', mem.data.get(AUTOSAVE_KEY) ?? null);
    expect(plan.source).toBe('autosave');
    expect(plan.opening?.scenario).toEqual(store.getState().recorded);
  });

  it('flush saves at once (page hide); nothing is written again when nothing changed', async () => {
    const store = await started();
    const mem = memoryStorage();
    const saver = startAutosave(store, mem.source, { delayMs: 10_000 });
    stops.push(saver.stop);
    store.getState().setSpeed(50);
    saver.flush();
    expect(mem.data.get(AUTOSAVE_KEY)).toBe('#preset=retry-storm&speed=50');
    saver.flush();
    expect(mem.writes()).toBe(1);
  });

  it('keeps running when storage is full, forbidden, or its getter throws', async () => {
    const store = await started();
    const full: StorageSource = () => ({
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    });
    const forbidden: StorageSource = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    for (const source of [full, forbidden]) {
      expect(readAutosave(source)).toBeNull();
      const saver = startAutosave(store, source, { delayMs: 1 });
      stops.push(saver.stop);
      store.getState().setSpeed(store.getState().speed === 20 ? 50 : 20);
      expect(() => saver.flush()).not.toThrow();
    }
  });

  it('does not read a stored value longer than a link may be', () => {
    const mem = memoryStorage();
    mem.data.set(AUTOSAVE_KEY, `#v1=${'A'.repeat(70_000)}`);
    expect(readAutosave(mem.source)).toBeNull();
  });
});

describe('planStart', () => {
  it('a valid link wins over the autosaved scenario', () => {
    const plan = planStart('#preset=mm1&seed=3&tab=presets', mm1(9));
    expect(plan.source).toBe('link');
    expect(plan.opening).toMatchObject({ presetId: 'mm1', play: true, scenario: { seed: 3 } });
    expect(plan.view).toEqual({ tab: 'presets' });
    expect(plan.notice).toBeNull();
  });

  it('a bad link falls back to the autosave, then to the default, with a message naming the field', () => {
    const withSave = planStart('#preset=mm1&seed=1.5', mm1(9));
    expect(withSave.source).toBe('autosave');
    expect(withSave.opening).toMatchObject({ presetId: 'mm1', scenario: { seed: 9 } });
    expect(withSave.notice?.tone).toBe('error');
    expect(withSave.notice?.text).toMatch(/seed: got 1\.5, expected an integer/);
    expect(withSave.notice?.text).toMatch(/opened your last scenario instead/);

    const without = planStart('#v2=abc', null);
    expect(without.source).toBe('default');
    expect(without.opening).toBeNull();
    expect(without.notice?.text).toMatch(/link format "v2".*opened the default scenario instead/s);
  });

  it('a speed the lab’s menu does not have is ignored with a notice naming it and the speeds offered', () => {
    const plan = planStart('#preset=mm1&speed=7', null);
    expect(plan.view).toEqual({});
    expect(plan.notice).toEqual({
      tone: 'warning',
      text: 'This link opened with changes:\n• speed: got "7", expected one of 1, 2, 5, 10, 20, 50 or "max" (the speeds the lab offers); ignored',
    });
    expect(planStart('#preset=mm1&speed=20', null)).toMatchObject({ view: { speed: 20 }, notice: null });
    expect(planStart('#preset=mm1&speed=max', null)).toMatchObject({ view: { speed: Infinity }, notice: null });
  });

  it('a damaged autosave is ignored; no hash and no autosave open the default quietly', () => {
    expect(planStart('', '#v1=garbage')).toMatchObject({ source: 'default', opening: null, notice: null });
    expect(planStart('#', null)).toMatchObject({ source: 'default', notice: null });
  });

  it('a link’s playhead opens the run there', () => {
    expect(planStart('#preset=mm1&t=120', null).opening?.atS).toBe(120);
    expect(planStart('#preset=mm1', null).opening).not.toHaveProperty('atS');
  });

  it('an embed waits for a click unless it asks for autoplay', () => {
    expect(planStart('#preset=mm1&embed=1', null).opening?.play).toBe(false);
    expect(planStart('#preset=mm1&embed=1&autoplay=1', null).opening?.play).toBe(true);
    expect(planStart('#preset=mm1&autoplay=0', null).opening?.play).toBe(true);
  });

  it('a link that dropped parts opens with a warning listing them', () => {
    const plan = planStart('#preset=mm1&panel=1&speed=fast', null);
    expect(plan.notice?.tone).toBe('warning');
    expect(plan.notice?.text).toContain('link parameter "panel": unknown, dropped');
    expect(plan.notice?.text).toContain('speed: got "fast"');
  });
});
