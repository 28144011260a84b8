import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it, vi } from 'vitest';
import { isLzUriText, scanLzUri } from '../../src/links/lzGuard';
import { decodeLink, MAX_HASH_LENGTH } from '../../src/links/index';
import { lzBomb } from './hostileLinks';

// The guard walks a compressed payload without decompressing it. It must agree with lz-string
// on every input, and find out about a decompression bomb in time linear in its length.

const BIG = 1e9;

describe('scanLzUri', () => {
  it('gives the exact decompressed length of anything lz-string compressed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.json(), fc.string({ unit: 'grapheme', maxLength: 2000 })), (text) => {
        expect(scanLzUri(LZString.compressToEncodedURIComponent(text), BIG)).toEqual({ kind: 'ok', length: text.length });
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it('agrees with lz-string on junk: ok means lz-string returns exactly that many characters', () => {
    const junk = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9+\-$]{1,200}$/),
      fc.tuple(fc.json(), fc.nat(), fc.nat(63)).map(([j, at, c]) => {
        const s = LZString.compressToEncodedURIComponent(j);
        const i = at % s.length;
        return s.slice(0, i) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'.charAt(c) + s.slice(i + 1);
      }),
    );
    let ok = 0;
    fc.assert(
      fc.property(junk, (input) => {
        const scan = scanLzUri(input, 100_000);
        if (scan.kind !== 'ok') return;
        ok++;
        const out: unknown = LZString.decompressFromEncodedURIComponent(input);
        expect(typeof out === 'string' ? out.length : out).toBe(scan.length);
      }),
      { numRuns: 1500, seed: 12 },
    );
    expect(ok).toBeGreaterThan(100);
  });

  it('stops at the cap: a bomb that would decompress to ~400 million characters is refused before lz-string runs', () => {
    const bomb = lzBomb(MAX_HASH_LENGTH - 4);
    const scan = scanLzUri(bomb, 1024 * 1024);
    expect(scan.kind).toBe('too-long');
    // lz-string itself would take ~0.5 s and ~800 MB on this one: the decoder must never hand it the bomb.
    const decompress = vi.spyOn(LZString, 'decompressFromEncodedURIComponent');
    const result = decodeLink(`#v1=${bomb}`);
    expect(decompress).not.toHaveBeenCalled();
    // The spy sees the decoder's calls: an ordinary link is decompressed through it.
    decodeLink(`#v1=${LZString.compressToEncodedURIComponent('{"version":1}')}`);
    expect(decompress).toHaveBeenCalledTimes(1);
    decompress.mockRestore();
    expect(result.ok ? 'opened' : result.reason).toBe('too-long');
    // The same bomb, smaller, is a stream lz-string really decompresses to that many characters.
    const small = lzBomb(300);
    const length = LZString.decompressFromEncodedURIComponent(small).length;
    expect(length).toBeGreaterThan(10_000);
    expect(scanLzUri(small, BIG)).toEqual({ kind: 'ok', length });
  });

  it('knows the URI-safe alphabet', () => {
    expect(isLzUriText('AZaz09+-$')).toBe(true);
    for (const c of ['/', '=', ' ', '%', '<', '\u00e9', '\n']) expect(isLzUriText(`A${c}`), c).toBe(false);
  });
});
