import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  // Fail at config load: otherwise Playwright would build, serve and only then time out.
  process.stderr.write(
    `e2e: Chromium not found at ${chromiumPath}; install it with \`apt-get update && apt-get install -y chromium\` or set CHROMIUM_PATH\n`,
  );
  process.exit(1);
}

// Chromium writes to ~/.config and ~/.cache even with a temporary profile.
const xdgHome = join(tmpdir(), 'metastability-lab-chromium');
mkdirSync(join(xdgHome, 'config'), { recursive: true });
mkdirSync(join(xdgHome, 'cache'), { recursive: true });
const xdgEnv = { XDG_CONFIG_HOME: join(xdgHome, 'config'), XDG_CACHE_HOME: join(xdgHome, 'cache') };

const port = Number(process.env['E2E_PORT'] ?? 4317);
const baseURL = `http://127.0.0.1:${port}/`;

export default defineConfig({
  testDir: './test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  // Some specs compare the page with the CLI's output: build the CLI once, before workers spawn it side by side.
  globalSetup: './test/buildCli.setup.ts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  workers: process.env['CI'] ? 1 : 2,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: chromiumPath,
      env: { ...process.env, ...xdgEnv },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    // The production build in test mode (`--mode e2e` adds only the fault-injection hook), served as a static host would.
    command: `npx vite build --mode e2e --outDir .tmp/dist-e2e && npx vite preview --mode e2e --outDir .tmp/dist-e2e --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: false,
    // The build runs every preset for the gallery's thumbnails: seconds on an idle machine, minutes on a busy one.
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
