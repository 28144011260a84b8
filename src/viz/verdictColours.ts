/** Phase-map colours: one per verdict from the colour-blind-safe palette, recovered shaded by recovery time. */
import { interpolateLab } from 'd3';
import { colourOf, type Theme } from './palette';

export const VERDICTS = ['stable', 'recovered', 'metastable', 'overloaded', 'unresolved'] as const;
export type VerdictName = (typeof VERDICTS)[number];

/** The ends of the recovered shade: quick recovery (light) to slow (dark in light theme; the reverse in dark theme). */
function recoveredEnds(theme: Theme): [string, string] {
  return theme === 'dark' ? ['#cdeafc', '#2f7fc0'] : ['#a9d5f2', '#0b3f73'];
}

const recoveredShade: Partial<Record<Theme, (t: number) => string>> = {};

/**
 * The colour of a cell. `recoveryShare` places a recovered cell between quick (0) and slow (1) recovery;
 * it is ignored for the other verdicts.
 */
export function verdictColour(theme: Theme, verdict: VerdictName, recoveryShare = 0): string {
  switch (verdict) {
    case 'stable':
      return colourOf(theme, 'green');
    case 'recovered': {
      // One interpolator per theme: a map repaints hundreds of cells per frame.
      const shade = (recoveredShade[theme] ??= interpolateLab(...recoveredEnds(theme)));
      const t = Number.isFinite(recoveryShare) ? Math.min(1, Math.max(0, recoveryShare)) : 0;
      return shade(t);
    }
    case 'metastable':
      return colourOf(theme, 'vermillion');
    case 'overloaded':
      return colourOf(theme, 'purple');
    case 'unresolved':
      return theme === 'dark' ? '#7d848f' : '#a3a9b2';
  }
}

/** How the legend words each verdict. */
export const VERDICT_LABELS: Record<VerdictName, string> = {
  stable: 'stable: never bad',
  recovered: 'recovered (shade: recovery time)',
  metastable: 'metastable: stuck after the trigger',
  overloaded: 'overloaded before any trigger',
  unresolved: 'unresolved: too short to tell, or flapping',
};
