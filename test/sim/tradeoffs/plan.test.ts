import { describe, expect, it } from 'vitest';
import { findPreset, tradeoffConfigs } from '../../../src/sim/index';

describe('the cures a tradeoff study tries', () => {
  it('on one server include the server’s cures; on a graph only the client’s, since its services replace the server', () => {
    const server = tradeoffConfigs(findPreset('retry-storm')!.scenario, false).map((c) => c.label);
    expect(server.some((l) => /queue/i.test(l))).toBe(true);
    const graph = tradeoffConfigs(findPreset('graph-retry-layers')!.scenario, false);
    expect(graph.length).toBeGreaterThan(1);
    for (const c of graph) expect(Object.keys(c.set).every((path) => !path.startsWith('server')), c.label).toBe(true);
  });
});
