#!/usr/bin/env node
/**
 * `npm run bench:phase`: the phase map under load. Builds the production bundle, serves it, opens the phase map in
 * headless Chromium (the Playwright config's launch flags) on the retry storm, runs the default 24 × 24 map of
 * load × outage duration (400-s runs), and prints the wall time, the workers used and the main thread's long tasks
 * (PerformanceObserver 'longtask': every task over 50 ms) while the map filled, and the cells' own run times summed
 * over the workers (divided by the workers, the least the wall time can be). Not part of `npm test`: timings on a
 * shared machine are a measurement, not a check.
 */
import { join } from 'node:path';
import { buildBundle, launchChromium, quantile, root, servePreview } from './lib/benchBrowser.mjs';

const outDir = join(root, '.tmp', 'dist-bench-phase');
const port = Number(process.env['BENCH_PORT'] ?? 4394);
const timeoutS = Number(process.env['BENCH_TIMEOUT'] ?? 600);

buildBundle(outDir);

const { url, stop: stopServer } = await servePreview(outDir, port);

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  // Page code as a string: it runs in the browser, not in this Node script.
  await page.addInitScript(`
    window.__bench = { long: [], on: false, t0: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (window.__bench.on) window.__bench.long.push({ at: e.startTime - window.__bench.t0, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  `);
  await page.goto(url);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('retry-storm');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Phase map' }).click();
  await page.getByRole('combobox', { name: /^Axes/ }).selectOption('load-duration');
  const field = (/** @type {string} */ label) => page.getByLabel(label, { exact: true }).inputValue();
  const grid = `x: load.rate ${await field('X from')}–${await field('X to')} in ${await field('X steps')} steps; y: triggers.0.duration ${await field('Y from')}–${await field('Y to')} s in ${await field('Y steps')} steps`;
  const cores = await page.evaluate('navigator.hardwareConcurrency');
  await page.evaluate('window.__bench.on = true; window.__bench.t0 = performance.now()');
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Run map' }).click();
  const status = page.locator('.phase-status');
  await status.filter({ hasText: /Done in|Failed|Cancelled/ }).waitFor({ timeout: timeoutS * 1000 });
  const wallS = (Date.now() - t0) / 1000;
  /** @type {{ at: number, ms: number }[]} */
  const tasks = await page.evaluate('(window.__bench.on = false, window.__bench.long)');
  const long = tasks.map((t) => t.ms);
  const text = (await status.textContent()) ?? '';
  const computeS = Number(await status.getAttribute('data-compute-ms')) / 1000;
  const workers = Number(/on (\d+) worker/.exec(text)?.[1] ?? 1);
  console.log(`\nphase map of the retry storm (400-s runs), ${grid}`);
  console.log(`  ${text.trim()}`);
  console.log(`  wall time from "Run map" to the last cell: ${wallS.toFixed(1)} s (logical cores: ${cores})`);
  console.log(`  the cells' own run times in the workers: ${computeS.toFixed(1)} s in total, ${(computeS / workers).toFixed(1)} s per worker if shared perfectly (the floor for the wall time)`);
  console.log(`  long tasks (> 50 ms) on the main thread: ${long.length}; worst ${Math.max(0, ...long).toFixed(1)} ms, p99 ${quantile(long, 0.99).toFixed(1)} ms`);
  if (tasks.length > 0) console.log(`  when (s after "Run map"): ${tasks.map((t) => `${(t.at / 1000).toFixed(2)} (${t.ms.toFixed(0)} ms)`).join(', ')}`);
} finally {
  await browser.close();
  stopServer();
}
