/**
 * lz-string's URI-safe alphabet (compressToEncodedURIComponent): 6 bits a character.
 * A character outside it is not part of any link we made.
 */
export const LZ_URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

const VALUE: ReadonlyMap<string, number> = new Map([...LZ_URI_ALPHABET].map((c, i) => [c, i]));

/** What a compressed payload would decompress to, found without decompressing it. */
export type LzScan =
  | { kind: 'ok'; length: number }
  /** Not a complete lz-string stream: truncated, a code pointing nowhere, or no end marker. */
  | { kind: 'damaged' }
  /** It would decompress to more than the cap allows. */
  | { kind: 'too-long'; atLeast: number };

/**
 * The length lz-string's decompressFromEncodedURIComponent would return for `input`, walked
 * code by code while tracking only the lengths of dictionary entries, and stopped as soon as it
 * passes `maxOutput`. An LZW stream can describe output quadratic in its length (each code may
 * name an entry one character longer than the last): 64 KiB of crafted link decompresses to
 * about 400 million characters, half a second and most of a gigabyte in the library. This walk
 * mirrors the library's decoder (lz-string 1.5.0, `_decompress` with reset value 32) step for
 * step, so `ok` means the library returns a string of exactly that length, and nothing else.
 * `input` must hold only alphabet characters (spaces already turned back into `+`).
 */
export function scanLzUri(input: string, maxOutput: number): LzScan {
  const length = input.length;
  if (length === 0) return { kind: 'damaged' };
  const valueAt = (i: number): number => VALUE.get(input.charAt(i)) ?? 0;
  let val = valueAt(0);
  let position = 32;
  let index = 1;

  const readBits = (n: number): number => {
    let bits = 0;
    let power = 1;
    for (let i = 0; i < n; i++) {
      const resb = val & position;
      position >>= 1;
      if (position === 0) {
        position = 32;
        val = valueAt(index++);
      }
      bits += resb > 0 ? power : 0;
      power *= 2;
    }
    return bits;
  };

  // Lengths of the dictionary entries; 0..2 are the control codes (never entries).
  const lengths: number[] = [0, 0, 0];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;

  const first = readBits(2);
  if (first === 2) return { kind: 'ok', length: 0 };
  if (first !== 0 && first !== 1) return { kind: 'damaged' };
  readBits(first === 0 ? 8 : 16);
  lengths[3] = 1;
  let wLength = 1;
  let total = 1;

  for (;;) {
    if (index > length) return { kind: 'damaged' };
    let c = readBits(numBits);
    if (c === 2) return { kind: 'ok', length: total };
    if (c === 0 || c === 1) {
      readBits(c === 0 ? 8 : 16);
      lengths[dictSize++] = 1;
      c = dictSize - 1;
      enlargeIn--;
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entryLength: number;
    if (c < dictSize && c >= 3) entryLength = lengths[c] ?? 0;
    else if (c === dictSize) entryLength = wLength + 1;
    else return { kind: 'damaged' };
    total += entryLength;
    if (total > maxOutput) return { kind: 'too-long', atLeast: total };
    lengths[dictSize++] = wLength + 1;
    enlargeIn--;
    wLength = entryLength;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}

/** Whether every character of `input` belongs to the URI-safe alphabet. */
export function isLzUriText(input: string): boolean {
  return /^[A-Za-z0-9+\-$]*$/.test(input);
}
