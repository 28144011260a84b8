import { afterEach, describe, expect, it } from 'vitest';
import { createLabStore, type LabStore } from '../../../src/state/index';
import { readCommand, startHeightReports, startMessageApi, type MessageEnv } from '../../../src/ui/embed/messageApi';
import { inProcessRunner } from '../../worker/inProcessRunner';
import { until } from '../../support/waiting';

const noFrames = () => () => {};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
describe('readCommand', () => {
  it('accepts the five commands in their exact shapes', () => {
    for (const data of [
      { type: 'metastability-lab:play' },
      { type: 'metastability-lab:pause' },
      { type: 'metastability-lab:reset' },
      { type: 'metastability-lab:inject', trigger: { kind: 'spike', duration: 10, factor: 3 } },
      { type: 'metastability-lab:inject', trigger: { kind: 'cache-flush' } },
      { type: 'metastability-lab:inject', trigger: { kind: 'capacity', duration: 5, slots: 4 } },
      { type: 'metastability-lab:load-preset', id: 'cache-flush' },
    ]) {
      const read = readCommand(data);
      expect(read.ok, JSON.stringify(data)).toBe(true);
      expect(read.ok && read.command).toEqual(data);
    }
  });

  it('refuses anything else, naming what is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [null, /^message: /],
      ['metastability-lab:play', /^message: /],
      [{ type: 'metastability-lab:play', extra: 1 }, /^extra: /],
      [{ type: 'metastability-lab:run' }, /^type: /],
      [{ type: 'metastability-lab:inject' }, /^trigger: /],
      [{ type: 'metastability-lab:inject', trigger: { kind: 'meteor' } }, /^trigger\.kind: /],
      [{ type: 'metastability-lab:inject', trigger: { kind: 'spike', duration: -1 } }, /^trigger\.duration: /],
      [{ type: 'metastability-lab:inject', trigger: { kind: 'spike', factor: 1e9 } }, /^trigger\.factor: /],
      [{ type: 'metastability-lab:inject', trigger: { kind: 'capacity', slots: 1.5 } }, /^trigger\.slots: /],
      [JSON.parse('{"type":"metastability-lab:inject","trigger":{"kind":"spike","__proto__":{"polluted":1}}}'), /^trigger\.__proto__: /],
      [{ type: 'metastability-lab:load-preset', id: '<img src=x>' }, /^id: /],
      [{ type: 'metastability-lab:load-preset', id: 'x'.repeat(65) }, /^id: /],
    ];
    for (const [data, message] of cases) {
      const read = readCommand(data);
      expect(read.ok, JSON.stringify(data)).toBe(false);
      expect(!read.ok && read.error, JSON.stringify(data)).toMatch(message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An object whose prototype carries fields: only its own fields are read.
    const inherited = readCommand({ type: 'metastability-lab:inject', trigger: Object.create({ polluted: true, kind: 'outage' }) as object });
    expect(inherited.ok).toBe(false);
  });

  it('never throws on data that is not plain: cycles, getters that throw, BigInt', () => {
    const cycle: Record<string, unknown> = { type: 'metastability-lab:play' };
    cycle.self = cycle;
    const trap = {
      get type(): string {
        throw new Error('trap');
      },
    };
    for (const data of [cycle, trap, { type: 'metastability-lab:play', n: 1n }]) {
      expect(readCommand(data)).toEqual({ ok: false, error: 'not plain data' });
    }
  });
});

class FakeFrameWindow implements MessageEnv {
  readonly parent = { name: 'parent' };
  private listener: ((event: MessageEvent) => void) | null = null;
  constructor(readonly origin: string) {}
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listener = listener;
  }
  removeEventListener(): void {
    this.listener = null;
  }
  get listening(): boolean {
    return this.listener !== null;
  }
  /** A message arriving from `source` (a window-like with postMessage to collect replies). */
  receive(data: unknown, origin: string, source: unknown): void {
    this.listener?.({ data, origin, source } as MessageEvent);
  }
}

function replyBox(base: object = {}) {
  const replies: { message: unknown; targetOrigin: string }[] = [];
  return Object.assign(base, { replies, postMessage: (message: unknown, targetOrigin: string) => replies.push({ message, targetOrigin }) });
}

let stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

async function lab(): Promise<LabStore> {
  const store = createLabStore(inProcessRunner(), { scheduler: noFrames });
  await store.getState().init();
  store.getState().pause();
  return store;
}

describe('startMessageApi', () => {
  it('runs commands from the embedding page on an allowed origin, and answers that origin only', async () => {
    const store = await lab();
    const win = new FakeFrameWindow('https://lab.test');
    const parent = replyBox(win.parent);
    let told = 0;
    stops.push(startMessageApi(store, win, { allowed: ['https://course.test'], onCommand: () => told++ }));

    win.receive({ type: 'metastability-lab:play' }, 'https://course.test', parent);
    expect(store.getState().playing).toBe(true);
    win.receive({ type: 'metastability-lab:pause' }, 'https://course.test', parent);
    expect(store.getState().playing).toBe(false);
    win.receive({ type: 'metastability-lab:inject', trigger: { kind: 'spike', duration: 4, factor: 2 } }, 'https://course.test', parent);
    await until(() => store.getState().recorded?.triggers.length === 2);
    expect(store.getState().recorded?.triggers[1]).toMatchObject({ kind: 'spike', duration: 4, factor: 2 });
    win.receive({ type: 'metastability-lab:load-preset', id: 'mm1' }, 'https://course.test', parent);
    await until(() => store.getState().presetId === 'mm1');
    await until(() => parent.replies.length === 4);
    expect(told).toBe(4);
    expect(parent.replies.map((r) => r.targetOrigin)).toEqual(Array(4).fill('https://course.test'));
    expect(parent.replies.at(-1)?.message).toEqual({ type: 'metastability-lab:done', command: 'metastability-lab:load-preset' });
  });

  it('ignores an origin not on the list, a window that is not the parent, and other tools’ messages', async () => {
    const store = await lab();
    const win = new FakeFrameWindow('https://lab.test');
    const parent = replyBox(win.parent);
    const stranger = replyBox();
    stops.push(startMessageApi(store, win, { allowed: ['https://course.test'] }));
    win.receive({ type: 'metastability-lab:play' }, 'https://evil.test', parent);
    win.receive({ type: 'metastability-lab:play' }, 'https://course.test', stranger); // a pop-up or another frame
    win.receive({ type: 'metastability-lab:play' }, 'null', parent);
    win.receive({ type: 'webpackHot' }, 'https://course.test', parent);
    await sleep(20);
    expect(store.getState().playing).toBe(false);
    expect(parent.replies).toEqual([]);
    expect(stranger.replies).toEqual([]);
  });

  it('accepts its own origin from any window (a same-site page driving it), and answers a malformed command with the field', async () => {
    const store = await lab();
    const win = new FakeFrameWindow('https://lab.test');
    const self = replyBox();
    stops.push(startMessageApi(store, win, { allowed: [] }));
    win.receive({ type: 'metastability-lab:inject', trigger: { kind: 'spike', factor: 'big' } }, 'https://lab.test', self);
    expect(self.replies).toHaveLength(1);
    expect(self.replies[0]?.message).toMatchObject({ type: 'metastability-lab:error', error: expect.stringMatching(/^trigger\.factor: /) as unknown });
    expect(store.getState().recorded?.triggers).toHaveLength(1);
    win.receive({ type: 'metastability-lab:play' }, 'https://lab.test', self);
    expect(store.getState().playing).toBe(true);
  });

  it('answers a preset that does not exist with an error naming the id, and keeps the run', async () => {
    const store = await lab();
    const win = new FakeFrameWindow('https://lab.test');
    const parent = replyBox(win.parent);
    stops.push(startMessageApi(store, win, { allowed: ['https://course.test'] }));
    win.receive({ type: 'metastability-lab:load-preset', id: 'no-such-preset' }, 'https://course.test', parent);
    await until(() => parent.replies.length === 1);
    expect(parent.replies[0]?.message).toEqual({
      type: 'metastability-lab:error',
      command: 'metastability-lab:load-preset',
      error: expect.stringMatching(/^id: got "no-such-preset", expected one of "retry-storm", .*"mm1"/) as unknown,
    });
    expect(store.getState().presetId).toBe('retry-storm');
  });

  it('answers a trigger the scenario refuses (a cache flush with no cache) with an error naming the field, and records nothing', async () => {
    const store = await lab();
    const win = new FakeFrameWindow('https://lab.test');
    const parent = replyBox(win.parent);
    stops.push(startMessageApi(store, win, { allowed: ['https://course.test'] }));
    const before = store.getState().recorded?.triggers;
    win.receive({ type: 'metastability-lab:inject', trigger: { kind: 'cache-flush' } }, 'https://course.test', parent);
    await until(() => parent.replies.length === 1);
    expect(parent.replies[0]?.message).toEqual({
      type: 'metastability-lab:error',
      command: 'metastability-lab:inject',
      error: expect.stringMatching(/^trigger\.kind: got "cache-flush" at \d+ s, when the scenario has no cache/) as unknown,
    });
    expect(store.getState().recorded?.triggers).toEqual(before);
  });

  it('answers injects the engine refuses (spike factor 1000, capacity factor 50, slots 1e6) with an error naming the field and range', async () => {
    const store = await lab();
    const win = new FakeFrameWindow('https://lab.test');
    const parent = replyBox(win.parent);
    stops.push(startMessageApi(store, win, { allowed: ['https://course.test'] }));
    const before = store.getState().recorded?.triggers;
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'spike', duration: 5, factor: 1000 }, 'trigger.factor: got 1000, expected a number from 0 (exclusive) to 100'],
      [{ kind: 'capacity', duration: 5, factor: 50 }, 'trigger.factor: got 50, expected a number from 0 (exclusive) to 10'],
      [{ kind: 'capacity', duration: 5, slots: 1e6 }, 'trigger.slots: got 1000000, expected an integer from 0 to 100000'],
    ];
    for (const [i, [trigger, error]] of cases.entries()) {
      win.receive({ type: 'metastability-lab:inject', trigger }, 'https://course.test', parent);
      await until(() => parent.replies.length === i + 1);
      expect(parent.replies[i]?.message).toEqual({ type: 'metastability-lab:error', command: 'metastability-lab:inject', error });
    }
    expect(store.getState().recorded?.triggers).toEqual(before);
  });

  it('stops listening when stopped', async () => {
    const store = await lab();
    const win = new FakeFrameWindow('https://lab.test');
    const stop = startMessageApi(store, win, { allowed: [] });
    expect(win.listening).toBe(true);
    stop();
    expect(win.listening).toBe(false);
  });
});

describe('startHeightReports', () => {
  it('posts the height at once, then only when it changes', () => {
    let height = 300;
    const posts: unknown[] = [];
    const stop = startHeightReports([], () => height, (m) => posts.push(m));
    expect(posts).toEqual([{ type: 'metastability-lab:height', height: 300 }]);
    stop();
    height = 420.2;
    startHeightReports([], () => height, (m) => posts.push(m))();
    expect(posts.at(-1)).toEqual({ type: 'metastability-lab:height', height: 421 });
  });
});
