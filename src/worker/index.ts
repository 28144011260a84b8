export { createSimBridge, SimWorkerError } from './bridge';
export type { CallOptions, SimBridge, SimBridgeOptions, SimRunner, WorkerLike } from './bridge';
export type { SimApi } from './sim.worker';
