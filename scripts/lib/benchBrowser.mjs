/**
 * What the page benchmarks (`bench:ui`, `bench:phase`) share: build the production bundle, serve it with
 * `vite preview`, and launch headless Chromium with the Playwright config's flags.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

export const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** @param {number[]} xs @param {number} q */
export function quantile(xs, q) {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

/**
 * Build the production bundle into `outDir` (`extra`: more `vite build` options); exits the process when the build fails.
 * @param {string} outDir @param {string[]} [extra]
 */
export function buildBundle(outDir, extra = []) {
  console.log('building the production bundle…');
  const build = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', ...extra], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/**
 * Serve `outDir` on 127.0.0.1:`port` until `stop()` (or the process exits); resolves once it answers.
 * @param {string} outDir @param {number} port
 * @returns {Promise<{ url: string, stop: () => void }>}
 */
export async function servePreview(outDir, port) {
  const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      if (server.pid !== undefined) process.kill(-server.pid);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 200) throw new Error(`vite preview did not start on ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}

/** Headless Chromium (`CHROMIUM_PATH`, else /usr/bin/chromium) with the e2e tests' launch flags. */
export async function launchChromium() {
  const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}; set CHROMIUM_PATH`);
  const xdg = join(tmpdir(), 'metastability-lab-chromium');
  mkdirSync(join(xdg, 'config'), { recursive: true });
  mkdirSync(join(xdg, 'cache'), { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_CACHE_HOME: join(xdg, 'cache') },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
