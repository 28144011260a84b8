import { shown } from './view';

/** The parameters of a hash (`#preset=retry-storm&seed=3`), first occurrence of each name. */
export interface HashParams {
  params: Map<string, string>;
  /** Names in the order met, each once. */
  names: string[];
  /** Names given more than once (the first value is used). */
  repeated: string[];
}

function percentDecoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a broken escape: the text as it is, which then fails its own check
  }
}

/**
 * Splits a hash into `name=value` parameters, percent-decoding each (chat tools sometimes escape
 * `$` as `%24`). A part without `=` is a name with an empty value. Values live in a Map, so no
 * name — `__proto__` included — can reach an object's prototype.
 */
export function splitHash(hash: string): HashParams {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new Map<string, string>();
  const names: string[] = [];
  const repeated = new Set<string>();
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = percentDecoded(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : percentDecoded(part.slice(eq + 1));
    if (params.has(name)) {
      repeated.add(name);
      continue;
    }
    params.set(name, value);
    names.push(name);
  }
  return { params, names, repeated: [...repeated] };
}

/** Most notices a link reports one by one; the rest are counted. */
export const MAX_LINK_NOTICES = 20;

/** Notices with their tail summarised past the cap. */
export function cappedNotices(notices: readonly string[]): string[] {
  if (notices.length <= MAX_LINK_NOTICES) return [...notices];
  const rest = notices.length - MAX_LINK_NOTICES;
  return [...notices.slice(0, MAX_LINK_NOTICES), `… and ${rest} more notice${rest === 1 ? '' : 's'}`];
}

/** Notices for parameters this version does not know, and for repeated ones. */
export function paramNotices(split: HashParams, known: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of split.names) {
    if (!known.includes(name)) out.push(`link parameter ${shown(name)}: unknown, dropped`);
  }
  for (const name of split.repeated) out.push(`link parameter ${shown(name)}: given more than once, the first is used`);
  return out;
}
