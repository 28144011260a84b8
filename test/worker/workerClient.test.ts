import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerClient, SimWorkerError, type WorkerLike } from '../../src/worker/index';

/** A worker whose every call waits until the test answers it: `answer(i)` settles the i-th call sent. */
function manualWorkers() {
  const workers: (WorkerLike & { terminated: boolean })[] = [];
  const sent: { worker: number; name: string; resolve: (v: string) => void }[] = [];
  const start = (): WorkerLike => {
    const worker = Object.assign(new EventTarget(), {
      terminated: false,
      postMessage: () => {},
      terminate: () => void (worker.terminated = true),
    });
    workers.push(worker);
    return worker;
  };
  const connect = (worker: WorkerLike) => {
    const id = workers.indexOf(worker as WorkerLike & { terminated: boolean });
    return { run: (name: string) => new Promise<string>((resolve) => sent.push({ worker: id, name, resolve })) };
  };
  return { start, connect, workers, sent };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createWorkerClient', () => {
  it('sends calls in order, at most `concurrency` unanswered at once', async () => {
    const w = manualWorkers();
    const client = createWorkerClient({ label: 'test worker', start: w.start, connect: w.connect, timeoutMs: 60_000, concurrency: 2 });
    const calls = ['a', 'b', 'c', 'd'].map((name) => client.call((api) => api.run(name)));
    expect(w.sent.map((s) => s.name)).toEqual(['a', 'b']);
    w.sent[1]!.resolve('B');
    await expect(calls[1]).resolves.toBe('B');
    expect(w.sent.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    w.sent[0]!.resolve('A');
    w.sent[2]!.resolve('C');
    await Promise.all(calls.slice(0, 3));
    expect(w.sent.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd']);
    w.sent[3]!.resolve('D');
    await expect(Promise.all(calls)).resolves.toEqual(['A', 'B', 'C', 'D']);
    expect(w.workers).toHaveLength(1);
    expect(client.pendingCount()).toBe(0);
  });

  it('the watchdog counts from the last answer: a worker that keeps answering is not stuck, one that stops is', async () => {
    vi.useFakeTimers();
    const w = manualWorkers();
    const client = createWorkerClient({ label: 'test worker', start: w.start, connect: w.connect, timeoutMs: 1_000, concurrency: 2 });
    const restarts: SimWorkerError[] = [];
    client.onRestart((e) => restarts.push(e));
    const calls = ['a', 'b', 'c', 'd'].map((name) => client.call((api) => api.run(name)));
    for (const settled of calls) settled.catch(() => {});
    // Each answer comes 600 ms after the previous one: 2.4 s in all, never 1 s without an answer.
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(600);
      w.sent[i]!.resolve(String(i));
    }
    await vi.advanceTimersByTimeAsync(600);
    expect(restarts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(400);
    expect(restarts.map((e) => [e.failure, e.message])).toEqual([['stuck', 'The test worker did not answer within 1 s.']]);
    await expect(calls[3]).rejects.toThrow(SimWorkerError);
    expect(w.workers[0]!.terminated).toBe(true);
    // The next call starts a new worker.
    const next = client.call((api) => api.run('e'));
    w.sent[4]!.resolve('E');
    await expect(next).resolves.toBe('E');
    expect(w.sent[4]!.worker).toBe(1);
  });

  it('aborting a call still queued drops it and keeps the worker; aborting one sent stops the worker and restarts', async () => {
    const w = manualWorkers();
    const client = createWorkerClient({ label: 'test worker', start: w.start, connect: w.connect, timeoutMs: 60_000 });
    const restarts: SimWorkerError[] = [];
    client.onRestart((e) => restarts.push(e));
    const queued = new AbortController();
    const running = new AbortController();
    const first = client.call((api) => api.run('a'), { signal: running.signal });
    const second = client.call((api) => api.run('b'), { signal: queued.signal });
    queued.abort(new Error('not needed'));
    await expect(second).rejects.toThrow('not needed');
    expect(restarts).toHaveLength(0);
    expect(w.workers[0]!.terminated).toBe(false);
    running.abort(new Error('stop'));
    await expect(first).rejects.toThrow('stop');
    expect(restarts.map((e) => e.failure)).toEqual(['cancelled']);
    expect(w.workers[0]!.terminated).toBe(true);
    expect(w.sent.map((s) => s.name)).toEqual(['a']);
  });
});
