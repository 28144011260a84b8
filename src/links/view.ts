import * as v from 'valibot';

/** The tabs of the page a link can open on. */
export const VIEW_TABS = ['lab', 'presets', 'phase', 'compare', 'tradeoffs'] as const;
export type ViewTab = (typeof VIEW_TABS)[number];

/** Fastest playback speed a link may ask for (simulated seconds per second), besides `max`. */
export const MAX_VIEW_SPEED = 1000;
/** Latest playhead a link may hold, seconds (the longest run the format allows). */
const MAX_VIEW_T = 1e7;

/** The groups of controls an embed can show (`controls=transport,triggers`); the charts always show. */
export const EMBED_CONTROLS = ['transport', 'triggers', 'sliders'] as const;
export type EmbedControl = (typeof EMBED_CONTROLS)[number];

/** Most origins an embed link may allow to drive it by message. */
export const MAX_EMBED_ORIGINS = 8;
/** An origin as `location.origin` writes it: http(s), a host name or IPv4/[IPv6] address, an optional port; no path. */
const ORIGIN = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/;

/**
 * What a link says about the page, beside the scenario. Every field is optional; the page
 * keeps its own default for what is missing.
 * - `tab`: the view to open.
 * - `speed`: playback speed, simulated seconds per second; `Infinity` = unthrottled (`max` in a link).
 * - `t`: the playhead, simulated seconds from the start (at most the scenario's duration).
 * - `embed`: the page is embedded (iframe): page chrome hidden, click to run.
 * - `controls`: in an embed, which groups of controls show (none when empty; `transport` when absent).
 * - `autoplay`: in an embed, run at once instead of waiting for a click.
 * - `origins`: in an embed, the origins (besides the page's own) whose messages may drive it.
 */
export interface ViewState {
  tab?: ViewTab;
  speed?: number;
  t?: number;
  embed?: boolean;
  controls?: EmbedControl[];
  autoplay?: boolean;
  origins?: string[];
}

/** Link parameter names of the view, in the order links write them. */
export const VIEW_PARAMS = ['tab', 'speed', 't', 'embed', 'controls', 'autoplay', 'origins'] as const;
type ViewParam = (typeof VIEW_PARAMS)[number];

const SPEED_RANGE = `expected a number above 0 and at most ${MAX_VIEW_SPEED}, or "max"`;
const speedSchema = v.pipe(
  v.number(SPEED_RANGE),
  v.check((x) => x === Infinity || (x > 0 && x <= MAX_VIEW_SPEED), SPEED_RANGE),
);

const CONTROLS_RANGE = `expected a comma-separated list of ${EMBED_CONTROLS.map((c) => `"${c}"`).join(', ')}, each at most once (empty for none)`;
const ORIGINS_RANGE = `expected a comma-separated list of 1 to ${MAX_EMBED_ORIGINS} origins such as "https://example.org" (scheme, host and port only, lower case)`;

const SCHEMAS = {
  tab: v.picklist(VIEW_TABS, `expected one of ${VIEW_TABS.map((t) => `"${t}"`).join(', ')}`),
  speed: speedSchema,
  t: v.pipe(
    v.number(`expected a number from 0 to ${MAX_VIEW_T}`),
    v.minValue(0, `expected a number from 0 to ${MAX_VIEW_T}`),
    v.maxValue(MAX_VIEW_T, `expected a number from 0 to ${MAX_VIEW_T}`),
  ),
  embed: v.boolean('expected 1 or 0'),
  controls: v.pipe(
    v.array(v.picklist(EMBED_CONTROLS), CONTROLS_RANGE),
    v.maxLength(EMBED_CONTROLS.length, CONTROLS_RANGE),
    v.check((list) => new Set(list).size === list.length, CONTROLS_RANGE),
  ),
  autoplay: v.boolean('expected 1 or 0'),
  origins: v.pipe(
    v.array(v.pipe(v.string(ORIGINS_RANGE), v.maxLength(200, ORIGINS_RANGE), v.regex(ORIGIN, ORIGINS_RANGE)), ORIGINS_RANGE),
    v.minLength(1, ORIGINS_RANGE),
    v.maxLength(MAX_EMBED_ORIGINS, ORIGINS_RANGE),
  ),
} satisfies Record<ViewParam, v.GenericSchema>;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A parameter's text as the value it stands for; text that is no such value stays text (and fails validation). */
function fromParam(name: ViewParam, text: string): unknown {
  switch (name) {
    case 'tab':
      return text;
    case 'speed':
      if (text === 'max') return Infinity;
      return NUMBER.test(text) ? Number(text) : text;
    case 't':
      return NUMBER.test(text) ? Number(text) : text;
    case 'embed':
    case 'autoplay':
      return text === '1' ? true : text === '0' ? false : text;
    case 'controls':
      return text === '' ? [] : text.split(',', EMBED_CONTROLS.length + 1);
    case 'origins':
      return text.split(',', MAX_EMBED_ORIGINS + 1);
  }
}

/** A view value as link parameter text, or null when the value is not valid (it is then left out). */
function toParam(name: ViewParam, value: unknown): string | null {
  if (value === undefined || !v.is(SCHEMAS[name], value)) return null;
  if (name === 'embed' || name === 'autoplay') return value === true ? '1' : '0';
  if (name === 'controls' || name === 'origins') return (value as string[]).join(',');
  if (name === 'speed' && value === Infinity) return 'max';
  return String(value);
}

/** `"abc"` for a message: JSON-quoted and cut, so markup or control characters show as text. */
export function shown(text: string, max = 40): string {
  return text.length > max ? `${JSON.stringify(text.slice(0, max))}…` : JSON.stringify(text);
}

export interface ViewRead {
  view: ViewState;
  /** One line per parameter dropped: `speed: got "fast", expected …; ignored`. */
  notices: string[];
}

/**
 * The view from link parameters, field by field (so no key of the input ever becomes a key of
 * the result). An invalid value is dropped with a notice naming the parameter: the scenario
 * still opens. `duration` bounds the playhead.
 */
export function readView(params: ReadonlyMap<string, string>, duration: number): ViewRead {
  const view: ViewState = {};
  const notices: string[] = [];
  for (const name of VIEW_PARAMS) {
    const text = params.get(name);
    if (text === undefined) continue;
    const value = fromParam(name, text);
    const result = v.safeParse(SCHEMAS[name], value);
    if (!result.success) {
      const expected = result.issues[0]?.message ?? 'not valid';
      notices.push(`${name}: got ${shown(text)}, ${expected}; ignored`);
      continue;
    }
    switch (name) {
      case 'tab':
        view.tab = result.output as ViewTab;
        break;
      case 'speed':
        view.speed = result.output as number;
        break;
      case 't':
        if ((result.output as number) > duration) {
          notices.push(`t: got ${shown(text)}, expected at most the scenario's duration (${duration}); ignored`);
        } else {
          view.t = result.output as number;
        }
        break;
      case 'embed':
        view.embed = result.output as boolean;
        break;
      case 'controls':
        view.controls = [...(result.output as EmbedControl[])];
        break;
      case 'autoplay':
        view.autoplay = result.output as boolean;
        break;
      case 'origins':
        view.origins = [...(result.output as string[])];
        break;
    }
  }
  return { view, notices };
}

/** The view as link parameters (`tab=phase&speed=max`), valid fields only, in a fixed order. */
export function viewParams(view: ViewState | undefined): string[] {
  if (view === undefined) return [];
  const out: string[] = [];
  for (const name of VIEW_PARAMS) {
    const text = toParam(name, view[name]);
    // Commas, colons and slashes are safe in a fragment: left readable (`controls=transport,sliders`, `origins=https://…`).
    if (text !== null) out.push(`${name}=${encodeURIComponent(text).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/')}`);
  }
  return out;
}
