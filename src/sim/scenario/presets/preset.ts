import type { Verdict } from '../../engine/result';

/** A scenario as a user would write it: any subset of the format's fields, parsed like a file. */
export type RawScenario = Readonly<Record<string, unknown>>;

/** A ready-made scenario with the story it tells and the verdict it should reach. */
export interface Preset {
  /** Stable id, used on the command line and in links: `retry-storm`. */
  id: string;
  title: string;
  /** The lesson it illustrates, 1-based: its number in the gallery's list of lessons (`LESSONS` in PresetGallery). */
  lesson: number;
  /** What happens, in two or three sentences, for the gallery card. */
  story: string;
  /** What to look at on the charts. */
  watch: string;
  /** The verdict the engine reaches with the preset's seed (checked by the engine's tests). */
  expected: Verdict;
  scenario: RawScenario;
}
