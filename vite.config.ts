import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfigFnObject } from 'vite';
import { presetThumbnailsPlugin } from './scripts/presetThumbnailsPlugin.ts';

const config: UserConfigFnObject = ({ mode }) => ({
  // Relative asset URLs, so the static build works from any sub-path or an iframe.
  base: './',
  // The gallery's thumbnails are real runs of the presets, made at build time.
  plugins: [react(), presetThumbnailsPlugin()],
  // The fault-injection hook exists only in the e2e build (`--mode e2e`); elsewhere it is dead code and removed.
  define: { __LAB_FAULTS__: JSON.stringify(mode === 'e2e') },
  worker: { format: 'es' },
  build: { target: 'es2022' },
});

export default defineConfig(config);
