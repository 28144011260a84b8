import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';


export default mergeConfig(
  viteConfig({ mode: 'test', command: 'serve' }),
  defineConfig({
    test: {
      // Only unit and property tests; the Playwright specs in test/e2e are not Vitest files.
      include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
      exclude: ['test/e2e/**', 'node_modules/**'],
      // Plain Node by default; component tests opt in with `// @vitest-environment jsdom`.
      environment: 'node',
      // A verdict must not hang on the machine's speed: on a busy machine the runs, the fuzzing and the
      // spawned CLI take many times Vitest's 5-s default, and that would fail correct code.
      testTimeout: 120_000,
    },
  }),
);
