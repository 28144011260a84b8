/**
 * Operations on a run, one at a time in the order they were asked for. A step of the playback loop, a reset, a new
 * scenario, a change and an injected trigger all pass through one queue, so each operation reads the run as the
 * operations before it left it — never a state that a later operation has already replaced.
 */
export interface OpQueue {
  /** Run `op` after every operation queued before it has settled; resolves or rejects as `op` does. */
  run<T>(op: () => Promise<T>): Promise<T>;
}

export function createOpQueue(): OpQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(op: () => Promise<T>): Promise<T> {
      const result = tail.then(op);
      // The next operation waits for this one to settle, whether it resolved or failed.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
