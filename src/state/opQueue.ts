/**
 * Operations on a run, one at a time in the order they were asked for. A step of the playback loop, a reset, a new
 * scenario, a change and an injected trigger all pass through one queue, so each operation reads the run as the
 * operations before it left it — never a state that a later operation has already replaced.
 */
export interface OpQueue {
  /** Run `op` after every operation queued before it has settled; resolves or rejects as `op` does. */
  run<T>(op: () => Promise<T>): Promise<T>;
  /** Operations queued or running. */
  readonly size: number;
  /** Resolves once every operation queued so far has settled. */
  idle(): Promise<void>;
}

export function createOpQueue(): OpQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let size = 0;
  return {
    run<T>(op: () => Promise<T>): Promise<T> {
      size++;
      const result = tail.then(op);
      // The next operation waits for this one to settle, whether it resolved or failed.
      tail = result.then(
        () => size--,
        () => size--,
      );
      return result;
    },
    get size() {
      return size;
    },
    idle() {
      return tail.then(() => undefined);
    },
  };
}
