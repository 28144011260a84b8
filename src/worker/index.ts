export { createSimBridge, SimWorkerError } from './bridge';
export type { CallOptions, RestartEvent, SimBridge, SimBridgeOptions, SimRunner, WorkerLike } from './bridge';
export type { Frame, LiveState, SessionInfo, ShardFrame, StepRequest, TriggerSpec } from './session';
export type { PresetCard, SimApi } from './sim.worker';
export { createStudyWorker, fanoutWidths, runFanoutStudy } from './fanoutStudy';
export type { ClosedFormCurve, StudyHandle, StudyProgress, StudyRunner } from './fanoutStudy';
