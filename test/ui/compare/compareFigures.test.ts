import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario, SERIES_NAMES, type RunResult } from '../../../src/sim/index';
import type { CompareSideState } from '../../../src/state/index';
import { SeriesBuffer } from '../../../src/state/seriesBuffer';
import { compareRows } from '../../../src/ui/compare/compareFigures';
import { runSweepCell } from '../../../src/worker/sweepCell';

function side(r: RunResult): CompareSideState {
  const bins = r.series.t.length;
  const series = new SeriesBuffer(SERIES_NAMES, bins);
  const data = new Float64Array(SERIES_NAMES.length * bins);
  SERIES_NAMES.forEach((name, s) => r.series[name].forEach((v, i) => (data[s * bins + i] = v ?? NaN)));
  series.write(0, bins, data);
  return { title: r.scenario.name, recorded: r.scenario, series, summary: r.summary, nowS: r.scenario.duration, done: true, binS: r.scenario.bin, durationS: r.scenario.duration };
}

const raw = findPreset('retry-storm')!.scenario;
const storm = runScenario(parseScenario(raw).scenario);
const budget = runScenario(parseScenario({ ...raw, client: { timeout: 1, retry: { maxRetries: 1, budget: { tokens: 10, ratio: 0.1 } } } }).scenario);

describe('compare figures and phase-map cells read the client-experienced latency', () => {
  it('the stuck side\'s p99 counts its failures, so it is not lower than the cured side\'s; the success-only p99 stays beside it', () => {
    expect(storm.summary.verdict).toBe('metastable');
    expect(budget.summary.verdict).toBe('recovered');
    const rows = compareRows(side(storm), side(budget));
    const p99 = rows.find((r) => r.key === 'p99')!;
    const ok = rows.find((r) => r.key === 'successP99')!;
    expect(p99.label).toMatch(/every request/);
    expect(ok.label).toMatch(/successes only/);
    expect(storm.summary.clientLatency.p99!).toBeGreaterThan(budget.summary.clientLatency.p99!);
    expect(p99.diff.startsWith('−')).toBe(true);
    expect(p99.left).not.toBe(ok.left);
  });

  it('a phase-map cell reports the client p99', () => {
    expect(runSweepCell(raw).p99).toBe(storm.summary.clientLatency.p99);
  });
});
