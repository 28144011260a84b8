import * as v from 'valibot';

/** The tabs of the page a link can open on. */
export const VIEW_TABS = ['lab', 'presets', 'phase', 'compare'] as const;
export type ViewTab = (typeof VIEW_TABS)[number];

/** Fastest playback speed a link may ask for (simulated seconds per second), besides `max`. */
export const MAX_VIEW_SPEED = 1000;
/** Latest playhead a link may hold, seconds (the longest run the format allows). */
const MAX_VIEW_T = 1e7;

/**
 * What a link says about the page, beside the scenario. Every field is optional; the page
 * keeps its own default for what is missing.
 * - `tab`: the view to open.
 * - `speed`: playback speed, simulated seconds per second; `Infinity` = unthrottled (`max` in a link).
 * - `t`: the playhead, simulated seconds from the start (at most the scenario's duration).
 * - `embed`: the page is embedded (iframe): controls hidden, click to run.
 */
export interface ViewState {
  tab?: ViewTab;
  speed?: number;
  t?: number;
  embed?: boolean;
}

/** Link parameter names of the view, in the order links write them. */
export const VIEW_PARAMS = ['tab', 'speed', 't', 'embed'] as const;
type ViewParam = (typeof VIEW_PARAMS)[number];

const SPEED_RANGE = `expected a number above 0 and at most ${MAX_VIEW_SPEED}, or "max"`;
const speedSchema = v.pipe(
  v.number(SPEED_RANGE),
  v.check((x) => x === Infinity || (x > 0 && x <= MAX_VIEW_SPEED), SPEED_RANGE),
);

const SCHEMAS = {
  tab: v.picklist(VIEW_TABS, `expected one of ${VIEW_TABS.map((t) => `"${t}"`).join(', ')}`),
  speed: speedSchema,
  t: v.pipe(
    v.number(`expected a number from 0 to ${MAX_VIEW_T}`),
    v.minValue(0, `expected a number from 0 to ${MAX_VIEW_T}`),
    v.maxValue(MAX_VIEW_T, `expected a number from 0 to ${MAX_VIEW_T}`),
  ),
  embed: v.boolean('expected 1 or 0'),
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
      return text === '1' ? true : text === '0' ? false : text;
  }
}

/** A view value as link parameter text, or null when the value is not valid (it is then left out). */
function toParam(name: ViewParam, value: unknown): string | null {
  if (value === undefined || !v.is(SCHEMAS[name], value)) return null;
  if (name === 'embed') return value === true ? '1' : '0';
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
    if (text !== null) out.push(`${name}=${encodeURIComponent(text)}`);
  }
  return out;
}
