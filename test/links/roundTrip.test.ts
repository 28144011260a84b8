import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink, VIEW_TABS, type ViewState } from '../../src/links/index';
import { defaultScenario, parseScenario, type Scenario } from '../../src/sim/index';
import { validScenario } from './validScenarios';

// Whatever the page can hold, its link opens it again exactly: scenario (with actions and triggers), seed, view.

/** A scenario as JSON carries it (the CLI's format): -0 is written 0. */
const asJson = (s: Scenario): unknown => JSON.parse(JSON.stringify(s));

const view: fc.Arbitrary<ViewState> = fc.record(
  {
    tab: fc.constantFrom(...VIEW_TABS),
    speed: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.001, max: 1000, noNaN: true }).filter((x) => x > 0)),
    t: fc.double({ min: 0, max: 60, noNaN: true }),
    embed: fc.boolean(),
  },
  { requiredKeys: [] },
);

function payloadOf(link: string): Record<string, unknown> {
  const m = /^#v1=([^&]*)/.exec(link);
  if (m === null) throw new Error(`not a v1 link: ${link}`);
  return JSON.parse(LZString.decompressFromEncodedURIComponent(m[1] ?? '')) as Record<string, unknown>;
}

describe('encodeLink then decodeLink', () => {
  it('gives back every valid scenario and view exactly', () => {
    fc.assert(
      fc.property(validScenario, view, (scenario, v) => {
        const link = encodeLink({ scenario, view: v });
        const result = decodeLink(link);
        if (!result.ok) throw new Error(result.error);
        expect(result.state.scenario).toEqual(asJson(scenario));
        expect(result.state.view ?? {}).toEqual(v);
        expect(result.notices).toEqual([]);
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('writes only the fields that differ from the defaults, plus version and seed', () => {
    const defaults = defaultScenario() as unknown as Record<string, unknown>;
    fc.assert(
      fc.property(validScenario, (scenario) => {
        const link = encodeLink({ scenario });
        if (link.startsWith('#preset=')) return;
        const payload = payloadOf(link);
        expect(payload.version).toBe(1);
        expect(payload.seed).toBe(scenario.seed);
        for (const key of Object.keys(payload)) {
          if (key === 'version' || key === 'seed') continue;
          expect(JSON.stringify((scenario as unknown as Record<string, unknown>)[key]), key).not.toBe(JSON.stringify(defaults[key]));
        }
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it('writes the default scenario as its version and seed alone', () => {
    expect(payloadOf(encodeLink({ scenario: defaultScenario() }))).toEqual({ version: 1, seed: 1 });
  });

  it('writes a section switched on with its defaults as {}', () => {
    const scenario = defaultScenario();
    scenario.client.retry.budget = parseScenario({ client: { retry: { budget: {} } } }).scenario.client.retry.budget;
    expect(payloadOf(encodeLink({ scenario }))).toEqual({ version: 1, seed: 1, client: { retry: { budget: {} } } });
  });
});
