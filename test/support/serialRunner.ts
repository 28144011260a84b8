import type { SimRunner } from '../../src/worker/index';

/**
 * A runner that answers like the worker bridge: one call at a time, in the order made, each answer a macrotask later
 * (as a worker's reply is). An in-process runner answers within the same microtask turn, which hides every race
 * between the playback loop and an operation that replaces the run.
 */
export function serialRunner(inner: SimRunner, delayMs = 1): SimRunner {
  let tail: Promise<unknown> = Promise.resolve();
  const call = <T>(f: () => Promise<T>): Promise<T> => {
    const result = tail.then(() => new Promise<void>((r) => setTimeout(r, delayMs))).then(f);
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    defaultScenario: () => call(() => inner.defaultScenario()),
    presets: () => call(() => inner.presets()),
    preset: (id) => call(() => inner.preset(id)),
    start: (input, options) => call(() => inner.start(input, options)),
    step: (request) => call(() => inner.step(request)),
    set: (patch) => call(() => inner.set(patch)),
    inject: (trigger) => call(() => inner.inject(trigger)),
    result: () => call(() => inner.result()),
    onRestart: (listener) => inner.onRestart(listener),
  };
}
