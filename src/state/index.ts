export { createRunStore, figuresOf } from './runStore';
export type { RunFigures, RunState, RunStatus, RunStore, Verdict } from './runStore';
