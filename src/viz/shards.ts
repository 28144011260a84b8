/** Per-shard (or per-backend) utilisation: the heat map's colours and the figures read at one bin. */
import { interpolateCividis } from 'd3';

/** What the heat map reads: utilisation of station k in bin i (0–1, NaN when unknown). */
export interface ShardSource {
  readonly stations: number;
  readonly length: number;
  at(i: number, k: number): number;
}

/**
 * The colour of a utilisation (0–1; above 1 counts as 1): cividis, a sequential map that reads
 * the same to the common colour-vision deficiencies and keeps its order in greyscale.
 * Unknown (NaN) is null: the cell is left blank.
 */
export function heatColour(utilisation: number): string | null {
  if (!Number.isFinite(utilisation)) return null;
  return interpolateCividis(Math.min(1, Math.max(0, utilisation)));
}

export interface ShardReading {
  /** The busiest station, or -1 when no station has a value in that bin. */
  hottest: number;
  /** Its utilisation. */
  max: number;
  /** Mean utilisation over the stations with a value. */
  mean: number;
}

/** The busiest station and the mean across stations in bin `i`. */
export function readShards(source: ShardSource, i: number): ShardReading {
  let hottest = -1;
  let max = NaN;
  let sum = 0;
  let n = 0;
  for (let k = 0; k < source.stations; k++) {
    const u = source.at(i, k);
    if (!Number.isFinite(u)) continue;
    sum += u;
    n++;
    if (hottest < 0 || u > max) {
      hottest = k;
      max = u;
    }
  }
  return { hottest, max, mean: n > 0 ? sum / n : NaN };
}
