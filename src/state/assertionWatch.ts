/**
 * The scenario's assertions checked on the page, bin by bin as frames arrive (docs/scenario.md, "Assertions"):
 * the same monitor the CLI's `verify` runs, over the series this page received, so both find the same violations.
 */
import { AssertionMonitor, type Scenario, type SeriesSource, type ViolationSpan } from '../sim/format';
import type { SeriesBuffer } from './seriesBuffer';
import type { ShardBuffer } from './shardBuffer';

type Watched = Pick<Scenario, 'assertions' | 'triggers' | 'bin' | 'warmup'>;

export class AssertionWatch {
  private watched: Watched | null = null;
  private monitor: AssertionMonitor | null = null;
  private epoch = -1;
  private spans: ViolationSpan[] = [];
  /** Per assertion: the index in `spans` of its last stretch. */
  private last = new Map<number, number>();

  /**
   * Judges the bins received since the last call; the whole run again when the scenario's assertions, triggers
   * or bins changed or bins were written again. Returns the stretches of violation when they changed, else null.
   */
  update(scenario: Watched | null, series: SeriesBuffer, shards: ShardBuffer): ViolationSpan[] | null {
    const same =
      scenario !== null &&
      this.watched !== null &&
      scenario.assertions === this.watched.assertions &&
      scenario.triggers === this.watched.triggers &&
      scenario.bin === this.watched.bin &&
      scenario.warmup === this.watched.warmup;
    let changed = false;
    if (!same || series.epoch !== this.epoch || series.length < (this.monitor?.bins ?? 0)) {
      changed = this.spans.length > 0;
      this.watched = scenario;
      this.epoch = series.epoch;
      this.monitor = scenario === null || scenario.assertions.length === 0 ? null : new AssertionMonitor(scenario);
      this.spans = [];
      this.last.clear();
    }
    if (this.monitor === null || scenario === null) return changed ? this.spans : null;
    const source: SeriesSource = { value: (name, i) => series.at(name, i), shard: (k, i) => shards.at(i, k) };
    const found = this.monitor.advance(source, series.length);
    if (found.length === 0) return changed ? this.spans : null;
    const spans = [...this.spans];
    const binS = scenario.bin;
    for (const v of found) {
      const at = this.last.get(v.assertion);
      const prev = at === undefined ? undefined : spans[at];
      if (prev !== undefined && Math.abs(prev.to - v.time) < binS * 1e-6) {
        spans[at!] = { ...prev, to: v.time + binS, bins: prev.bins + 1 };
        continue;
      }
      this.last.set(v.assertion, spans.length);
      spans.push({ assertion: v.assertion, from: v.time, to: v.time + binS, bins: 1, first: v });
    }
    this.spans = spans;
    return spans;
  }
}
