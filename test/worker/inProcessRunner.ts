import { defaultScenario, findPreset } from '../../src/sim/index';
import type { SimRunner } from '../../src/worker/index';
import { presetCards } from '../../src/worker/presetCards';
import { SimSession } from '../../src/worker/session';

/**
 * The worker's API run in-process (jsdom and Node have no module workers): same session, same engine, same answers.
 * `clockMs` is the session's wall clock (a fake one makes each step's share of the work independent of the machine).
 */
export function inProcessRunner(clockMs: () => number = () => performance.now()): SimRunner {
  const session = new SimSession(clockMs);
  const later = <T>(f: () => T | Promise<T>): Promise<T> => Promise.resolve().then(f);
  return {
    defaultScenario: () => later(() => defaultScenario()),
    presets: () => later(presetCards),
    preset: (id) => later(() => findPreset(id)?.scenario ?? null),
    start: (input) => later(() => session.start(input)),
    step: (request) =>
      later(() => {
        // As the worker adapter does: the fingerprint of the finished run's series.
        const frame = session.step(request);
        if (frame.done) session.fingerprint(frame);
        return frame;
      }),
    set: (patch) => later(() => session.set(patch)),
    inject: (trigger) => later(() => session.inject(trigger)),
    result: () => later(() => session.result()),
    onRestart: () => () => {},
  };
}
