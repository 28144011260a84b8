#!/usr/bin/env node
/**
 * `npm run bench:ui`: how the main thread copes while a run animates unthrottled. Builds the production bundle,
 * serves it, drives headless Chromium (the Playwright config's launch flags) through an unthrottled run of up to
 * 20 s of wall time, and prints the long tasks (PerformanceObserver 'longtask': every task over 50 ms), the
 * animation-frame intervals (every frame, so its p99 covers the tasks under 50 ms too), the frames the worker sent,
 * and the bundle sizes. Not part of `npm test`: timings on a shared machine are a measurement, not a check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBundle, launchChromium, quantile, root, servePreview } from './lib/benchBrowser.mjs';

const outDir = join(root, '.tmp', 'dist-bench');
const port = Number(process.env['BENCH_PORT'] ?? 4393);
const wallS = Number(process.env['BENCH_SECONDS'] ?? 20);
const preset = process.env['BENCH_PRESET'] ?? 'retry-storm-low-load';
const runLengthS = Number(process.env['BENCH_RUN_LENGTH'] ?? 200000);

buildBundle(outDir);
const assets = join(outDir, 'assets');
console.log('\nbundle sizes (bytes, gzip):');
for (const file of readdirSync(assets).sort()) {
  const bytes = statSync(join(assets, file)).size;
  const gz = gzipSync(readFileSync(join(assets, file))).length;
  console.log(`  ${file.padEnd(36)} ${String(bytes).padStart(8)}  ${String(gz).padStart(7)}`);
}
const faultHook = readdirSync(assets).some((f) => readFileSync(join(assets, f), 'utf8').includes('__labTest'));
console.log(`  fault-injection hook in the production bundle: ${faultHook ? 'YES (bug)' : 'no'}`);

const { url, stop: stopServer } = await servePreview(outDir, port);

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  // Page code as strings: it runs in the browser, not in this Node script.
  await page.addInitScript(`
    window.__bench = { long: [], frames: [], on: false };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (window.__bench.on) window.__bench.long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    let last = 0;
    const tick = (t) => {
      if (window.__bench.on && last > 0) window.__bench.frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  `);
  await page.goto(url);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(preset);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const field = page.getByLabel('Run length (s)');
  await field.fill(String(runLengthS));
  await field.press('Enter');
  await page.locator('.clock').filter({ hasText: `of ${runLengthS} s` }).waitFor();
  await page.getByLabel('Speed').selectOption({ label: 'Unthrottled' });
  const frames0 = Number(await page.locator('.chart-stack').getAttribute('data-frames'));
  await page.evaluate('window.__bench.on = true');
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  while (Date.now() - t0 < wallS * 1000) {
    if ((await page.locator('.clock').textContent())?.includes('finished')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const elapsedS = (Date.now() - t0) / 1000;
  /** @type {{ long: number[], frames: number[] }} */
  const { long, frames } = await page.evaluate('(window.__bench.on = false, { long: window.__bench.long, frames: window.__bench.frames })');
  const workerFrames = Number(await page.locator('.chart-stack').getAttribute('data-frames')) - frames0;
  const simNow = Number(await page.locator('.clock').getAttribute('data-now'));
  console.log(`\nunthrottled run of ${preset} (run length ${runLengthS} s) for ${elapsedS.toFixed(1)} s of wall time: reached t = ${simNow} s`);
  console.log(`  worker frames received: ${workerFrames} (${(workerFrames / elapsedS).toFixed(1)} per second)`);
  console.log(`  animation frames: ${frames.length}; interval p50 ${quantile(frames, 0.5).toFixed(1)} ms, p99 ${quantile(frames, 0.99).toFixed(1)} ms, worst ${Math.max(0, ...frames).toFixed(1)} ms`);
  console.log(`  long tasks (> 50 ms): ${long.length}; worst ${Math.max(0, ...long).toFixed(1)} ms, p99 ${quantile(long, 0.99).toFixed(1)} ms`);
} finally {
  await browser.close();
  stopServer();
}
