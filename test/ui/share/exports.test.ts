// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { SVG_METADATA_NAMESPACE } from '../../../src/links/index';
import { findPreset, parseScenario, runScenario } from '../../../src/sim/index';
import { SeriesBuffer } from '../../../src/state/index';
import { chartsSvg } from '../../../src/ui/share/chartsSvg';
import { fileStem, pngWithText } from '../../../src/ui/share/download';

/** The page's series buffer filled with a run's one-value-per-bin series (as the worker's frames fill it). */
function bufferOf(all: object): SeriesBuffer {
  const series = Object.fromEntries(
    Object.entries(all).filter(([, v]) => Array.isArray(v) && (v as unknown[]).every((x) => x === null || typeof x === 'number')),
  ) as Record<string, (number | null)[]>;
  const names = Object.keys(series);
  const bins = series[names[0]!]!.length;
  const buffer = new SeriesBuffer(names);
  const data = new Float64Array(names.length * bins);
  names.forEach((n, s) => series[n]!.forEach((v, i) => (data[s * bins + i] = v ?? NaN)));
  buffer.write(0, bins, data);
  return buffer;
}

describe('chartsSvg', () => {
  const raw = findPreset('retry-storm')!.scenario as Record<string, unknown>;
  const scenario = parseScenario({ ...raw, name: 'Storm <script>alert(1)</script> & "quotes"', duration: 120, actions: [{ at: 90, set: { 'load.rate': 100 } }] }).scenario;
  const result = runScenario(scenario);
  const link = 'https://lab.test/#v1=abc&tab=lab';
  const svg = chartsSvg({ source: bufferOf(result.series), binS: 1, durationS: 120, scenario, link, theme: 'light', timeoutS: 1 });
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');

  it('is well-formed XML whatever the scenario name holds, with the name as text and no element from it', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.getElementsByTagName('script')).toHaveLength(0);
    expect(doc.querySelector('title')?.textContent).toBe('Storm <script>alert(1)</script> & "quotes" — Metastability Lab');
  });

  it('carries the link and the seed in its metadata', () => {
    const meta = doc.getElementsByTagNameNS(SVG_METADATA_NAMESPACE, 'scenario')[0];
    expect(meta?.getAttribute('link')).toBe(link);
    expect(meta?.getAttribute('seed')).toBe(String(scenario.seed));
  });

  it('draws every chart of the run: one path per series with values, the trigger bands and the action mark', () => {
    const paths = doc.querySelectorAll('path');
    expect(paths.length).toBeGreaterThanOrEqual(12);
    // The outage (60–70 s of 120) is shaded in every chart.
    const bands = [...doc.querySelectorAll('rect')].filter((r) => r.getAttribute('fill')?.startsWith('rgba'));
    expect(bands.length).toBe(5);
    expect(doc.querySelectorAll('line[stroke-dasharray="4 2"]')).toHaveLength(5);
  });
});

describe('pngWithText', () => {
  // The smallest valid PNG: 1×1 grey pixel.
  const tiny = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

  function crc32(bytes: Uint8Array): number {
    let c = 0xffffffff;
    for (const b of bytes) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  }

  it('inserts a tEXt chunk after IHDR with a correct CRC, leaving the image chunks unchanged', () => {
    const link = 'https://lab.test/#preset=retry-storm&seed=7';
    const out = pngWithText(tiny, 'Source', link);
    const view = new DataView(out.buffer);
    const at = 33;
    const length = view.getUint32(at);
    expect(new TextDecoder('latin1').decode(out.subarray(at + 4, at + 8))).toBe('tEXt');
    expect(new TextDecoder('latin1').decode(out.subarray(at + 8, at + 8 + length))).toBe(`Source\0${link}`);
    expect(view.getUint32(at + 8 + length)).toBe(crc32(out.subarray(at + 4, at + 8 + length)));
    expect([...out.subarray(0, at)]).toEqual([...tiny.subarray(0, at)]);
    expect([...out.subarray(at + 12 + length)]).toEqual([...tiny.subarray(at)]);
  });
});

describe('fileStem', () => {
  it('keeps letters and digits of the name, and the seed', () => {
    expect(fileStem('Retry storm', 1)).toBe('retry-storm-seed-1');
    expect(fileStem('../../etc/passwd <b>', 7)).toBe('etc-passwd-b-seed-7');
    expect(fileStem('', 3)).toBe('scenario-seed-3');
  });
});
