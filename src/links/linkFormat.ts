import { PRESETS, ScenarioError, findPreset, parseScenario, type Scenario, type ScenarioIssue } from '../sim/format';
import { cappedNotices, paramNotices, splitHash, type HashParams } from './hashParams';
import { lessonParams, readLessonLink, type LessonRef } from './lessonLink';
import { jsonEqual, minimalScenario } from './minimal';
import { compressPayload, decompressPayload } from './payload';
import { VIEW_PARAMS, readView, shown, viewParams, type ViewState } from './view';

/** Longest hash decodeLink reads, checked before anything else (64 KiB): far above any real link. */
export const MAX_HASH_LENGTH = 64 * 1024;

/**
 * Most operator actions a link may carry (the format allows 10000 in a file). The scenario parser
 * checks each action on a copy of the scenario, about 30–60 µs each here, and lz-string packs a
 * repeated action into under 2 bytes of link: 10000 would let 17 KiB of link cost half a second;
 * 1000 keeps any link under about 50 ms. That is a 400 s run with a change every 0.4 s; longer
 * sessions travel as scenario files.
 */
export const MAX_LINK_ACTIONS = 1000;

/** The version of the compressed link format this code writes (`#v1=…`). */
export const LINK_FORMAT_VERSION = 1;

/** What a link carries: the scenario (with its recorded actions) and, optionally, how the page shows it. */
export interface LinkState {
  scenario: Scenario;
  view?: ViewState;
  /** The lesson step the page shows beside the run (`#lesson=<id>&step=<n>`). */
  lesson?: LessonRef;
}

/** Why a link did not open. */
export type DecodeFailureReason =
  | 'empty'
  | 'too-long'
  | 'damaged'
  | 'unknown-version'
  | 'unknown-preset'
  | 'unknown-lesson'
  | 'ambiguous'
  | 'invalid-scenario'
  | 'internal';

/** A link read back: the state and notices to show, or a message for the user (the lab stays usable). */
export type DecodeResult =
  | { ok: true; state: LinkState; notices: string[]; source: 'preset' | 'v1' | 'lesson' }
  | { ok: false; error: string; reason: DecodeFailureReason; issues: ScenarioIssue[] };

const PRESET_PARAMS = ['preset', 'seed', ...VIEW_PARAMS] as const;
const V1_PARAMS = ['v1', ...VIEW_PARAMS] as const;
const LESSON_PARAMS = ['lesson', 'step', 'seed', ...VIEW_PARAMS] as const;
const VERSION_PARAM = /^v(\d+)$/;

let presetScenarios: Map<string, Scenario> | null = null;

/** Each preset parsed once, the first time a link needs it. */
function presetScenario(id: string): Scenario | undefined {
  if (presetScenarios === null) {
    presetScenarios = new Map(PRESETS.map((p) => [p.id, parseScenario(p.scenario).scenario]));
  }
  return presetScenarios.get(id);
}

/** The preset `scenario` is, apart from its seed, if any. */
function matchingPreset(scenario: Scenario): string | undefined {
  for (const preset of PRESETS) {
    const normal = presetScenario(preset.id);
    if (normal !== undefined && jsonEqual({ ...scenario, seed: normal.seed }, normal)) return preset.id;
  }
  return undefined;
}

/**
 * The hash (with its `#`) that reopens `state`: `#preset=<id>[&seed=N]` for an unmodified preset,
 * else `#v1=<compressed minimal scenario>`; then the view's parameters. `state.scenario` must be a
 * normalised scenario (parseScenario's output); invalid view values are left out.
 */
export function encodeLink(state: LinkState): string {
  const { scenario } = state;
  const parts: string[] = [];
  const lesson = state.lesson === undefined ? null : lessonParams(state.lesson, scenario);
  const preset = lesson === null ? matchingPreset(scenario) : undefined;
  if (lesson !== null) {
    parts.push(...lesson);
  } else if (preset !== undefined) {
    parts.push(`preset=${preset}`);
    if (scenario.seed !== presetScenario(preset)?.seed) parts.push(`seed=${scenario.seed}`);
  } else {
    parts.push(`v${LINK_FORMAT_VERSION}=${compressPayload(minimalScenario(scenario))}`);
  }
  parts.push(...viewParams(state.view));
  return `#${parts.join('&')}`;
}

function failure(reason: DecodeFailureReason, error: string, issues: ScenarioIssue[] = []): DecodeResult {
  return { ok: false, reason, error, issues };
}

function invalidScenario(e: ScenarioError, what: string): DecodeResult {
  return failure('invalid-scenario', `${what} cannot be opened:\n${e.message}`, e.issues);
}

/** A `seed=` value as the CLI's `--seed` reads it: a JSON number, else the text (which the schema refuses by name). */
function seedValue(text: string): unknown {
  if (/^[+-]?[\d.eE+-]{1,30}$/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function decodePreset(split: HashParams, id: string): DecodeResult {
  const preset = findPreset(id);
  if (preset === undefined) {
    return failure('unknown-preset', `This link names a preset this version does not have: ${shown(id)}. Pick one from the gallery.`);
  }
  const seedText = split.params.get('seed');
  const raw = seedText === undefined ? preset.scenario : { ...preset.scenario, seed: seedValue(seedText) };
  let scenario: Scenario;
  try {
    scenario = parseScenario(raw).scenario;
  } catch (e) {
    if (e instanceof ScenarioError) return invalidScenario(e, `The preset link ${shown(id)}`);
    throw e;
  }
  return finish(split, scenario, [], 'preset', PRESET_PARAMS);
}

/** The issue when the JSON holds more actions than a link may, checked before the (costly) parse. */
function tooManyActions(value: unknown): ScenarioIssue | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, 'actions')) return null;
  const actions: unknown = (value as Record<string, unknown>).actions;
  if (!Array.isArray(actions) || actions.length <= MAX_LINK_ACTIONS) return null;
  return {
    path: 'actions',
    message: `got an array of ${actions.length} items, expected at most ${MAX_LINK_ACTIONS} in a link (a scenario file may hold more: share it as JSON)`,
  };
}

function decodeV1(split: HashParams, payload: string): DecodeResult {
  const read = decompressPayload(payload);
  if (!read.ok) return failure(read.reason, read.error);
  const crowded = tooManyActions(read.value);
  if (crowded !== null) return invalidScenario(new ScenarioError([crowded]), "This link's scenario");
  let parsed;
  try {
    parsed = parseScenario(read.value, { unknownKeys: 'drop' });
  } catch (e) {
    if (e instanceof ScenarioError) return invalidScenario(e, "This link's scenario");
    throw e;
  }
  return finish(split, parsed.scenario, parsed.notices, 'v1', V1_PARAMS);
}

function decodeLesson(split: HashParams, id: string): DecodeResult {
  const seedText = split.params.get('seed');
  const read = readLessonLink(id, split.params.get('step'), seedText === undefined ? undefined : seedValue(seedText));
  if (!read.ok) return failure('unknown-lesson', read.error);
  let scenario: Scenario;
  try {
    scenario = parseScenario(read.raw).scenario;
  } catch (e) {
    if (e instanceof ScenarioError) return invalidScenario(e, `The lesson link ${shown(id)}`);
    throw e;
  }
  return finish(split, scenario, read.notices, 'lesson', LESSON_PARAMS, read.lesson);
}

function finish(
  split: HashParams,
  scenario: Scenario,
  scenarioNotices: string[],
  source: 'preset' | 'v1' | 'lesson',
  known: readonly string[],
  lesson?: LessonRef,
): DecodeResult {
  const { view, notices: viewNotices } = readView(split.params, scenario.duration);
  const notices = cappedNotices([...scenarioNotices, ...paramNotices(split, known), ...viewNotices]);
  const state: LinkState = Object.keys(view).length > 0 ? { scenario, view } : { scenario };
  if (lesson !== undefined) state.lesson = lesson;
  return { ok: true, state, notices, source };
}

function decodeUnchecked(hash: string): DecodeResult {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.length > MAX_HASH_LENGTH) {
    return failure('too-long', `This link is too long to open: ${body.length} characters after the #, the limit is ${MAX_HASH_LENGTH}.`);
  }
  const split = splitHash(body);
  const preset = split.params.get('preset');
  const v1 = split.params.get('v1');
  const lesson = split.params.get('lesson');
  if (preset !== undefined && v1 !== undefined) {
    return failure('ambiguous', 'This link holds both a preset and a scenario (preset= and v1=); it is damaged.');
  }
  if (lesson !== undefined && (preset !== undefined || v1 !== undefined)) {
    return failure('ambiguous', 'This link holds both a lesson and a scenario (lesson= with preset= or v1=); it is damaged.');
  }
  if (lesson !== undefined) return decodeLesson(split, lesson);
  if (v1 !== undefined) return decodeV1(split, v1);
  if (preset !== undefined) return decodePreset(split, preset);
  const other = split.names.find((n) => VERSION_PARAM.test(n));
  if (other !== undefined) {
    return failure(
      'unknown-version',
      `This link uses link format ${shown(other.slice(0, 12))}, which this version of Metastability Lab cannot read (it reads v1 and preset links). Open it in a newer version, or ask for the scenario as a JSON file.`,
    );
  }
  if (split.names.length === 0) return failure('empty', 'This link holds no scenario.');
  return failure('damaged', 'This link is damaged or truncated: it holds no scenario (no preset=, v1= or lesson= part).');
}

/**
 * The state a URL hash holds (`#preset=…` or `#v1=…`, with or without the `#`). Never throws:
 * a broken, truncated, hostile or newer link gives `ok: false` with a message for the user;
 * unknown fields and parameters are dropped with notices. Decoding is linear in the hash length.
 */
export function decodeLink(hash: string): DecodeResult {
  try {
    if (typeof hash !== 'string') return failure('damaged', 'This link is damaged: it is not text.');
    return decodeUnchecked(hash);
  } catch (e) {
    // A bug, not a bad link: still a message and a working page. Tests assert it never happens.
    let detail = 'unexpected error';
    try {
      detail = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : detail;
    } catch {
      // keep the generic text
    }
    return failure('internal', `This link could not be opened (${detail}).`);
  }
}
