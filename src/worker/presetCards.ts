import { PRESETS } from '../sim/format';

/** One preset as the page lists it. */
export interface PresetCard {
  id: string;
  title: string;
  lesson: number;
  story: string;
  watch: string;
  expected: string;
}

/** Every preset as a card: what the gallery and the preset picker show, without the scenario. */
export function presetCards(): PresetCard[] {
  return PRESETS.map(({ id, title, lesson, story, watch, expected }) => ({ id, title, lesson, story, watch, expected }));
}
