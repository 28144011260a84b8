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
      // Vitest's 5-s default makes a correct but heavy test fail when the machine is busy (CI shares its cores).
      // A timeout here only catches a hang, so it is generous; tests that spawn processes set their own, larger ones.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // The CLI tests spawn the bundled CLI side by side: build it once, before any of them starts.
      globalSetup: ['test/buildCli.setup.ts'],
    },
  }),
);
