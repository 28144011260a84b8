/** Colour-blind-safe series colours (Okabe & Ito), one set per theme; dashes tell lines apart without colour too. */
export type Theme = 'light' | 'dark';
export type Hue = 'blue' | 'sky' | 'vermillion' | 'orange' | 'green' | 'purple' | 'grey' | 'yellow';

const HUES: Record<Theme, Record<Hue, string>> = {
  light: {
    blue: '#0072B2',
    sky: '#3d8fc4',
    vermillion: '#C0470A',
    orange: '#B87400',
    green: '#007A5A',
    purple: '#A8508A',
    grey: '#5f6670',
    yellow: '#8a7a00',
  },
  dark: {
    blue: '#56B4E9',
    sky: '#8fd0f5',
    vermillion: '#FF7A3D',
    orange: '#E69F00',
    green: '#2BC79A',
    purple: '#E08CC4',
    grey: '#a7adb6',
    yellow: '#F0E442',
  },
};

/** The colour of a hue in a theme. */
export function colourOf(theme: Theme, hue: Hue): string {
  return HUES[theme][hue];
}

/** Colours of the chart furniture. */
export function chartInk(theme: Theme): { text: string; grid: string; trigger: string; bad: string; good: string; unjudged: string; action: string; cursor: string } {
  return theme === 'dark'
    ? { text: '#d8dce2', grid: '#3a404a', trigger: 'rgba(240, 228, 66, 0.16)', bad: '#FF7A3D', good: '#2BC79A', unjudged: '#4a505a', action: '#E08CC4', cursor: '#f3f4f6' }
    : { text: '#30343a', grid: '#e1e4e8', trigger: 'rgba(230, 159, 0, 0.18)', bad: '#C0470A', good: '#007A5A', unjudged: '#c9cdd3', action: '#A8508A', cursor: '#1b1d21' };
}
