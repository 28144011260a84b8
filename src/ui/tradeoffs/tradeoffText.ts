/** How the tradeoffs view writes its figures: shares as percentages, seconds and factors to three figures. */
import type { TradeoffMeasureKey } from '../../sim/format';

export function formatMeasure(unit: 'share' | 's' | '×', v: number | null): string {
  if (v === null) return '—';
  // A share that rounds to zero reads 0.0%, whichever side of zero it lies; under 1%, two decimals.
  if (unit === 'share') {
    if (Math.abs(v) < 0.00005) return '0.0%';
    return `${(v * 100).toFixed(Math.abs(v) < 0.01 ? 2 : 1)}%`;
  }
  if (unit === '×') return `${v.toFixed(2)}×`;
  return `${v < 10 ? v.toFixed(2) : v.toFixed(0)} s`;
}

/** The costs the chart can put against goodput share. */
export const CHART_COSTS: readonly TradeoffMeasureKey[] = ['amplification', 'shedShare', 'successesLost', 'p999', 'longestWait', 'detect'];
