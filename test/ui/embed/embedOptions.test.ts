import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../../src/links/index';
import { findPreset, parseScenario } from '../../../src/sim/index';
import { embedOptions, embedView, isAllowedOrigin, parseOriginList } from '../../../src/ui/embed/embedOptions';

describe('embedOptions', () => {
  it('is null unless the link says embed=1', () => {
    expect(embedOptions({})).toBeNull();
    expect(embedOptions({ embed: false, controls: ['sliders'] })).toBeNull();
  });

  it('shows playback only by default, waits for a click, and allows no other origin', () => {
    const options = embedOptions({ embed: true })!;
    expect([...options.controls]).toEqual(['transport']);
    expect(options.autoplay).toBe(false);
    expect(options.origins).toEqual([]);
  });

  it('takes the controls, autoplay and origins of the link, merged with the build-time origins', () => {
    const options = embedOptions({ embed: true, controls: [], autoplay: true, origins: ['https://b.test', 'https://a.test'] }, ['https://a.test'])!;
    expect([...options.controls]).toEqual([]);
    expect(options.autoplay).toBe(true);
    expect(options.origins).toEqual(['https://a.test', 'https://b.test']);
  });
});

describe('parseOriginList (VITE_EMBED_ORIGINS)', () => {
  it('reads comma- or space-separated origins, normalised, skipping anything that is not an http(s) origin', () => {
    expect(parseOriginList(undefined)).toEqual([]);
    expect(parseOriginList('https://Course.Example.org, http://localhost:8080 https://x.test/path javascript:alert(1) *  https://course.example.org')).toEqual([
      'https://course.example.org',
      'http://localhost:8080',
    ]);
  });
});

describe('isAllowedOrigin', () => {
  it('allows the page’s own origin and listed ones; never "null" (sandboxed frames, file: pages)', () => {
    expect(isAllowedOrigin('https://lab.test', 'https://lab.test', [])).toBe(true);
    expect(isAllowedOrigin('https://course.test', 'https://lab.test', ['https://course.test'])).toBe(true);
    expect(isAllowedOrigin('https://evil.test', 'https://lab.test', ['https://course.test'])).toBe(false);
    expect(isAllowedOrigin('https://course.test.evil.test', 'https://lab.test', ['https://course.test'])).toBe(false);
    expect(isAllowedOrigin('null', 'null', ['null'])).toBe(false);
  });
});

describe('embedView (the snippet generator)', () => {
  const scenario = parseScenario(findPreset('retry-storm')!.scenario).scenario;

  it('writes only what differs from the defaults, in a fixed order, and the link opens to the same options', () => {
    expect(embedView({ controls: ['transport'], autoplay: false })).toEqual({ embed: true });
    const view = embedView({ controls: ['sliders', 'transport'], autoplay: true, origins: ['https://course.test'] });
    expect(view).toEqual({ embed: true, controls: ['transport', 'sliders'], autoplay: true, origins: ['https://course.test'] });
    const link = encodeLink({ scenario, view });
    expect(link).toBe('#preset=retry-storm&embed=1&controls=transport,sliders&autoplay=1&origins=https://course.test');
    const opened = decodeLink(link);
    expect(opened.ok && embedOptions(opened.state.view ?? {})).toEqual({ controls: new Set(['transport', 'sliders']), autoplay: true, origins: ['https://course.test'] });
  });

  it('an embed with no controls says so explicitly', () => {
    expect(encodeLink({ scenario, view: embedView({ controls: [], autoplay: false }) })).toBe('#preset=retry-storm&embed=1&controls=');
  });
});
