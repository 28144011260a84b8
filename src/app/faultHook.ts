/**
 * Test builds only (`vite build --mode e2e`): the e2e tests reach the workers' fault hooks from page.evaluate, to see
 * every kind of worker crash or hang and the view recover. Removed as dead code from every other build.
 */
import type { Compare, FanoutStudy, Lab, Phase } from '../state/index';
import type { FaultKind } from '../worker/index';
import type { LabApp } from './createApp';

/** The workers a test can make hang, besides the lab's. */
export type HangTarget = 'study' | 'sweep' | 'compare-left' | 'compare-right';

export interface LabTestHook {
  /** The lab's worker: throw or hang (the bridge's own watchdog). */
  fault(kind: FaultKind): Promise<void>;
  pendingCount(): number;
  set(patch: Record<string, unknown>): Promise<unknown>;
  state(): Lab;
  /** Make another worker hang after the calls it holds, watched by a watchdog of `watchdogMs`; settles when it fires. */
  hang(target: HangTarget, watchdogMs: number): Promise<void>;
  phaseState(): Phase;
  compareState(): Compare;
  studyState(): FanoutStudy;
}

export function installFaultHook(app: LabApp, target: Window): void {
  const { own } = app;
  if (own.lab === null || own.compare === null || own.pool === null || own.study === null) throw new Error('The fault hook needs the page’s own workers.');
  const lab = own.lab;
  const workers = { study: own.study, sweep: own.pool, 'compare-left': own.compare[0], 'compare-right': own.compare[1] };
  const hook: LabTestHook = {
    fault: (kind) => lab.fault(kind),
    pendingCount: () => lab.pendingCount(),
    set: (patch) => lab.set(patch),
    state: () => app.lab.getState(),
    hang: (which, watchdogMs) => workers[which].fault('hang', watchdogMs),
    phaseState: () => app.phase.getState(),
    compareState: () => app.compare.getState(),
    studyState: () => app.study.getState(),
  };
  Object.assign(target, { __labTest: hook });
}
