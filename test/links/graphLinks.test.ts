import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../src/links/index';
import { findPreset, parseScenario, PRESETS, type Scenario } from '../../src/sim/index';

// A graph of services is part of the scenario: its link opens it again exactly, live changes and triggers on a service included.

const asJson = (s: Scenario): unknown => JSON.parse(JSON.stringify(s));

const GRAPH_PRESETS = PRESETS.filter((p) => (p.scenario as { graph?: unknown }).graph != null);

describe('links of graphs of services', () => {
  it('an unmodified graph preset travels as its id and opens as the same scenario', () => {
    expect(GRAPH_PRESETS.length).toBeGreaterThanOrEqual(2);
    for (const preset of GRAPH_PRESETS) {
      const scenario = parseScenario(preset.scenario).scenario;
      const link = encodeLink({ scenario });
      expect(link).toBe(`#preset=${preset.id}`);
      const back = decodeLink(link);
      if (!back.ok) throw new Error(back.error);
      expect(back.state.scenario).toEqual(asJson(scenario));
    }
  });

  it('a changed graph (another service, a trigger on one replica of a service) travels whole in a v1 link', () => {
    const raw = findPreset(GRAPH_PRESETS[0]!.id)!.scenario as { graph: { services: { name: string; calls?: unknown[] }[] } };
    const services = raw.graph.services.map((s, i) => (i === raw.graph.services.length - 1 ? { ...s, calls: [{ to: 'store', count: 2, retry: { maxRetries: 1 } }] } : s));
    const last = raw.graph.services.at(-1)!.name;
    const input = {
      ...raw,
      seed: 11,
      graph: { ...raw.graph, services: [...services, { name: 'store', replicas: 4, balancer: 'least-outstanding', concurrency: 5 }] },
      triggers: [{ kind: 'errors', at: 30, duration: 20, rate: 1, service: 'store', replica: 2 }, { kind: 'outage', at: 80, duration: 5, service: last }],
    };
    const scenario = parseScenario(input).scenario;
    expect(scenario.graph?.services.map((s) => s.name).at(-1)).toBe('store');
    const link = encodeLink({ scenario });
    expect(link.startsWith('#v1=')).toBe(true);
    const back = decodeLink(link);
    if (!back.ok) throw new Error(back.error);
    expect(back.state.scenario).toEqual(asJson(scenario));
    expect(back.notices).toEqual([]);
    // And what it opens validates to the same scenario.
    expect(asJson(parseScenario(back.state.scenario).scenario)).toEqual(asJson(scenario));
  });
});
