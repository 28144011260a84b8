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
      // Many tests run whole simulations inside the test (seconds each when six test suites share two
      // cores): a verdict must not depend on the machine's speed, so the limit only catches hangs.
      testTimeout: 60_000,
    },
  }),
);
