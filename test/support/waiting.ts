/** Driving time in tests: a frame scheduler the test ticks by hand, and polling for a condition. */
import type { FrameScheduler } from '../../src/state/index';

/** A scheduler the test drives by hand: `tick(ms)` runs the queued frame callback. */
export function manualScheduler() {
  let queued: ((t: number) => void) | null = null;
  const scheduler: FrameScheduler = (cb) => {
    queued = cb;
    return () => (queued = null);
  };
  return {
    scheduler,
    get pending() {
      return queued !== null;
    },
    tick(ms: number) {
      const cb = queued;
      queued = null;
      cb?.(ms);
    },
  };
}

const oneMs = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

/**
 * Wait until `condition` holds, polling every millisecond; throws after about 5000 polls. `pause`
 * wraps each wait: component tests pass React's `act`, so the updates it lets through are flushed.
 */
export async function until(condition: () => boolean, pause: (wait: () => Promise<void>) => Promise<void> = (wait) => wait()): Promise<void> {
  for (let i = 0; i < 5000 && !condition(); i++) await pause(oneMs);
  if (!condition()) throw new Error('condition not reached');
}
