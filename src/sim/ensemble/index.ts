// Seed ensembles without the engine: seeds, Wilson intervals, aggregation, the adaptive sampler.
export { ADAPTIVE_DEFAULT_SEEDS_PER_CELL, ADAPTIVE_DEFAULTS, AdaptiveSampler, contourCrossings, type AdaptiveOptions, type SeedJob } from './adaptive';
export {
  isStuck,
  quantileSorted,
  seriesBand,
  summariseEnsemble,
  VERDICTS,
  type EnsembleSummary,
  type RecoveryQuantiles,
  type SeedOutcome,
  type SeriesBand,
} from './aggregate';
export { ENSEMBLE_CSV_COLUMNS, ensembleCsvCells, ensembleReport, type EnsembleReport } from './report';
export { ensembleSeed, ensembleSeeds, MAX_ENSEMBLE_SEEDS, withSeed } from './seeds';
export { straddlesHalf, wilson, Z95, type ShareInterval } from './wilson';
