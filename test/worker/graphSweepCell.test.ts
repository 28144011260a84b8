import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario } from '../../src/sim/index';
import { runSweepCell } from '../../src/worker/sweepCell';
import { cellScenario } from '../../src/worker/sweepProtocol';

// The phase map on a graph of services: a cell is the graph with the two axes' values written in, run as the CLI runs it.

describe('phase-map cells of a graph of services', () => {
  it('a cell of a graph preset gives the verdict and figures of the whole run of that cell', () => {
    const base = { ...(findPreset('graph-retry-layers')!.scenario as object), duration: 120 };
    for (const [rate, retries] of [
      [20, 0],
      [80, 2],
    ] as const) {
      const raw = cellScenario(base, 'load.rate', rate, 'client.retry.maxRetries', retries);
      const cell = runSweepCell(raw);
      const whole = runScenario(parseScenario(raw).scenario);
      expect(whole.scenario.graph?.services).toHaveLength(3);
      expect(whole.scenario.client.retry.maxRetries).toBe(retries);
      expect(cell.verdict).toBe(whole.summary.verdict);
      expect(cell.goodput).toBe(whole.summary.rates.goodput);
      expect(cell.offered).toBeCloseTo(rate, -1);
      expect(cell.costs.verdict).toBe(whole.summary.verdict);
    }
  });
});
