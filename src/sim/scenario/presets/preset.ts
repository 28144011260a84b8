import type { SeriesName, Verdict } from '../../engine/result';

/** A scenario as a user would write it: any subset of the format's fields, parsed like a file. */
export type RawScenario = Readonly<Record<string, unknown>>;

/**
 * A statement of the story or the "Watch:" text that a run can check. `says` is the passage it
 * stands for, word for word; `quote`, when the passage names numbers, lists them in the claim's
 * unit (a share as 0.3 for "30%"), and each must lie within the bounds the runs are held to.
 */
export type PresetClaim = ClaimBase &
  (
    | {
        /** The verdict is `recovered`, with the recovery time (s) within [min, max]. */
        kind: 'recovery';
        min: number;
        max: number;
      }
    | {
        /** Every bin from `from` (s) to the end is judged bad. */
        kind: 'stuck';
        from: number;
      }
    | {
        /**
         * A series over the bins starting in [from, to) (to: the end when absent): its mean, max or
         * min; or `goodputShare` / `wastedShare`, the sums' ratio goodput / offered or wasted / throughput.
         */
        kind: 'window';
        measure: SeriesName | 'goodputShare' | 'wastedShare';
        stat?: 'mean' | 'max' | 'min';
        from: number;
        to?: number;
        min?: number;
        max?: number;
      }
    | {
        /** Priority class `name`'s goodput / offered over the bins starting in [from, to) (to: the end when absent). */
        kind: 'class';
        name: string;
        from: number;
        to?: number;
        min?: number;
        max?: number;
      }
    | {
        /** A figure of the run's summary. */
        kind: 'summary';
        field: 'utilisation' | 'sloMiss' | 'amplification' | 'meanLatency' | 'p99' | 'p999' | 'goodputShare' | 'failed';
        min?: number;
        max?: number;
      }
    | {
        /** The preset with these fields changed (dotted paths, as `--set` takes them) reaches this verdict. */
        kind: 'variant';
        set: Readonly<Record<string, unknown>>;
        verdict: Verdict;
      }
  );

interface ClaimBase {
  says: string;
  quote?: readonly number[];
}

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
  /** What the story and the "Watch:" text say that a run can check; held over several seeds by the tests. */
  claims: readonly PresetClaim[];
  scenario: RawScenario;
}
