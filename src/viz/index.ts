export { CHARTS, formatLatency } from './chartDefs';
export type { ChartDef, RefLine, SeriesSource, SeriesSpec } from './chartDefs';
export { maxOver, runsOf, traceSeries } from './lines';
export type { PathTarget } from './lines';
export { chartInk, colourOf } from './palette';
export type { Hue, Theme } from './palette';
export { axisTicks, timeScale, timeWindow, valueScale } from './scales';
export type { ValueScale } from './scales';
