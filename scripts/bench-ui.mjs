#!/usr/bin/env node
/**
 * `npm run bench:ui`: how the main thread copes while a run animates. Builds the production bundle, serves it,
 * and drives headless Chromium (the Playwright config's launch flags) through two runs, each once at full CPU
 * speed and once with Chromium's CPU throttling (DevTools `Emulation.setCPUThrottlingRate`, default 4×: a slower
 * laptop):
 *
 * - 10×: the default preset (retry storm) at ten simulated seconds per second from t = 0 past its outage and the
 *   backlog it leaves (to t = BENCH_UNTIL, default 110 s), the stretch where the queue and the charts' tops grow;
 * - unthrottled: a long run (BENCH_RUN_LENGTH bins of the low-load retry storm) as fast as the worker goes, for
 *   BENCH_SECONDS of wall time.
 *
 * Per run it prints the long tasks (PerformanceObserver 'longtask': every task over 50 ms; count, worst, p99, and
 * the simulated time at which the worst ones began), the animation-frame intervals (every frame, so their p99
 * covers the tasks under 50 ms too), the main thread's CPU time per task (from a DevTools trace: unlike the long
 * tasks' wall time, not stretched when other processes take the cores) and the frames the worker sent; then the
 * bundle sizes. BENCH_DIST=<dir> serves a bundle built before (to compare two versions) instead of building. At the 1366 × 900 viewport the
 * request flow is below the charts, out of view (its animation then stops); BENCH_FLOW=1 scrolls it into view.
 *
 * BENCH_PROFILE=1 also records a CPU profile (DevTools `Profiler`) of the throttled 10× run (BENCH_PROFILE=<run>:
 * of that run, e.g. `unthrottled`) in an unminified build, and prints the functions with the most self time (React components keep their names there) and the
 * source files they come from. Not part of `npm test`: timings on a shared machine are a measurement, not a check.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBundle, launchChromium, quantile, root, servePreview } from './lib/benchBrowser.mjs';

const profileRun = process.env['BENCH_PROFILE'];
/** A bundle built before (another version of the page, to compare): served as it is, not built. */
const prebuilt = process.env['BENCH_DIST'];
const profile = profileRun !== undefined && profileRun !== '' && profileRun !== '0';
const outDir = prebuilt !== undefined ? resolve(prebuilt) : join(root, '.tmp', profile ? 'dist-bench-profile' : 'dist-bench');
const port = Number(process.env['BENCH_PORT'] ?? 4393);
const wallS = Number(process.env['BENCH_SECONDS'] ?? 20);
const untilS = Number(process.env['BENCH_UNTIL'] ?? 110);
const throttle = Number(process.env['BENCH_THROTTLE'] ?? 4);
const unthrottledPreset = process.env['BENCH_PRESET'] ?? 'retry-storm-low-load';
const runLengthS = Number(process.env['BENCH_RUN_LENGTH'] ?? 200000);
/** Which runs: a comma-separated subset of `10x`, `10x@4`, `unthrottled`, `unthrottled@4` (the @ number is the throttle). */
const only = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim());

/**
 * @typedef {{ key: string, title: string, preset: string, speed: string, runLength: number | null, untilS: number | null, wallS: number, rate: number }} Run
 * @type {Run[]}
 */
const runs = [];
for (const rate of [1, throttle]) {
  const suffix = rate === 1 ? '' : `@${rate}`;
  const cpu = rate === 1 ? 'no CPU throttling' : `CPU throttled ${rate}×`;
  // A throttled page may fall behind 10×; the wall-time cap keeps a very slow one from running for ever.
  runs.push({ key: `10x${suffix}`, title: `10× run of retry-storm to t = ${untilS} s, ${cpu}`, preset: 'retry-storm', speed: '10×', runLength: null, untilS, wallS: untilS / 10 * 4, rate });
  runs.push({ key: `unthrottled${suffix}`, title: `unthrottled run of ${unthrottledPreset} (run length ${runLengthS} s), ${cpu}`, preset: unthrottledPreset, speed: 'Unthrottled', runLength: runLengthS, untilS: null, wallS, rate });
}
const chosen = runs.filter((r) => only === undefined || only.includes(r.key));
if (chosen.length === 0) {
  console.error(`BENCH_ONLY: got "${process.env['BENCH_ONLY']}", expected some of ${runs.map((r) => r.key).join(', ')}`);
  process.exit(2);
}

if (prebuilt === undefined) buildBundle(outDir, profile ? ['--minify', 'false'] : []);
const { url, stop: stopServer } = await servePreview(outDir, port);

// Page code as strings: it runs in the browser, not in this Node script. Each long task keeps the simulated time
// the page showed when it began (the clock as of the last animation frame before it).
const probe = `
  window.__bench = { long: [], frames: [], clock: [], on: false };
  const simAt = (t) => {
    const c = window.__bench.clock;
    let lo = 0, hi = c.length - 1, best = NaN;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid][0] <= t) { best = c[mid][1]; lo = mid + 1; } else hi = mid - 1;
    }
    return best;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (window.__bench.on) window.__bench.long.push([e.duration, simAt(e.startTime)]);
  }).observe({ type: 'longtask', buffered: true });
  let last = 0;
  const tick = (t) => {
    if (window.__bench.on) {
      if (last > 0) window.__bench.frames.push(t - last);
      window.__bench.clock.push([t, Number(document.querySelector('.clock')?.getAttribute('data-now') ?? NaN)]);
    }
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

const browser = await launchChromium();
try {
  for (const run of chosen) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.addInitScript(probe);
    await page.goto(url);
    // The page opens playing the default preset at 10×: stop it, set the run up, and start from t = 0.
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption(run.preset);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.locator('.clock').filter({ hasText: /^t = 0 s/ }).waitFor();
    if (run.runLength !== null) {
      const field = page.getByLabel('Run length (s)');
      await field.fill(String(run.runLength));
      await field.press('Enter');
      await page.locator('.clock').filter({ hasText: `of ${run.runLength} s` }).waitFor();
    }
    await page.getByLabel('Speed').selectOption({ label: run.speed });
    const cdp = await page.context().newCDPSession(page);
    if (run.rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: run.rate });
    const profiling = profile && run.key === (profileRun === '1' ? `10x@${throttle}` : profileRun);
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    // The request flow's animation runs only while it is on screen: BENCH_FLOW=1 scrolls it into view.
    if (process.env['BENCH_FLOW'] === '1') await page.locator('.flow-canvas').scrollIntoViewIfNeeded();
    const viewport = page.viewportSize();
    const flowBox = await page.locator('.flow-canvas').evaluate((c) => c.getBoundingClientRect().toJSON());
    const flowInView = viewport !== null && flowBox.bottom > 0 && flowBox.top < viewport.height;
    // The main thread's own time per task (thread CPU time from a DevTools trace): what the page costs, apart
    // from the wall time other processes on a busy machine take from it.
    if (!profiling) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const frames0 = Number(await page.locator('.chart-stack').getAttribute('data-frames'));
    await page.evaluate('window.__bench.on = true');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    let simNow = 0;
    while (Date.now() - t0 < run.wallS * 1000) {
      if ((await page.locator('.clock').textContent())?.includes('finished')) break;
      simNow = Number(await page.locator('.clock').getAttribute('data-now'));
      if (run.untilS !== null && simNow >= run.untilS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const elapsedS = (Date.now() - t0) / 1000;
    /** @type {{ long: [number, number][], frames: number[] }} */
    const { long, frames } = await page.evaluate('(window.__bench.on = false, { long: window.__bench.long, frames: window.__bench.frames })');
    const cpuProfile = profiling ? (await cdp.send('Profiler.stop')).profile : null;
    const taskCpu = profiling ? null : mainThreadTaskCpu(await browser.stopTracing());
    const workerFrames = Number(await page.locator('.chart-stack').getAttribute('data-frames')) - frames0;
    simNow = Number(await page.locator('.clock').getAttribute('data-now'));
    await page.close();

    const durations = long.map(([d]) => d);
    const worst = [...long].sort((a, b) => b[0] - a[0]).slice(0, 5);
    console.log(`\n${run.title}: ${elapsedS.toFixed(1)} s of wall time, reached t = ${simNow} s; request flow ${flowInView ? 'in view' : 'out of view'}`);
    console.log(`  worker frames received: ${workerFrames} (${(workerFrames / elapsedS).toFixed(1)} per second)`);
    console.log(`  animation frames: ${frames.length}; interval p50 ${quantile(frames, 0.5).toFixed(1)} ms, p99 ${quantile(frames, 0.99).toFixed(1)} ms, worst ${Math.max(0, ...frames).toFixed(1)} ms`);
    console.log(`  long tasks (> 50 ms): ${long.length}; worst ${Math.max(0, ...durations).toFixed(1)} ms, p99 ${quantile(durations, 0.99).toFixed(1)} ms`);
    if (taskCpu !== null) {
      const over = taskCpu.filter((ms) => ms > 50).length;
      console.log(`  main-thread CPU time per task: ${taskCpu.length} tasks, ${taskCpu.reduce((a, b) => a + b, 0).toFixed(0)} ms in all; over 50 ms: ${over}; worst ${Math.max(0, ...taskCpu).toFixed(1)} ms, p99 ${quantile(taskCpu, 0.99).toFixed(1)} ms, p99.9 ${quantile(taskCpu, 0.999).toFixed(1)} ms`);
    }
    if (worst.length > 0) console.log(`  the worst: ${worst.map(([d, s]) => `${d.toFixed(0)} ms at t ≈ ${Number.isFinite(s) ? s : '?'} s`).join(', ')}`);
    if (cpuProfile !== null) printProfile(cpuProfile);
  }
} finally {
  await browser.close();
  stopServer();
}

const assets = join(outDir, 'assets');
console.log(`\nbundle sizes (bytes, gzip)${profile ? ', of the unminified build made for the profile' : ''}:`);
for (const file of readdirSync(assets).sort()) {
  const bytes = statSync(join(assets, file)).size;
  const gz = gzipSync(readFileSync(join(assets, file))).length;
  console.log(`  ${file.padEnd(36)} ${String(bytes).padStart(8)}  ${String(gz).padStart(7)}`);
}
const faultHook = readdirSync(assets).some((f) => readFileSync(join(assets, f), 'utf8').includes('__labTest'));
console.log(`  fault-injection hook in the production bundle: ${faultHook ? 'YES (bug)' : 'no'}`);

/**
 * The thread CPU time (ms) of each task the page's main thread ran, from a DevTools trace (its top-level
 * `RunTask` events on the renderer's main thread).
 * @param {Buffer} trace
 * @returns {number[]}
 */
function mainThreadTaskCpu(trace) {
  /** @type {{ traceEvents: { ph: string, name: string, pid: number, tid: number, dur?: number, tdur?: number, args?: { name?: string } }[] }} */
  const parsed = JSON.parse(trace.toString('utf8'));
  const main = new Set(parsed.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return parsed.traceEvents.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`)).map((e) => (e.tdur ?? 0) / 1000);
}

/**
 * Self time per function (samples × their intervals) and total time (the function anywhere on the stack, so a
 * component's render with all it calls) of a DevTools CPU profile, the top of each; the whole profile is written to
 * .tmp/bench-ui.cpuprofile (open it in the DevTools Performance panel).
 * @param {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }[], samples?: number[], timeDeltas?: number[] }} p
 */
function printProfile(p) {
  const file = join(root, '.tmp', 'bench-ui.cpuprofile');
  writeFileSync(file, JSON.stringify(p));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** @param {{ functionName: string, url: string, lineNumber: number }} f */
  const nameOf = (f) => `${f.functionName || '(anonymous)'}${f.url === '' ? '' : ` ${f.url.replace(/^.*\/assets\//, '')}:${f.lineNumber + 1}`}`;
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  let total = 0;
  let idle = 0;
  const deltas = p.timeDeltas ?? [];
  (p.samples ?? []).forEach((id, i) => {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return;
    total += dt;
    if (frame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    const name = nameOf(frame);
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set();
    for (let /** @type {number | undefined} */ at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (f === undefined || f.url === '') continue;
      const n = nameOf(f);
      if (seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + dt);
    }
  });
  const busy = total - idle;
  /** @param {Map<string, number>} m @param {number} count */
  const top = (m, count) => {
    for (const [name, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${name}`);
  };
  console.log(`  CPU profile of the main thread (${relative(root, file)}): ${total.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy; self time by function:`);
  top(self, 25);
  console.log('  total time (self and callees) by function of the page\'s own code:');
  top(inclusive, 30);
}
