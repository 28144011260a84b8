import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimBridge, SimWorkerError, type RestartEvent, type SimBridge, type WorkerLike } from '../../src/worker/index';

/** An in-process stand-in for the module worker: a MessageChannel with `api` exposed on the far end. */
function fakeWorker(api: object): MessagePort & WorkerLike & { terminated: boolean } {
  const channel = new MessageChannel();
  expose(api, channel.port2);
  return Object.assign(channel.port1, {
    terminated: false,
    terminate(this: { terminated: boolean }) {
      this.terminated = true;
      channel.port1.close();
      channel.port2.close();
    },
  });
}

const info = (recorded: unknown) => ({ recorded, effective: recorded, binS: 1, durationS: 10, totalBins: 10 });
const never = () => new Promise(() => {});

function okApi(log: string[] = []) {
  return {
    start: (input: unknown) => (log.push(`start ${JSON.stringify(input)}`), info(input)),
    step: (request: unknown) => (log.push(`step ${JSON.stringify(request)}`), { stepped: request }),
    set: (patch: Record<string, unknown>) => {
      if (patch['bad'] !== undefined) throw new Error('bad: got 1, expected nothing');
      log.push(`set ${JSON.stringify(patch)}`);
      return info({ patched: patch });
    },
    presets: () => [],
  };
}

let bridge: SimBridge | undefined;
afterEach(() => bridge?.terminate());

function restarts(b: SimBridge): RestartEvent[] {
  const events: RestartEvent[] = [];
  b.onRestart((e) => events.push(e));
  return events;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 2));
}

describe('createSimBridge', () => {
  it('starts no worker until the first call, then reuses the one it started', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    bridge = createSimBridge({ startWorker: () => workers[workers.push(fakeWorker(okApi())) - 1]! });
    expect(workers).toHaveLength(0);
    await expect(bridge.start({ seed: 1 })).resolves.toMatchObject({ recorded: { seed: 1 } });
    await expect(bridge.presets()).resolves.toEqual([]);
    expect(workers).toHaveLength(1);
  });

  it('sends calls one after another, in the order they were made', async () => {
    const log: string[] = [];
    bridge = createSimBridge({ startWorker: () => fakeWorker(okApi(log)) });
    const calls = [bridge.start({ a: 1 }), bridge.set({ x: 1 }), bridge.step({ toS: 5 }), bridge.set({ y: 2 })];
    await Promise.all(calls);
    expect(log).toEqual(['start {"a":1}', 'set {"x":1}', 'step {"toS":5}', 'set {"y":2}']);
  });

  it('passes a validation error through with its message and keeps the worker', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    bridge = createSimBridge({ startWorker: () => workers[workers.push(fakeWorker(okApi())) - 1]! });
    await bridge.start({});
    await expect(bridge.set({ bad: 1 })).rejects.toThrow('bad: got 1, expected nothing');
    await expect(bridge.set({ ok: 1 })).resolves.toMatchObject({ recorded: { patched: { ok: 1 } } });
    expect(workers).toHaveLength(1);
  });

  it('a call with no answer in time fails, every queued call fails, and the worker restarts with the last good scenario', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const apis = [{ ...okApi(), step: never }, okApi()];
    bridge = createSimBridge({ timeoutMs: 50, startWorker: () => workers[workers.push(fakeWorker(apis[workers.length]!)) - 1]! });
    const events = restarts(bridge);
    await bridge.start({ name: 'first' });
    await bridge.set({ 'load.rate': 10 });
    const stuck = bridge.step({ toS: 1 });
    const queued = bridge.set({ 'load.rate': 20 });
    await expect(stuck).rejects.toThrow(SimWorkerError);
    await expect(queued).rejects.toThrow('did not answer within 0.05 s');
    expect(workers[0]?.terminated).toBe(true);
    await until(() => events.length > 0);
    expect(events[0]?.message).toMatch(/did not answer within 0\.05 s\. It was restarted with the last good scenario\./);
    // The last good scenario is what the last successful change left.
    expect(events[0]?.info?.recorded).toEqual({ patched: { 'load.rate': 10 } });
    expect(workers).toHaveLength(2);
    expect(bridge.pendingCount()).toBe(0);
  });

  it('a worker error event fails pending calls with a readable message and restarts', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const apis = [{ ...okApi(), step: never }, okApi()];
    bridge = createSimBridge({ startWorker: () => workers[workers.push(fakeWorker(apis[workers.length]!)) - 1]! });
    const events = restarts(bridge);
    await bridge.start({ name: 'x' });
    const running = bridge.step({ toS: 1 });
    await until(() => bridge!.pendingCount() === 1);
    workers[0]!.dispatchEvent(Object.assign(new Event('error'), { message: 'Uncaught Error: boom' }));
    await expect(running).rejects.toThrow('The simulation worker crashed: Uncaught Error: boom.');
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({ info: { recorded: { name: 'x' } } });
    expect(workers[0]?.terminated).toBe(true);
    expect(bridge.pendingCount()).toBe(0);
  });

  it('an exception thrown by a step counts as a crash; one thrown by set does not', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const throwing = {
      ...okApi(),
      step: () => {
        throw new Error('engine bug');
      },
    };
    const apis = [throwing, okApi()];
    bridge = createSimBridge({ startWorker: () => workers[workers.push(fakeWorker(apis[workers.length]!)) - 1]! });
    const events = restarts(bridge);
    await bridge.start({ name: 'y' });
    await expect(bridge.set({ bad: 1 })).rejects.toThrow('bad');
    expect(events).toHaveLength(0);
    await expect(bridge.step({ toS: 1 })).rejects.toThrow('engine bug');
    await until(() => events.length > 0);
    expect(events[0]?.message).toContain('The simulation failed: engine bug.');
    expect(workers).toHaveLength(2);
  });

  it('aborting a call rejects it with the abort reason and stops the busy worker', async () => {
    const worker = fakeWorker({ ...okApi(), start: never });
    const startWorker = vi.fn(() => worker);
    bridge = createSimBridge({ startWorker });
    const controller = new AbortController();
    const running = bridge.start({}, { signal: controller.signal });
    const other = bridge.presets();
    await until(() => startWorker.mock.calls.length === 1);
    controller.abort(new Error('user pressed stop'));
    await expect(running).rejects.toThrow('user pressed stop');
    await expect(other).rejects.toThrow(SimWorkerError);
    expect(worker.terminated).toBe(true);
  });

  it('rejects an already-aborted call without starting a worker', async () => {
    const startWorker = vi.fn(() => fakeWorker(okApi()));
    bridge = createSimBridge({ startWorker });
    await expect(bridge.start({}, { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
    expect(startWorker).not.toHaveBeenCalled();
  });

  it('terminate fails pending calls; the next call starts a new worker', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const apis = [{ ...okApi(), start: never }, okApi()];
    bridge = createSimBridge({ startWorker: () => workers[workers.push(fakeWorker(apis[workers.length]!)) - 1]! });
    const running = bridge.start({});
    await until(() => workers.length === 1);
    bridge.terminate();
    await expect(running).rejects.toThrow('terminated');
    await expect(bridge.start(2)).resolves.toMatchObject({ recorded: 2 });
    expect(workers).toHaveLength(2);
  });
});
