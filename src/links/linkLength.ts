import type { Scenario } from '../sim/format';
import { MAX_HASH_LENGTH, MAX_LINK_ACTIONS } from './linkFormat';

/**
 * Length above which "copy link" warns: 2000 characters. Discord refuses a message longer than
 * 2000 characters, so a longer link cannot even be posted there, and 2000 is the usual "safe URL
 * length" below which browsers, proxies, link previews and chat tools keep a URL whole.
 */
export const LINK_WARN_LENGTH = 2000;

/** How a link's length fares: fine, long for chat tools, or too long for this page to open. */
export interface LinkLengthInfo {
  /** Characters in the whole link. */
  length: number;
  status: 'ok' | 'long' | 'too-long';
  /** A sentence for the copy-link box, or null when the length is fine. */
  warning: string | null;
}

/**
 * The length of `link` (a full URL or just its hash) and what the copy-link box should say about
 * it. Give the `scenario` it holds to learn also when it has more actions than a link may carry.
 */
export function linkLength(link: string, scenario?: Scenario): LinkLengthInfo {
  const length = link.length;
  const actions = scenario?.actions.length ?? 0;
  if (actions > MAX_LINK_ACTIONS) {
    return {
      length,
      status: 'too-long',
      warning: `This scenario has ${actions} operator actions; a link opens at most ${MAX_LINK_ACTIONS}. Export the scenario as JSON instead.`,
    };
  }
  const hashAt = link.indexOf('#');
  const hashLength = hashAt < 0 ? length : length - hashAt - 1;
  if (hashLength > MAX_HASH_LENGTH) {
    return {
      length,
      status: 'too-long',
      warning: `This link has ${length} characters: too long to open (the limit is ${MAX_HASH_LENGTH} after the #). Export the scenario as JSON instead.`,
    };
  }
  if (length > LINK_WARN_LENGTH) {
    return {
      length,
      status: 'long',
      warning: `This link has ${length} characters: some chat tools cut or refuse links over ${LINK_WARN_LENGTH}. Share the scenario JSON if it breaks.`,
    };
  }
  return { length, status: 'ok', warning: null };
}
