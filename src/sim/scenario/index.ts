// The scenario format v1: types, defaults, parsing, paths, presets. Import it only through here.
export type {
  Action,
  AutoscaleSpec,
  Backoff,
  BreakerSpec,
  CacheFill,
  CacheFlushTrigger,
  CacheSpec,
  CapacityTrigger,
  ClientSpec,
  CoDelSpec,
  ContentionSpec,
  Discipline,
  Jitter,
  LimiterSpec,
  LimitsSpec,
  LoadSpec,
  Model,
  OutageTrigger,
  QueueSpec,
  RetryBudgetSpec,
  RetrySpec,
  Scenario,
  ServerSpec,
  ServiceDist,
  ServiceSpec,
  SpikeTrigger,
  ThrottleSpec,
  Trigger,
  TriggerKind,
  WriteConflictSpec,
} from './types';
export { defaultScenario } from './defaults';
export { parseScenario, type ParseOptions, type Parsed } from './parse';
export { messageOf, ScenarioError, type ScenarioIssue } from './errors';
export { applySet } from './actions';
export { SETTABLE_PATHS, SETTABLE_ROOTS, isSettablePath } from './settable';
export { MAX_PATH_LENGTH, MAX_PATH_SEGMENTS, getPath, pathStart, pathTooLong, setPath, splitPath } from './paths';
export { MAX_ATTEMPTS, MAX_ATTEMPTS_PER_BIN, estimateAttempts, peakSpikeFactor, type WorkEstimate } from './guard';
export { MEMORY_BUDGET, estimateMemory, type MemoryEstimate, type MemoryPart } from './memoryGuard';
export { didYouMean, editDistance, suggestion } from './didYouMean';
export { MAX_ACTIONS, MAX_BINS, MAX_DURATION, MAX_TRIGGERS, TRIGGER_KINDS } from './schema';
export { LIMITER_DEFAULTS, LIMITER_KINDS, type LimiterKind } from './limiterSpec';
export { checkJsonLimits, JsonLimitError, parseBoundedJson, SCENARIO_JSON_LIMITS, type JsonLimitBreach, type JsonLimits } from './jsonLimits';
export type { UnknownKeys } from './read';
export { PRESETS, findPreset, type Preset, type RawScenario } from './presets/index';
