// The engine's public surface: the simulation, the scenario format and the result types.
// Other layers (worker, CLI, UI, tests of those) import only from here.
export { Simulation, type TriggerNow } from './engine/Simulation';
export { runScenario } from './engine/runScenario';
export { erlangC, fanoutSlowFraction, mmck, mmckProbabilities, mmcMeanLatency, mmcWait, quorumSlowFraction } from './theory';
export { fanoutClosedForm, fanoutPointScenario, measureFanout, quorumAt, requestsAt, studyObjective, type FanoutPoint } from './fanoutStudy';
export { axisValues, MAX_AXIS_STEPS, runCell, sweepCells, type CellResult, type SweepAxis, type SweepCell } from './sweep';
export {
  SERIES_NAMES,
  type Counts,
  type Percentiles,
  type Rates,
  type Rescue,
  type RunResult,
  type RunSeries,
  type Series,
  type SeriesArrays,
  type SeriesName,
  type ShardSummary,
  type Summary,
  type Verdict,
} from './engine/result';
export {
  applySet,
  checkJsonLimits,
  defaultScenario,
  estimateAttempts,
  getPath,
  isSettablePath,
  JsonLimitError,
  parseBoundedJson,
  parseScenario,
  SCENARIO_JSON_LIMITS,
  ScenarioError,
  setPath,
  SETTABLE_PATHS,
  TRIGGER_KINDS,
  PRESETS,
  findPreset,
  type JsonLimitBreach,
  type JsonLimits,
  type Preset,
  type ParseOptions,
  type Parsed,
  type ScenarioIssue,
} from './scenario/index';
export type { Action, Scenario, Trigger, TriggerKind } from './scenario/index';
