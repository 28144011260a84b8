/** Embed mode (`embed=1`): which controls show, whether it runs at once, and who may drive it by message. */
import { EMBED_CONTROLS, type EmbedControl, type ViewState } from '../../links/index';

export interface EmbedOptions {
  /** The groups of controls shown; the charts and the verdict always show. */
  controls: ReadonlySet<EmbedControl>;
  /** Run at once instead of waiting for a click. */
  autoplay: boolean;
  /** Origins besides the page's own whose messages may drive the embed. */
  origins: readonly string[];
}

/** Controls an embed shows when its link does not say: playback only. */
export const DEFAULT_EMBED_CONTROLS: readonly EmbedControl[] = ['transport'];

const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

/**
 * The origins of a build-time list (`VITE_EMBED_ORIGINS`, comma- or space-separated), normalised by
 * the URL parser; entries that are not an http(s) origin are skipped.
 */
export function parseOriginList(text: string | undefined): string[] {
  if (text === undefined) return [];
  const out: string[] = [];
  for (const part of text.split(/[\s,]+/)) {
    if (part === '' || !ORIGIN.test(part)) continue;
    try {
      const { origin } = new URL(part);
      if (origin !== 'null' && !out.includes(origin)) out.push(origin);
    } catch {
      // not an origin: skipped
    }
  }
  return out;
}

/** The entries of an origin list that `parseOriginList` skips (no scheme, a path, another scheme), to say why. */
export function rejectedOrigins(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== '' && parseOriginList(part).length === 0);
}

/** The embed options a link's view asks for, or null when the page is not embedded. */
export function embedOptions(view: ViewState, buildOrigins: readonly string[] = []): EmbedOptions | null {
  if (view.embed !== true) return null;
  const controls = new Set<EmbedControl>((view.controls ?? DEFAULT_EMBED_CONTROLS).filter((c) => EMBED_CONTROLS.includes(c)));
  const origins = [...new Set([...buildOrigins, ...(view.origins ?? [])])];
  return { controls, autoplay: view.autoplay === true, origins };
}

/** Whether a message from `origin` may drive the embed: the page's own origin always, else only one on the list. */
export function isAllowedOrigin(origin: string, ownOrigin: string, allowed: readonly string[]): boolean {
  if (origin === 'null' || origin === '') return false;
  return origin === ownOrigin || allowed.includes(origin);
}

/** The link parameters of an embed (after the scenario's), for the snippet generator. */
export function embedView(options: { controls: readonly EmbedControl[]; autoplay: boolean; origins?: readonly string[] }): ViewState {
  const view: ViewState = { embed: true };
  // Listed in a fixed order, so equal choices give equal links.
  const controls = EMBED_CONTROLS.filter((c) => options.controls.includes(c));
  if (controls.join(',') !== DEFAULT_EMBED_CONTROLS.join(',')) view.controls = controls;
  if (options.autoplay) view.autoplay = true;
  if (options.origins !== undefined && options.origins.length > 0) view.origins = [...options.origins];
  return view;
}
