import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import {
  decodeLink,
  encodeLink,
  LINK_WARN_LENGTH,
  linkLength,
  MAX_HASH_LENGTH,
  MAX_LINK_ACTIONS,
  MAX_PAYLOAD_JSON_LENGTH,
  type DecodeResult,
} from '../../src/links/index';
import { PRESETS, defaultScenario, findPreset, parseScenario, type Scenario } from '../../src/sim/index';
import { lzBomb, v1Link, worstCaseLinks } from './hostileLinks';

const presetScenario = (id: string): Scenario => parseScenario(findPreset(id)?.scenario).scenario;

function opened(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the link to open: ${result.error}`);
  return result;
}
function refused(result: DecodeResult): Extract<DecodeResult, { ok: false }> {
  if (result.ok) throw new Error('expected the link to be refused');
  return result;
}

describe('preset links', () => {
  it('encode an unmodified preset as #preset=<id> and open it again', () => {
    for (const preset of PRESETS) {
      const scenario = presetScenario(preset.id);
      const link = encodeLink({ scenario });
      expect(link).toBe(`#preset=${preset.id}`);
      const result = opened(decodeLink(link));
      expect(result.source).toBe('preset');
      expect(result.state.scenario).toEqual(scenario);
      expect(result.notices).toEqual([]);
    }
  });

  it('add &seed=N when only the seed differs', () => {
    const scenario = { ...presetScenario('retry-storm'), seed: 99 };
    expect(encodeLink({ scenario })).toBe('#preset=retry-storm&seed=99');
    expect(opened(decodeLink('#preset=retry-storm&seed=99')).state.scenario).toEqual(scenario);
  });

  it('become v1 links as soon as anything else changes', () => {
    const scenario = presetScenario('retry-storm');
    scenario.load.rate = 279;
    const link = encodeLink({ scenario });
    expect(link).toMatch(/^#v1=[A-Za-z0-9+\-$]+$/);
    expect(opened(decodeLink(link)).state.scenario).toEqual(scenario);
  });

  it('refuse a seed out of range by naming the field and its range', () => {
    const result = refused(decodeLink('#preset=retry-storm&seed=4294967296'));
    expect(result.reason).toBe('invalid-scenario');
    expect(result.error).toContain('seed: got 4294967296, expected an integer from 0 to 4294967295');
  });

  it('refuse an unknown preset, quoting its id as text', () => {
    const result = refused(decodeLink('#preset=%3Cimg%20src%3Dx%3E'));
    expect(result.reason).toBe('unknown-preset');
    expect(result.error).toContain('"<img src=x>"');
  });
});

describe('the view', () => {
  it('travels as parameters after the scenario, in a fixed order, and comes back', () => {
    const scenario = presetScenario('mm1');
    const link = encodeLink({ scenario, view: { embed: true, t: 12.5, speed: Infinity, tab: 'phase' } });
    expect(link).toBe('#preset=mm1&tab=phase&speed=max&t=12.5&embed=1');
    expect(opened(decodeLink(link)).state.view).toEqual({ tab: 'phase', speed: Infinity, t: 12.5, embed: true });
  });

  it('leaves out invalid view values when encoding', () => {
    const link = encodeLink({ scenario: presetScenario('mm1'), view: { speed: -1, t: NaN, tab: 'nope' as 'lab' } });
    expect(link).toBe('#preset=mm1');
  });

  it('drops an invalid view value with a notice naming the parameter; the scenario still opens', () => {
    const result = opened(decodeLink('#preset=mm1&tab=settings&speed=fast&t=1e9&embed=yes'));
    expect(result.state.view).toBeUndefined();
    expect(result.notices).toEqual([
      'tab: got "settings", expected one of "lab", "presets", "phase", "compare", "tradeoffs"; ignored',
      'speed: got "fast", expected a number above 0 and at most 1000, or "max"; ignored',
      't: got "1e9", expected a number from 0 to 10000000; ignored',
      'embed: got "yes", expected 1 or 0; ignored',
    ]);
  });

  it('refuses a playhead past the end of the run', () => {
    const duration = presetScenario('mm1').duration;
    const result = opened(decodeLink(`#preset=mm1&t=${duration + 1}`));
    expect(result.state.view).toBeUndefined();
    expect(result.notices[0]).toContain(`expected at most the scenario's duration (${duration})`);
  });

  it('drops unknown and repeated parameters with notices, as text', () => {
    const result = opened(decodeLink('#preset=mm1&__proto__=1&theme=<b>dark</b>&tab=lab&tab=phase'));
    expect(result.state.view).toEqual({ tab: 'lab' });
    expect(result.notices).toEqual([
      'link parameter "__proto__": unknown, dropped',
      'link parameter "theme": unknown, dropped',
      'link parameter "tab": given more than once, the first is used',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('v1 links', () => {
  it('open a scenario with unknown keys, dropping each with a notice naming its path', () => {
    const result = opened(decodeLink(v1Link('{"version":1,"seed":2,"load":{"rate":50,"burst":3},"futureField":true}')));
    expect(result.state.scenario.load.rate).toBe(50);
    expect(result.notices).toEqual(['load.burst: unknown field dropped', 'futureField: unknown field dropped']);
  });

  it('treat __proto__ and constructor in the JSON as unknown keys, never as prototypes', () => {
    const json = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"load":{"__proto__":{"rate":1}}}';
    const result = opened(decodeLink(v1Link(json)));
    expect(result.state.scenario.load.rate).toBe(defaultScenario().load.rate);
    expect(result.notices).toEqual(['__proto__: unknown field dropped', 'constructor: unknown field dropped', 'load.__proto__: unknown field dropped']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.state.scenario)).toBe(Object.prototype);
  });

  it('keep markup in a name as the exact text', () => {
    const name = '<img src=x onerror=alert(1)>';
    expect(opened(decodeLink(v1Link(JSON.stringify({ name })))).state.scenario.name).toBe(name);
  });

  it('refuse a value out of range by naming the field, the value and the range', () => {
    const result = refused(decodeLink(v1Link('{"client":{"retry":{"maxRetries":-1}},"name":"' + 'x'.repeat(121) + '"}')));
    expect(result.reason).toBe('invalid-scenario');
    expect(result.issues.map((i) => i.path)).toEqual(['name', 'client.retry.maxRetries']);
    expect(result.error).toContain('client.retry.maxRetries: got -1, expected an integer from 0 to 100');
  });

  it('refuse non-finite numbers as JSON writes them (1e999 is Infinity)', () => {
    const result = refused(decodeLink(`#v1=${LZString.compressToEncodedURIComponent('{"load":{"rate":1e999}}')}`));
    expect(result.error).toContain('load.rate: got Infinity');
  });

  it('say a truncated or damaged link is damaged', () => {
    const link = encodeLink({ scenario: { ...presetScenario('retry-storm'), name: 'changed' } });
    for (const bad of [link.slice(0, link.length - 5), `${link.slice(0, 10)}!${link.slice(11)}`, '#v1=', '#v1=%E0%A4%A']) {
      const result = refused(decodeLink(bad));
      expect(result.reason, bad).toBe('damaged');
      expect(result.error).toContain('damaged or truncated');
    }
  });

  it('open links whose + became a space, or whose $ was percent-escaped', () => {
    const scenario = defaultScenario();
    let tried = 0;
    for (let seed = 0; seed < 2000 && tried < 30; seed++) {
      scenario.seed = seed;
      scenario.name = `scenario ${seed * 7919}`;
      const link = encodeLink({ scenario });
      if (!/[+$]/.test(link)) continue;
      tried++;
      expect(opened(decodeLink(link.replace(/\+/g, ' ').replace(/\$/g, '%24'))).state.scenario).toEqual(scenario);
    }
    expect(tried).toBeGreaterThan(10);
  });

  it('refuse a decompressed payload over the cap, and a hash over the cap before reading it', () => {
    const big = refused(decodeLink(`#v1=${lzBomb(3000)}`)); // a real stream of ~1.6 million characters
    expect(big.reason).toBe('too-long');
    expect(big.error).toContain(`over ${MAX_PAYLOAD_JSON_LENGTH} characters`);
    const long = refused(decodeLink(`#preset=mm1&${'x'.repeat(MAX_HASH_LENGTH)}`));
    expect(long.reason).toBe('too-long');
    expect(long.error).toContain(`the limit is ${MAX_HASH_LENGTH}`);
  });
});

describe('the action cap', () => {
  const actions = (n: number): string => `{"actions":[${Array.from({ length: n }, (_, i) => `{"at":${i % 400},"set":{"load.rate":${i % 300}}}`).join(',')}]}`;

  it('opens a link with as many actions as a link may carry, and refuses one more by naming the field', () => {
    expect(opened(decodeLink(v1Link(actions(MAX_LINK_ACTIONS)))).state.scenario.actions).toHaveLength(MAX_LINK_ACTIONS);
    const result = refused(decodeLink(v1Link(actions(MAX_LINK_ACTIONS + 1))));
    expect(result.issues).toEqual([{ path: 'actions', message: expect.stringContaining(`expected at most ${MAX_LINK_ACTIONS} in a link`) as unknown }]);
  });

  it('the links that ask the parser for the most work still open (their time is in npm run bench:links)', () => {
    for (const link of worstCaseLinks()) expect(decodeLink(link).ok).toBe(true);
  });

  it('is what linkLength reports when it knows the scenario', () => {
    const scenario = parseScenario(JSON.parse(actions(MAX_LINK_ACTIONS + 1))).scenario;
    const info = linkLength(encodeLink({ scenario }), scenario);
    expect(info.status).toBe('too-long');
    expect(info.warning).toContain(`${MAX_LINK_ACTIONS + 1} operator actions`);
  });
});

describe('links that hold no v1 scenario', () => {
  it('name an unknown link format version', () => {
    const result = refused(decodeLink('#v9=N4Ig'));
    expect(result.reason).toBe('unknown-version');
    expect(result.error).toContain('link format "v9"');
  });

  it('refuse both a preset and a scenario, nothing at all, or neither', () => {
    expect(refused(decodeLink('#preset=mm1&v1=N4Ig')).reason).toBe('ambiguous');
    expect(refused(decodeLink('')).reason).toBe('empty');
    expect(refused(decodeLink('#')).reason).toBe('empty');
    expect(refused(decodeLink('#tab=lab')).reason).toBe('damaged');
    expect(refused(decodeLink(42 as unknown as string)).reason).toBe('damaged');
  });
});

describe('linkLength', () => {
  it('is fine up to the chat-tool limit, warns past it, and says when a link is too long to open', () => {
    expect(linkLength('https://x.test/#preset=mm1')).toEqual({ length: 26, status: 'ok', warning: null });
    const long = linkLength(`https://x.test/#v1=${'A'.repeat(LINK_WARN_LENGTH)}`);
    expect(long.status).toBe('long');
    expect(long.warning).toContain(`${long.length} characters`);
    expect(linkLength(`https://x.test/#${'A'.repeat(MAX_HASH_LENGTH + 1)}`).status).toBe('too-long');
    expect(linkLength(`#${'A'.repeat(MAX_HASH_LENGTH)}`).status).toBe('long');
  });
});

describe('the embed parameters', () => {
  it('controls, autoplay and origins travel after embed and come back', () => {
    const view = { embed: true, controls: ['transport', 'sliders'] as ('transport' | 'sliders')[], autoplay: true, origins: ['https://course.example.org', 'http://127.0.0.1:8080'] };
    const link = encodeLink({ scenario: presetScenario('mm1'), view });
    expect(link).toBe('#preset=mm1&embed=1&controls=transport,sliders&autoplay=1&origins=https://course.example.org,http://127.0.0.1:8080');
    expect(opened(decodeLink(link)).state.view).toEqual(view);
  });

  it('an empty controls list means no controls, and survives the round trip', () => {
    const link = encodeLink({ scenario: presetScenario('mm1'), view: { embed: true, controls: [] } });
    expect(link).toBe('#preset=mm1&embed=1&controls=');
    expect(opened(decodeLink(link)).state.view).toEqual({ embed: true, controls: [] });
  });

  it('drops an unknown control, a repeated one, a bad autoplay and an origin with a path or a script scheme, naming each parameter', () => {
    for (const [hash, name] of [
      ['#preset=mm1&controls=transport,charts', 'controls'],
      ['#preset=mm1&controls=sliders,sliders', 'controls'],
      ['#preset=mm1&controls=transport,triggers,sliders,transport', 'controls'],
      ['#preset=mm1&autoplay=yes', 'autoplay'],
      ['#preset=mm1&origins=https://example.org/course', 'origins'],
      ['#preset=mm1&origins=javascript:alert(1)', 'origins'],
      ['#preset=mm1&origins=', 'origins'],
      ['#preset=mm1&origins=https://EXAMPLE.org', 'origins'],
      [`#preset=mm1&origins=${Array.from({ length: 9 }, (_, i) => `https://h${i}.test`).join(',')}`, 'origins'],
    ] as const) {
      const result = opened(decodeLink(hash));
      expect(result.state.view, hash).toBeUndefined();
      expect(result.notices, hash).toHaveLength(1);
      expect(result.notices[0], hash).toMatch(new RegExp(`^${name}: got .*; ignored$`));
    }
  });

  it('percent-escaped origins (as some tools rewrite them) still open', () => {
    const result = opened(decodeLink('#preset=mm1&embed=1&origins=https%3A%2F%2Fa.test%2Chttp%3A%2F%2F%5B%3A%3A1%5D%3A5173'));
    expect(result.state.view).toEqual({ embed: true, origins: ['https://a.test', 'http://[::1]:5173'] });
  });
});
