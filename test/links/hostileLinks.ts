import fc from 'fast-check';
import LZString from 'lz-string';
import { PRESETS, ScenarioError, defaultScenario, parseScenario, setPath, type Scenario } from '../../src/sim/index';
import { encodeLink } from '../../src/links/index';
import { LZ_URI_ALPHABET } from '../../src/links/lzGuard';
import { RICH as RICH_SCENARIO } from '../sim/scenario/richScenario';

// Broken, truncated, hostile and absurd links, shared by the property test and `npm run bench:links`.

/** The scenario tests' rich scenario, with markup in its name and its own seed. */
export const RICH = { ...RICH_SCENARIO, name: 'rich <b>bold</b>', seed: 42 };

/** Raw scenarios whose mutations the hostile links carry. */
export const BASES: unknown[] = [RICH, {}, defaultScenario(), ...PRESETS.map((p) => p.scenario)];

/** Normalised scenarios whose links get truncated and bit-flipped. */
export const VALID: Scenario[] = [
  parseScenario(RICH).scenario,
  ...PRESETS.map((p) => parseScenario({ ...p.scenario, name: `${p.title} (changed)` }).scenario),
];

/** Links to VALID: as encodeLink writes them (minimal) and with the whole normalised scenario. */
export const VALID_LINKS: string[] = VALID.flatMap((scenario) => [encodeLink({ scenario }), v1Link(JSON.stringify(scenario))]);

/** An lz-string stream that decompresses to `~(chars × 6 / 16)² / 2` characters: a quadratic "zip bomb". */
export function lzBomb(chars: number): string {
  const bits: number[] = [];
  const put = (value: number, n: number): void => {
    for (let i = 0; i < n; i++) bits.push(Math.floor(value / 2 ** i) % 2);
  };
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  put(0, 2);
  put(123, 8); // '{'
  while (bits.length < chars * 6 - 40) {
    put(dictSize, numBits); // always the entry being defined: w + w[0], one longer each time
    dictSize++;
    enlargeIn--;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  put(2, numBits);
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let j = 0; j < 6; j++) v = v * 2 + (bits[i + j] ?? 0);
    out += LZ_URI_ALPHABET.charAt(v);
  }
  return out;
}

/** A `#v1=` link holding this JSON text. */
export function v1Link(json: string): string {
  return `#v1=${LZString.compressToEncodedURIComponent(json)}`;
}

// Stand-ins renamed in the JSON text, so JSON.parse makes them own keys (as a crafted link would).
const PROTO_MARKS: Record<string, string> = { '@proto@': '__proto__', '@ctor@': 'constructor', '@prototype@': 'prototype' };
const PATHS = [
  'name', 'seed', 'duration', 'warmup', 'bin', 'model', 'version', 'load', 'load.rate', 'load.profile', 'load.clients', 'load.zipf',
  'client', 'client.timeout', 'client.retry', 'client.retry.maxRetries', 'client.retry.budget', 'client.breaker', 'server',
  'server.concurrency', 'server.service', 'server.service.dist', 'server.queue', 'server.queue.discipline', 'cache',
  'cache.hitRate', 'triggers', 'triggers.0', 'triggers.0.at', 'triggers.0.kind', 'triggers.1.duration', 'actions', 'actions.0',
  'actions.0.at', 'actions.0.set', 'limits.maxInFlight', 'writeConflict.clients',
  '@proto@', 'client.@proto@', 'server.queue.@ctor@', 'load.@prototype@', 'triggers.0.@proto@', '@ctor@.@prototype@', 'newerField',
];
const MARKUP = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '"><svg onload=alert(1)>', '=HYPERLINK("http://x")', '\u202e\u0000\ud800'];
// Numbers as JSON text carries them: 1e999 parses to Infinity, -0 stays -0; NaN can only come as text or null.
const NUMBER_TEXTS = ['1e999', '-1e999', '-0', '1e308', '-1e308', '5e-324', '4294967296', '9007199254740993', '0.1', '-1'];
let deep = '1';
for (let i = 0; i < 2000; i++) deep = i % 2 === 0 ? `[${deep}]` : `{"load":${deep}}`;
const jsonValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, 'NaN', 'Infinity', '', 0, 1, 30, 0.5, 'lifo', 'outage', {}, [], [1, 2], { kind: 'spike' }),
  fc.constantFrom(...MARKUP),
  fc.string({ maxLength: 30 }),
  fc.double(),
  fc.integer(),
  fc.json({ depthSize: 'small' }).map((t) => JSON.parse(t) as unknown),
);

type Mutation = { path: string; value: unknown; numberText: string | null };
const mutation = fc.record({
  path: fc.constantFrom(...PATHS),
  value: jsonValue,
  numberText: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...NUMBER_TEXTS) }),
});

/** A mutated scenario as JSON text: wrong types, prototype keys, non-finite numbers, markup, deep nesting. */
function mutatedJson(base: unknown, mutations: Mutation[], deepAt: string | null): string {
  let x = base;
  const numbers: string[] = [];
  for (const m of mutations) {
    // A number that JSON.stringify cannot write goes in as a marker, replaced in the text below.
    const value = m.numberText === null ? m.value : `@num${numbers.push(m.numberText) - 1}@`;
    try {
      x = setPath(x, m.path, value);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
    }
  }
  if (deepAt !== null) {
    try {
      x = setPath(x, deepAt, '@deep@');
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
    }
  }
  let text = JSON.stringify(x) ?? 'null';
  for (const [mark, key] of Object.entries(PROTO_MARKS)) text = text.split(`"${mark}"`).join(`"${key}"`);
  numbers.forEach((n, i) => (text = text.split(`"@num${i}@"`).join(n)));
  return text.split('"@deep@"').join(deep);
}

export const hostileJsonLink = fc
  .tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('load', 'client.retry', 'triggers', 'actions.0.set') }))
  .map(([base, ms, deepAt]) => v1Link(mutatedJson(base, ms, deepAt)));

/** Valid links, then damaged: cut, characters replaced, inserted or removed, bits flipped. */
export const damagedLink = fc
  .tuple(fc.constantFrom(...VALID_LINKS), fc.array(fc.tuple(fc.nat(), fc.nat(63), fc.constantFrom('cut', 'replace', 'flip', 'insert', 'delete', 'junk')), { minLength: 1, maxLength: 3 }))
  .map(([link0, edits]) => {
    let link = link0;
    for (const [at, bits, kind] of edits) {
      const i = 4 + (at % Math.max(1, link.length - 4));
      const c = LZ_URI_ALPHABET.charAt(bits);
      if (kind === 'cut') link = link.slice(0, i);
      else if (kind === 'replace') link = link.slice(0, i) + c + link.slice(i + 1);
      else if (kind === 'flip') {
        const v = LZ_URI_ALPHABET.indexOf(link.charAt(i));
        link = link.slice(0, i) + LZ_URI_ALPHABET.charAt(v < 0 ? bits : v ^ (1 << bits % 6)) + link.slice(i + 1);
      } else if (kind === 'insert') link = link.slice(0, i) + c + link.slice(i);
      else if (kind === 'delete') link = link.slice(0, i) + link.slice(i + 1);
      else link = link.slice(0, i) + String.fromCharCode(bits * 1021) + link.slice(i + 1);
    }
    return link;
  });

const paramName = fc.constantFrom('preset', 'lesson', 'step', 'v1', 'v2', 'v9', 'v01', 'seed', 'tab', 'speed', 't', 'embed', 'controls', 'autoplay', 'origins', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', '', '%', '%zz', 'x<y>');
const paramValue = fc.oneof(
  fc.constantFrom('retry-storm', 'mm1', 'hot-shard', 'nope', '1', '2', '99', '0', '-1', 'NaN', 'Infinity', '1e999', '4294967296', 'max', 'lab', 'phase', 'transport,sliders', 'triggers,triggers', 'sliders,', 'https://example.org', 'https://a.test,http://b.test:8080', 'javascript:alert(1)', 'https://x.test/path', 'HTTPS://X.TEST', '%', '%E0%A4%A', '', '__proto__', ...MARKUP),
  fc.string({ maxLength: 20 }),
  fc.double().map(String),
);
/** Hashes built from parameters, known and not, with junk values. */
export const paramLink = fc
  .array(fc.tuple(paramName, paramValue), { minLength: 0, maxLength: 6 })
  .map((ps) => `#${ps.map(([n, v]) => `${n}=${v.replace(/[&#%]/g, (c) => encodeURIComponent(c))}`).join('&')}`);

/**
 * The most work a link may ask of the scenario parser: the most actions a link may carry, each
 * replacing sections, beside the most triggers. They open, slowly (tens of milliseconds each), so
 * the 10 000-run property leaves them to a test of their own and to the bench. Built on first use.
 */
let worst: string[] | null = null;
export function worstCaseLinks(): string[] {
  worst ??= [
    v1Link(`{"actions":[${Array.from({ length: 1000 }, () => '{"at":1,"set":{"server":{},"client":{},"load":{},"cache":{}}}').join(',')}]}`),
    v1Link(
      `{"triggers":[${Array.from({ length: 1000 }, () => '{"kind":"spike","at":1,"duration":1,"factor":1}').join(',')}],"actions":[${Array.from(
        { length: 1000 },
        () => '{"at":1,"set":{"server":{"queue":{"codel":{}},"contention":{},"autoscale":{}},"client":{"retry":{"budget":{}},"breaker":{},"throttle":{}},"load":{"profile":[' +
          Array.from({ length: 20 }, (_, i) => `{"at":${i},"rate":1}`).join(',') + ']},"cache":{}}}',
      ).join(',')}]}`,
    ),
  ];
  return worst;
}

/** Very long hashes: past the cap, bombs, decompressed payloads past 1 MiB, floods of parameters. */
const HUGE: string[] = [
  `#v1=${'A'.repeat(64 * 1024 + 1)}`,
  `#v1=${lzBomb(600)}`,
  `#v1=${lzBomb(6000)}`,
  `#v1=${lzBomb(64 * 1024 - 4)}`,
  `#v1=${lzBomb(3000)}`, // ~1.6 million characters: just past the cap, as a compressor would write it
  v1Link(`{"actions":[${Array.from({ length: 10_001 }, () => '{"at":1,"set":{"load.rate":1}}').join(',')}]}`),
  v1Link(`{"actions":[${Array.from({ length: 1001 }, () => '{"at":1,"set":{"load.rate":1}}').join(',')}]}`),
  `#${'&'.repeat(60_000)}`,
  `#${'x=1&'.repeat(16_000)}preset=mm1`,
];
export const hugeLink = fc.oneof(
  fc.constantFrom(...HUGE),
  fc.integer({ min: 64 * 1024 - 8, max: 64 * 1024 + 8 }).map((n) => `#v1=${'A'.repeat(n)}`),
);

/** Text no link generator would write. */
export const junkLink = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ maxLength: 200 }).map((s) => `#v1=${s}`),
  fc.stringMatching(/^[A-Za-z0-9+\-$]{0,300}$/).map((s) => `#v1=${s}`),
  fc.json().map((j) => v1Link(j)),
);

/** Every kind of bad link, weighted towards the ones that reach the scenario parser. */
export const hostileLink: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: hostileJsonLink },
  { weight: 5, arbitrary: damagedLink },
  { weight: 3, arbitrary: paramLink },
  { weight: 3, arbitrary: junkLink },
  { weight: 1, arbitrary: hugeLink },
);
