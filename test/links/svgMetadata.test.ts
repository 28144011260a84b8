// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SVG_METADATA_NAMESPACE, svgMetadata } from '../../src/links/index';
import { defaultScenario } from '../../src/sim/index';

// The metadata a chart's SVG export carries: parsed back by a strict XML parser, whatever the name holds.

// eslint-disable-next-line no-control-regex -- the control characters are what it matches
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function parse(name: string, link: string): Document {
  const scenario = { ...defaultScenario(), name, seed: 7 };
  const svg = `<svg xmlns="http://www.w3.org/2000/svg">${svgMetadata(link, scenario)}<g/></svg>`;
  return new DOMParser().parseFromString(svg, 'image/svg+xml');
}

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.constantFrom('<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', "' onload='x", '&amp; &lt; ]]> <!-- -->', '\u0000\u0007\ud800'),
);

describe('svgMetadata', () => {
  it('is well-formed XML whatever the name and link, and carries both back as text', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, link) => {
        const doc = parse(name, link);
        expect(doc.getElementsByTagName('parsererror').length).toBe(0);
        const elements = [...doc.documentElement.querySelectorAll('*')].map((e) => e.localName);
        expect(elements).toEqual(['title', 'desc', 'metadata', 'scenario', 'g']);
        const meta = doc.getElementsByTagNameNS(SVG_METADATA_NAMESPACE, 'scenario')[0];
        expect(meta?.getAttribute('name')).toBe(name.replace(NOT_XML, '\uFFFD'));
        expect(meta?.getAttribute('link')).toBe(link.replace(NOT_XML, '\uFFFD'));
        expect(meta?.getAttribute('seed')).toBe('7');
        expect(doc.querySelector('title')?.textContent).toBe(`${name.replace(NOT_XML, '\uFFFD')} — Metastability Lab`);
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
