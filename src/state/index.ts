export { bannerFor, describeAction, formatDuration } from './banner';
export type { Banner, BannerInput, BannerKind, BannerTone } from './banner';
export { createLabStore, DEFAULT_PRESET, DEFAULT_SPEED, SPEEDS } from './labStore';
export type { FrameScheduler, Lab, LabActions, LabOptions, LabState, LabStore, Notice, Speed } from './labStore';
export { SeriesBuffer } from './seriesBuffer';
export { ShardBuffer } from './shardBuffer';
