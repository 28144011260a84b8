export { createSimBridge, SimWorkerError } from './bridge';
export type { CallOptions, RestartEvent, SimBridge, SimBridgeOptions, SimRunner, WorkerLike } from './bridge';
export type { Frame, LiveState, SessionInfo, StepRequest, TriggerSpec } from './session';
export type { PresetCard, SimApi } from './sim.worker';
export { createSweepPool, defaultPoolSize, fillOrder } from './sweepPool';
export type { CellOutcome, StartSweepWorker, SweepEnd, SweepGrid, SweepHandlers, SweepPool, SweepPoolOptions, SweepRun, SweepWorkerHandle } from './sweepPool';
export { cellScenario } from './sweepProtocol';
export type { SweepAnswer, SweepRequest } from './sweepProtocol';
export type { CellFigures } from './sweepCell';
