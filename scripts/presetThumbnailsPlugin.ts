/**
 * Vite plugin: the module `virtual:preset-thumbnails`, made by running every preset headless
 * (scripts/presetThumbnails.ts, in its own Node process so Vite's config loader never bundles the engine).
 * Computed once per process, the first time the page imports it.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const THUMBNAIL_MODULE = 'virtual:preset-thumbnails';
const RESOLVED = `\0${THUMBNAIL_MODULE}`;
const SCRIPT = fileURLToPath(new URL('./presetThumbnails.ts', import.meta.url));

export function presetThumbnailsPlugin(): Plugin {
  let cached: string | null = null;
  return {
    name: 'metastability-lab:preset-thumbnails',
    resolveId(id) {
      return id === THUMBNAIL_MODULE ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      cached ??= `export default ${execFileSync(process.execPath, ['--import', 'tsx', SCRIPT], { encoding: 'utf8', maxBuffer: 16 << 20 })};\n`;
      return cached;
    },
  };
}
