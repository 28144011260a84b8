/**
 * The one owner of a worker's life on the page's side, whatever the worker runs: it starts the worker lazily, sends
 * calls in order (at most `concurrency` unanswered at once), keeps a watchdog on them, and when the worker crashes,
 * stops answering or a call is cancelled, terminates it, fails every pending call with a `SimWorkerError` and tells
 * its owner, so the owner can restore what the worker held. The next call starts a new worker.
 */
import type { Endpoint } from 'comlink';

/** A started worker, as its client uses it: a message endpoint that can be terminated. */
export type WorkerLike = Endpoint & { terminate(): void };

/** Why a worker was stopped under its calls. */
export type WorkerFailure = 'crashed' | 'stuck' | 'failed' | 'cancelled' | 'terminated';

/** The worker failed, stopped answering or was terminated while a call was pending. */
export class SimWorkerError extends Error {
  override name = 'SimWorkerError';
  constructor(
    message: string,
    readonly failure: WorkerFailure = 'crashed',
  ) {
    super(message);
  }
}

export interface WorkerClientOptions<Api> {
  /** Names the worker in messages: "simulation worker", "phase-map worker". */
  label: string;
  /** What a `crashOnError` call's failure names ("The simulation failed: …"); the label by default. */
  failureSubject?: string;
  start: () => WorkerLike;
  /** The calling surface over a started worker (a Comlink proxy, or a message channel). */
  connect: (worker: WorkerLike) => Api;
  /** Longest wait for an answer while a call is outstanding; past it the worker is taken to be stuck. */
  timeoutMs: number;
  /** Calls sent before the earlier ones are answered; 1 (the default) sends each after the previous one settled. */
  concurrency?: number;
}

export interface ClientCallOptions {
  /** This call's own watchdog, when it may legitimately take longer than the client's (a long replay). */
  timeoutMs?: number | undefined;
  /** Aborting a sent call stops the worker (a running call cannot be interrupted otherwise) and restarts it. */
  signal?: AbortSignal | undefined;
  /** A rejection means the worker itself is broken, not the input: restart it. */
  crashOnError?: boolean | undefined;
}

export interface WorkerClient<Api> {
  call<T>(invoke: (api: Api) => Promise<T>, options?: ClientCallOptions): Promise<T>;
  /** Told after the worker was stopped under its calls (never after `terminate`), with why. */
  onRestart(listener: (error: SimWorkerError) => void): () => void;
  /** Stop the worker now and fail every pending call; a later call starts a new one. */
  terminate(): void;
  /** Calls sent or queued and not yet settled. */
  pendingCount(): number;
  /** Whether a worker is running now. */
  running(): boolean;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The call was cancelled.', 'AbortError');
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

interface Pending {
  send: () => void;
  fail: (error: Error) => void;
  limitMs: number;
  sent: boolean;
}

/** Create a client. Nothing starts until the first call. */
export function createWorkerClient<Api>(options: WorkerClientOptions<Api>): WorkerClient<Api> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  let live: { worker: WorkerLike; api: Api } | null = null;
  /** Every unsettled call, oldest first; the first `concurrency` of them are the ones sent. */
  const queue: Pending[] = [];
  const listeners = new Set<(error: SimWorkerError) => void>();
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  /** One timer for the oldest sent call, re-armed whenever an answer arrives: a worker that answers is not stuck. */
  function arm(): void {
    clearTimeout(watchdog);
    watchdog = undefined;
    const oldest = queue.find((p) => p.sent);
    if (oldest === undefined) return;
    const limitMs = oldest.limitMs;
    watchdog = setTimeout(() => {
      fail(new SimWorkerError(`The ${options.label} did not answer within ${limitMs / 1000} s.`, 'stuck'));
    }, limitMs);
  }

  function stop(reason: SimWorkerError): void {
    clearTimeout(watchdog);
    watchdog = undefined;
    live?.worker.terminate();
    live = null;
    const failures = queue.splice(0);
    for (const p of failures) p.fail(reason);
  }

  /** Stop the worker under its calls and tell the owner. */
  function fail(reason: SimWorkerError): void {
    stop(reason);
    for (const listener of [...listeners]) listener(reason);
  }

  function ensureStarted(): Api {
    if (live !== null) return live.api;
    const worker = options.start();
    const onError = (event: Event): void => {
      event.preventDefault();
      const message = (event as Partial<ErrorEvent>).message;
      const detail = typeof message === 'string' && message !== '' ? `: ${message}` : '';
      if (live?.worker === worker) fail(new SimWorkerError(`The ${options.label} crashed${detail}.`, 'crashed'));
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    live = { worker, api: options.connect(worker) };
    return live.api;
  }

  function pump(): void {
    let sent = 0;
    for (const p of queue) {
      if (sent >= concurrency) break;
      sent++;
      if (!p.sent) {
        p.sent = true;
        p.send();
        // `send` may have failed the worker synchronously and emptied the queue.
        if (!queue.includes(p)) return;
      }
    }
    if (watchdog === undefined) arm();
  }

  function call<T>(invoke: (api: Api) => Promise<T>, callOptions: ClientCallOptions = {}): Promise<T> {
    const { signal } = callOptions;
    if (signal?.aborted === true) return Promise.reject(abortReason(signal));
    return new Promise<T>((resolve, reject) => {
      const settle = (): boolean => {
        const at = queue.indexOf(entry);
        if (at < 0) return false;
        queue.splice(at, 1);
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const onAbort = (): void => {
        const wasSent = entry.sent;
        if (!settle()) return;
        reject(abortReason(signal as AbortSignal));
        if (wasSent) fail(new SimWorkerError(`The ${options.label} was stopped because a call was cancelled.`, 'cancelled'));
        else pump();
      };
      const entry: Pending = {
        limitMs: callOptions.timeoutMs ?? options.timeoutMs,
        sent: false,
        fail: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        send: () => {
          let answer: Promise<T>;
          try {
            answer = invoke(ensureStarted());
          } catch (error) {
            answer = Promise.reject(error instanceof Error ? error : new Error(String(error)));
          }
          answer.then(
            (value) => {
              if (!settle()) return;
              resolve(value);
              arm();
              pump();
            },
            (error: unknown) => {
              if (!settle()) return;
              reject(error instanceof Error ? error : new Error(String(error)));
              if (callOptions.crashOnError === true) {
                fail(new SimWorkerError(`The ${options.failureSubject ?? options.label} failed: ${messageOf(error)}.`, 'failed'));
                return;
              }
              arm();
              pump();
            },
          );
        },
      };
      queue.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      pump();
    });
  }

  return {
    call,
    onRestart(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    terminate: () => stop(new SimWorkerError(`The ${options.label} was terminated.`, 'terminated')),
    pendingCount: () => queue.length,
    running: () => live !== null,
  };
}

/**
 * A request/answer surface over a worker that speaks plain messages and answers each one, in the order received.
 * A worker runs one message at a time, so the oldest request without an answer is the one an answer belongs to.
 */
export function messageChannel<Request, Answer>(worker: WorkerLike): (request: Request) => Promise<Answer> {
  const waiting: ((answer: Answer) => void)[] = [];
  worker.addEventListener('message', (event) => {
    waiting.shift()?.((event as MessageEvent<Answer>).data);
  });
  return (request) =>
    new Promise<Answer>((resolve) => {
      waiting.push(resolve);
      worker.postMessage(request);
    });
}
