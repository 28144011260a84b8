// The engine's public surface: the simulation, its closed forms and studies, and the scenario
// format (src/sim/format, which the page imports alone). Other layers import only from one of the two.
export { Simulation, type TriggerNow } from './engine/Simulation';
export { runScenario } from './engine/runScenario';
export { erlangC, fanoutSlowFraction, mmck, mmckProbabilities, mmcMeanLatency, mmcWait, quorumSlowFraction } from './theory';
export { fanoutClosedForm, fanoutPointScenario, measureFanout, quorumAt, requestsAt, studyObjective, type FanoutPoint } from './fanoutStudy';
export { runCell, sweepCells, type CellResult, type SweepAxis, type SweepCell } from './sweep';
export {
  applySet,
  checkJsonLimits,
  axisValues,
  defaultScenario,
  estimateAttempts,
  findPreset,
  getPath,
  isSettablePath,
  JsonLimitError,
  MAX_AXIS_STEPS,
  messageOf,
  parseBoundedJson,
  parseScenario,
  PRESETS,
  SCENARIO_JSON_LIMITS,
  ScenarioError,
  SERIES_NAMES,
  setPath,
  SETTABLE_PATHS,
  TRIGGER_KINDS,
  type Action,
  type Counts,
  type ParseOptions,
  type JsonLimitBreach,
  type JsonLimits,
  type Parsed,
  type Percentiles,
  type Preset,
  type Rates,
  type Rescue,
  type RunResult,
  type RunSeries,
  type Scenario,
  type ScenarioIssue,
  type Series,
  type SeriesArrays,
  type SeriesName,
  type ShardSummary,
  type Summary,
  type Trigger,
  type TriggerKind,
  type Verdict,
} from './format';
export * from './ensemble/index';
export { runEnsembleSeeds } from './ensemble/run';
