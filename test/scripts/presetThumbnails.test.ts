import { describe, expect, it } from 'vitest';
import { PRESETS, parseScenario, runScenario } from '../../src/sim/index';
import { presetThumbnails, THUMBNAIL_POINTS } from '../../scripts/presetThumbnails';

describe('presetThumbnails (the gallery’s build-time thumbnails)', () => {
  const thumbnails = presetThumbnails();

  it('has one thumbnail per preset the lab runs, each reaching the verdict its preset expects', () => {
    const queuePresets = PRESETS.filter((p) => parseScenario(p.scenario).scenario.model === 'queue');
    expect(thumbnails.map((t) => t.id)).toEqual(queuePresets.map((p) => p.id));
    for (const t of thumbnails) {
      expect(t.verdict, t.id).toBe(PRESETS.find((p) => p.id === t.id)?.expected);
      expect(t.offered).toHaveLength(THUMBNAIL_POINTS);
      expect(t.goodput).toHaveLength(THUMBNAIL_POINTS);
    }
  }, 60_000);

  it('is the preset’s real run, averaged per bucket: the retry storm’s offered and goodput match the engine’s series', () => {
    const storm = thumbnails.find((t) => t.id === 'retry-storm')!;
    const { series } = runScenario(parseScenario(PRESETS.find((p) => p.id === 'retry-storm')!.scenario).scenario);
    const bins = series.offered.length; // 400 bins → 5 per point
    const per = bins / THUMBNAIL_POINTS;
    for (const [name, values] of [['offered', storm.offered], ['goodput', storm.goodput]] as const) {
      values.forEach((v, b) => {
        const slice = series[name].slice(b * per, (b + 1) * per) as number[];
        expect(v, `${name}[${b}]`).toBeCloseTo(slice.reduce((a, x) => a + x, 0) / slice.length, 1);
      });
    }
    // Stuck after the outage: goodput near zero at the end while offered stays at 280/s.
    expect(storm.goodput.at(-1)!).toBeLessThan(50);
    expect(storm.offered.at(-1)!).toBeGreaterThan(250);
    expect(storm.triggers).toEqual([[60, 70]]);
  });
});
