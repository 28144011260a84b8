import { boundedQueue, cancelOnTimeout, circuitBreaker, lifoQueue, queueTooDeep, retryBudget } from './cures';
import { hysteresis } from './hysteresis';
import { conservation } from './invariants';
import { mm1 } from './mm1';
import { autoscaleLate, backoffOpenLoop, queuesDeferPain } from './overload';
import { cacheFlush, cacheReadThrough, concurrencyCollapse, slowdownRetries } from './sustaining';
import {
  correlatedFailure,
  hedgedRequests,
  hotShard,
  hotShardCached,
  hotShardMoreShards,
  independentFailures,
  slowTail,
  tailAtScale,
} from './tailAndShards';
import type { Preset } from './preset';
import { envoyBudgetUnits, retryQuota } from './retryBudgetKinds';
import { aimdSpike, gradient2Spike } from './limiters';
import { admissionControl } from './admissionControl';
import { graphDeadline, graphNoDeadline, graphRetryEdge, graphRetryLayers } from './graphs';
import { graphSlowDependency, graphSlowDependencyBounded, graphSlowReplica, graphSlowReplicaP2c } from './graphsSlow';
import { bulkhead, clientLimiter, priorityShedding } from './clientLimits';
import { retryStorm } from './retryStorm';
import { retryStormLowLoad } from './retryStormLowLoad';
import { retryStormNoRetries } from './retryStormNoRetries';

export type { Preset, RawScenario } from './preset';

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const value of Object.values(x)) deepFreeze(value);
    Object.freeze(x);
  }
  return x;
}

/** Every preset, in gallery order. Frozen: overrides go through setPath, which copies. */
export const PRESETS: Preset[] = [
  retryStorm,
  retryStormLowLoad,
  retryStormNoRetries,
  retryBudget,
  retryQuota,
  envoyBudgetUnits,
  lifoQueue,
  boundedQueue,
  circuitBreaker,
  admissionControl,
  cancelOnTimeout,
  aimdSpike,
  gradient2Spike,
  graphRetryLayers,
  graphRetryEdge,
  graphNoDeadline,
  graphDeadline,
  graphSlowDependency,
  graphSlowDependencyBounded,
  graphSlowReplica,
  graphSlowReplicaP2c,
  clientLimiter,
  bulkhead,
  priorityShedding,
  backoffOpenLoop,
  autoscaleLate,
  cacheFlush,
  cacheReadThrough,
  slowdownRetries,
  concurrencyCollapse,
  queueTooDeep,
  queuesDeferPain,
  hysteresis,
  mm1,
  conservation,
  tailAtScale,
  slowTail,
  hedgedRequests,
  hotShard,
  hotShardMoreShards,
  hotShardCached,
  correlatedFailure,
  independentFailures,
].map(deepFreeze);

/** The preset with this id, if any. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
