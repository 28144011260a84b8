export { bannerFor, describeAction, formatDuration } from './banner';
export type { Banner, BannerInput, BannerKind, BannerTone } from './banner';
export { createLabStore, DEFAULT_PRESET, DEFAULT_SPEED, SPEEDS } from './labStore';
export type { FrameScheduler, Lab, LabActions, LabOptions, LabState, LabStore, Notice, Speed } from './labStore';
export { SeriesBuffer } from './seriesBuffer';
export { createPhaseStore } from './phaseStore';
export type { MapAxis, Phase, PhaseActions, PhaseMap, PhaseOptions, PhaseState, PhaseStatus, PhaseStore } from './phaseStore';
export { AXIS_PAIRS, AXIS_PARAMS, axisPath, axisValues, pairDefaults, PHASE_DEFAULT_STEPS, PHASE_MAX_STEPS, validateAxis } from './phaseAxes';
export type { AxisPairId, AxisParam, AxisParamId, AxisSetting } from './phaseAxes';
