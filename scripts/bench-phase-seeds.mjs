#!/usr/bin/env node
/**
 * `npm run bench:phase-seeds`: the probability phase map in the page. Builds the production bundle, serves it, opens the
 * phase map in headless Chromium on the retry storm, and runs its default 24 × 24 map of load × outage duration
 * (400-s runs) twice in the same page: with adaptive seeds (2 per cell, then 2 more per round where the outcome is in
 * doubt; the page's defaults: at most 32 per cell, a budget of 3 per cell on average, target width 0.3), then with a
 * fixed 8 seeds per cell. Prints for each the wall time from "Run map" to the end, the seeds run and how they were
 * spread over the cells. Not part of `npm test`: timings on a shared machine are a measurement, not a check.
 * BENCH_PORT sets the port; BENCH_TIMEOUT (s) the longest either map may take; BENCH_FIXED_SEEDS the fixed map's seeds.
 */
import { join } from 'node:path';
import { buildBundle, launchChromium, quantile, root, servePreview } from './lib/benchBrowser.mjs';

const outDir = join(root, '.tmp', 'dist-bench-phase-seeds');
const port = Number(process.env['BENCH_PORT'] ?? 4395);
const timeoutS = Number(process.env['BENCH_TIMEOUT'] ?? 1800);
const fixedSeeds = Number(process.env['BENCH_FIXED_SEEDS'] ?? 8);

buildBundle(outDir);
const { url, stop: stopServer } = await servePreview(outDir, port);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(url);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('retry-storm');
  // The lab starts the preset playing: pause it, so the maps have the cores.
  await page.getByRole('button', { name: /^(Play|Pause)$/ }).first().waitFor({ timeout: 120_000 });
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  if (await pause.isVisible()) await pause.click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Phase map' }).click();
  await page.getByRole('combobox', { name: /^Axes/ }).selectOption('load-duration');
  const field = (/** @type {string} */ label) => page.getByLabel(label, { exact: true }).inputValue();
  const grid = `x: load.rate ${await field('X from')}–${await field('X to')} in ${await field('X steps')} steps; y: triggers.0.duration ${await field('Y from')}–${await field('Y to')} s in ${await field('Y steps')} steps`;
  const cores = await page.evaluate('navigator.hardwareConcurrency');
  console.log(`\nprobability map of the retry storm (400-s runs), ${grid}; logical cores: ${cores}`);

  /** Run the map with the seeds chosen; the wall time, the status line and the seeds per cell. */
  async function runMap(/** @type {string} */ label) {
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run map' }).click();
    const status = page.locator('.phase-status');
    await status.filter({ hasText: /Done in|Failed|Cancelled/ }).waitFor({ timeout: timeoutS * 1000 });
    const wallS = (Date.now() - t0) / 1000;
    const text = ((await status.textContent()) ?? '').trim();
    const counts = ((await page.locator('.phase-plot').getAttribute('data-seed-counts')) ?? '').split(',').map(Number);
    const spent = counts.reduce((a, b) => a + b, 0);
    const sorted = [...counts].sort((a, b) => a - b);
    const histogram = new Map();
    for (const n of counts) histogram.set(n, (histogram.get(n) ?? 0) + 1);
    console.log(`\n${label}`);
    console.log(`  ${text}`);
    console.log(`  wall time from "Run map" to the last seed: ${wallS.toFixed(1)} s`);
    console.log(`  seeds run: ${spent} over ${counts.length} cells; per cell min ${sorted[0]}, median ${quantile(sorted, 0.5)}, max ${sorted[sorted.length - 1]}`);
    console.log(`  cells by seeds run: ${[...histogram].sort((a, b) => a[0] - b[0]).map(([n, c]) => `${n} seeds: ${c}`).join(', ')}`);
    return { wallS, spent };
  }

  const seeds = page.getByRole('combobox', { name: 'Seeds', exact: true });
  await seeds.selectOption('adaptive');
  const adaptive = await runMap(`adaptive: at most ${await field('Most seeds per cell')} seeds per cell, budget ${await field('Seed budget per cell')} per cell, target width ${await field('Target width')}`);
  await seeds.selectOption('fixed');
  await page.getByLabel('Seeds per cell', { exact: true }).fill(String(fixedSeeds));
  const fixed = await runMap(`fixed: ${fixedSeeds} seeds per cell`);
  console.log(`\nadaptive / fixed: ${(adaptive.wallS / fixed.wallS).toFixed(2)} of the wall time, ${(adaptive.spent / fixed.spent).toFixed(2)} of the seeds`);
} finally {
  await browser.close();
  stopServer();
}
