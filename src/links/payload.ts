import LZString from 'lz-string';
import { checkJsonLimits } from '../sim/format';
import { isLzUriText, scanLzUri } from './lzGuard';

/** Longest decompressed payload (characters of JSON) a link may carry: 1 MiB, far above any real scenario. */
export const MAX_PAYLOAD_JSON_LENGTH = 1024 * 1024;

/** A payload read back: the JSON value, or why it could not be. */
export type PayloadRead =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'damaged' | 'too-long'; error: string };

const DAMAGED = 'This link is damaged or truncated: its scenario could not be decompressed. Ask for the link again, or for the scenario as a JSON file.';

/** Compact JSON of `value`, compressed into lz-string's URI-safe alphabet. */
export function compressPayload(value: unknown): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify(value));
}

/**
 * The JSON value a compressed payload holds. The output length is checked before any
 * decompression (see scanLzUri), so a crafted payload costs time linear in its length.
 * JSON.parse makes `__proto__` an own key, never a prototype; the scenario parser then drops it.
 */
export function decompressPayload(text: string): PayloadRead {
  // Some chat tools turn `+` into a space; lz-string itself undoes that the same way.
  const input = text.replace(/ /g, '+');
  if (!isLzUriText(input)) return { ok: false, reason: 'damaged', error: DAMAGED };
  const scan = scanLzUri(input, MAX_PAYLOAD_JSON_LENGTH);
  if (scan.kind === 'damaged') return { ok: false, reason: 'damaged', error: DAMAGED };
  if (scan.kind === 'too-long') {
    return {
      ok: false,
      reason: 'too-long',
      error: `This link is damaged or too large: its scenario would be over ${MAX_PAYLOAD_JSON_LENGTH} characters of JSON (the limit).`,
    };
  }
  // The typings say string; the library returns null (or "") for a broken stream.
  let json: unknown;
  try {
    json = LZString.decompressFromEncodedURIComponent(input);
  } catch {
    json = null;
  }
  if (typeof json !== 'string' || json.length === 0 || json.length > MAX_PAYLOAD_JSON_LENGTH) {
    return { ok: false, reason: 'damaged', error: DAMAGED };
  }
  // A payload nesting thousands deep (or an object of thousands of keys) is refused before it is parsed.
  const breach = checkJsonLimits(json);
  if (breach !== null) {
    return { ok: false, reason: 'too-long', error: `This link is too large to open: its scenario, at ${breach.path}, is ${breach.message}.` };
  }
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, reason: 'damaged', error: DAMAGED };
  }
}
