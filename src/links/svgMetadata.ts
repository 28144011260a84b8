import type { Scenario } from '../sim/format';

/** Namespace of the metadata element a chart SVG carries. */
export const SVG_METADATA_NAMESPACE = 'https://metastability-lab.invalid/ns/chart/1';

// Characters XML 1.0 forbids (C0 controls except tab, line feed, carriage return; lone surrogates; U+FFFE/F).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an XML element or a quoted attribute, read back unchanged: markup and white space escaped, characters XML forbids replaced by U+FFFD. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // As character references, so a parser keeps them instead of normalising them to spaces (attributes) or LF (CR).
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * The `<title>`, `<desc>` and `<metadata>` a chart's SVG export starts with, so the file names
 * its scenario and carries the link that reopens it. Every value is XML-escaped: a name from a
 * link stays text whatever it holds.
 */
export function svgMetadata(link: string, scenario: Scenario): string {
  const name = xmlText(scenario.name);
  const url = xmlText(link);
  return (
    `<title>${name} — Metastability Lab</title>` +
    `<desc>Scenario ${name}, seed ${scenario.seed}. Reopen it: ${url}</desc>` +
    `<metadata><ml:scenario xmlns:ml="${SVG_METADATA_NAMESPACE}" name="${name}" seed="${scenario.seed}" link="${url}"/></metadata>`
  );
}
