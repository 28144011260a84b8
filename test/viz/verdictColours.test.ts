import { rgb } from 'd3';
import { describe, expect, it } from 'vitest';
import { colourOf, VERDICTS, verdictColour } from '../../src/viz/index';

const lightness = (c: string) => {
  const { r, g, b } = rgb(c);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('verdict colours', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: every verdict has its own colour, the fixed ones from the colour-blind-safe palette`, () => {
      const colours = VERDICTS.map((v) => rgb(verdictColour(theme, v, 0.5)).formatHex());
      expect(new Set(colours).size).toBe(VERDICTS.length);
      expect(verdictColour(theme, 'stable')).toBe(colourOf(theme, 'green'));
      expect(verdictColour(theme, 'metastable')).toBe(colourOf(theme, 'vermillion'));
      expect(verdictColour(theme, 'overloaded')).toBe(colourOf(theme, 'purple'));
    });

    it(`${theme}: recovered darkens steadily with the recovery time and stays within its two ends`, () => {
      const shades = [0, 0.25, 0.5, 0.75, 1].map((t) => lightness(verdictColour(theme, 'recovered', t)));
      for (let i = 1; i < shades.length; i++) expect(shades[i]!).toBeLessThan(shades[i - 1]!);
      expect(verdictColour(theme, 'recovered', -3)).toBe(verdictColour(theme, 'recovered', 0));
      expect(verdictColour(theme, 'recovered', 7)).toBe(verdictColour(theme, 'recovered', 1));
      expect(verdictColour(theme, 'recovered', NaN)).toBe(verdictColour(theme, 'recovered', 0));
      // The slowest recovery is still told apart from stable and metastable by lightness, not by hue alone.
      const slow = lightness(verdictColour(theme, 'recovered', 1));
      expect(Math.abs(slow - lightness(verdictColour(theme, 'stable')))).toBeGreaterThan(10);
    });
  }
});
