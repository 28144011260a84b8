/**
 * Build-time thumbnails of the preset gallery: every preset is run headless by the engine once per build,
 * and its signature — offered load and goodput over time, the bad bins and the triggers — downsampled
 * into a few hundred numbers, served to the page as the virtual module `virtual:preset-thumbnails`
 * (scripts/presetThumbnailsPlugin.ts runs this file in its own Node process).
 */
import { pathToFileURL } from 'node:url';
import { PRESETS, parseScenario, runScenario } from '../src/sim/index';

/** Points per series in a thumbnail. */
export const THUMBNAIL_POINTS = 80;

export interface PresetThumbnail {
  id: string;
  durationS: number;
  /** Bucket means of offered load and goodput, requests per second, one decimal. */
  offered: number[];
  goodput: number[];
  /** Share of bad bins per bucket (0 to 1, two decimals). */
  bad: number[];
  /** Trigger spans in seconds. */
  triggers: [number, number][];
  verdict: string;
}

function buckets(values: readonly (number | null)[], points: number, digits: number): number[] {
  const out: number[] = [];
  const n = values.length;
  for (let b = 0; b < points; b++) {
    const from = Math.floor((b * n) / points);
    const to = Math.max(from + 1, Math.floor(((b + 1) * n) / points));
    let sum = 0;
    let count = 0;
    for (let i = from; i < Math.min(to, n); i++) {
      const v = values[i];
      if (typeof v === 'number' && Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    out.push(count === 0 ? 0 : Number((sum / count).toFixed(digits)));
  }
  return out;
}

/** Run every preset of the queue model and reduce it to its thumbnail. */
export function presetThumbnails(points = THUMBNAIL_POINTS): PresetThumbnail[] {
  const out: PresetThumbnail[] = [];
  for (const preset of PRESETS) {
    const scenario = parseScenario(preset.scenario).scenario;
    if (scenario.model !== 'queue') continue;
    const { series, summary } = runScenario(scenario);
    out.push({
      id: preset.id,
      durationS: scenario.duration,
      offered: buckets(series.offered ?? [], points, 1),
      goodput: buckets(series.goodput ?? [], points, 1),
      bad: buckets(series.bad ?? [], points, 2),
      triggers: scenario.triggers.map((t) => [t.at, t.at + ('duration' in t ? t.duration : 0)]),
      verdict: summary.verdict,
    });
  }
  return out;
}

// `node --import tsx scripts/presetThumbnails.ts` prints the thumbnails as JSON (what the Vite plugin runs).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(JSON.stringify(presetThumbnails()));
}
