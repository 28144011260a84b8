import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimBridge, SimWorkerError, type SimBridge, type WorkerLike } from '../../src/worker/index';

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

const echoApi = {
  defaultScenario: () => ({ name: 'default' }),
  run: (input: unknown) => ({ ran: input }),
};
const stuckApi = {
  defaultScenario: () => new Promise(() => {}),
  run: () => new Promise(() => {}),
};

let bridge: SimBridge | undefined;
afterEach(() => bridge?.terminate());

describe('createSimBridge', () => {
  it('starts no worker until the first call, then reuses the one it started', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    bridge = createSimBridge({ startWorker: () => workers[workers.push(fakeWorker(echoApi)) - 1]! });
    expect(workers).toHaveLength(0);

    await expect(bridge.run({ seed: 1 })).resolves.toEqual({ ran: { seed: 1 } });
    await expect(bridge.defaultScenario()).resolves.toEqual({ name: 'default' });
    expect(workers).toHaveLength(1);
  });

  it('passes the worker’s errors through with their message', async () => {
    const api = {
      run: () => {
        throw new Error('load.rate: 0 is out of range (0, 1e6]');
      },
    };
    bridge = createSimBridge({ startWorker: () => fakeWorker(api) });
    await expect(bridge.run({})).rejects.toThrow('load.rate: 0 is out of range (0, 1e6]');
  });

  it('fails a call that gets no answer in time, terminates the worker and starts a fresh one next', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const apis = [stuckApi, echoApi];
    bridge = createSimBridge({
      timeoutMs: 50,
      startWorker: () => workers[workers.push(fakeWorker(apis[workers.length]!)) - 1]!,
    });

    await expect(bridge.run({})).rejects.toThrow(SimWorkerError);
    expect(workers[0]?.terminated).toBe(true);
    await expect(bridge.run('again')).resolves.toEqual({ ran: 'again' });
    expect(workers).toHaveLength(2);
  });

  it('aborting a run rejects it with the abort reason and terminates the busy worker', async () => {
    const worker = fakeWorker(stuckApi);
    bridge = createSimBridge({ startWorker: () => worker });
    const controller = new AbortController();
    const running = bridge.run({}, { signal: controller.signal });
    const other = bridge.defaultScenario();

    controller.abort(new Error('user pressed stop'));
    await expect(running).rejects.toThrow('user pressed stop');
    await expect(other).rejects.toThrow(SimWorkerError);
    expect(worker.terminated).toBe(true);
  });

  it('rejects an already-aborted call without starting a worker', async () => {
    const startWorker = vi.fn(() => fakeWorker(echoApi));
    bridge = createSimBridge({ startWorker });
    await expect(bridge.run({}, { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
    expect(startWorker).not.toHaveBeenCalled();
  });

  it('fails pending calls with a readable message when the worker reports an error', async () => {
    const worker = fakeWorker(stuckApi);
    bridge = createSimBridge({ startWorker: () => worker });
    const running = bridge.run({});
    worker.dispatchEvent(Object.assign(new Event('error'), { message: 'Uncaught SyntaxError' }));
    await expect(running).rejects.toThrow('The simulation worker crashed: Uncaught SyntaxError.');
    expect(worker.terminated).toBe(true);
  });

  it('terminate fails pending calls; the next call starts a new worker', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const apis = [stuckApi, echoApi];
    bridge = createSimBridge({ startWorker: () => workers[workers.push(fakeWorker(apis[workers.length]!)) - 1]! });
    const running = bridge.run({});
    bridge.terminate();
    await expect(running).rejects.toThrow('terminated');
    await expect(bridge.run(2)).resolves.toEqual({ ran: 2 });
    expect(workers).toHaveLength(2);
  });
});
