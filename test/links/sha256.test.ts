import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/links/index';

const reference = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Characters of every UTF-8 width (1 to 4 bytes), plus lone surrogates. */
const char = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0x7ff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x800, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom('\ud800', '\udfff', '\udc00\ud800'),
);

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto on every length of ASCII from 0 to 200 bytes (the block edges at 55, 56 and 64 included)', () => {
    for (let n = 0; n <= 200; n++) {
      const text = Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 31 + n) % 94))).join('');
      expect(sha256Hex(text), `length ${n}`).toBe(reference(text));
    }
  });

  it('agrees with node:crypto when multi-byte characters straddle the block edges', () => {
    for (const wide of ['é', '€', '😀']) {
      for (let n = 40; n <= 140; n++) {
        const text = 'x'.repeat(n) + wide + 'y'.repeat(n % 7);
        expect(sha256Hex(text), `${n} × x + ${wide}`).toBe(reference(text));
      }
    }
  });

  it('agrees with node:crypto on random strings of every UTF-8 width, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.array(char, { maxLength: 150 }), (chars) => {
        const text = chars.join('');
        expect(sha256Hex(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with node:crypto on a run-sized text (several MB)', () => {
    const text = JSON.stringify(Array.from({ length: 300_000 }, (_, i) => (i % 13 === 0 ? null : i / 7)));
    expect(text.length).toBeGreaterThan(2_000_000);
    expect(sha256Hex(text)).toBe(reference(text));
  });
});
