import { expect, test } from '@playwright/test';
import { nowS, openLab, pause, waitForTime, type LabTestHook } from './lab';

declare global {
  interface Window {
    __labTest: LabTestHook;
  }
}

test('a worker that throws is restarted with the last good scenario, without a reload, and the page says so', async ({ page }) => {
  await openLab(page);
  await waitForTime(page, 3);
  let reloaded = false;
  page.on('framenavigated', () => (reloaded = true));
  await page.evaluate(() => window.__labTest.fault('throw'));
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('The simulation worker crashed', { timeout: 30_000 });
  await expect(notice).toContainText('It was restarted with the last good scenario.');
  // The run goes on in the new worker, from the start of the scenario.
  const after = await nowS(page);
  await waitForTime(page, after + 2);
  // Paused, nothing is asked of the worker: every call made so far has settled.
  await pause(page);
  await expect.poll(() => page.evaluate(() => window.__labTest.pendingCount())).toBe(0);
  expect(reloaded).toBe(false);
});

test('a worker that hangs is restarted by the watchdog; every pending call fails instead of hanging', async ({ page }) => {
  await openLab(page);
  await waitForTime(page, 3);
  const outcomes = await page.evaluate(async () => {
    const hung = window.__labTest.fault('hang');
    const queued = window.__labTest.set({ 'load.rate': 100 });
    const settled = await Promise.allSettled([hung, queued]);
    return settled.map((s) => (s.status === 'rejected' ? `rejected: ${String(s.reason)}` : 'fulfilled'));
  });
  expect(outcomes).toHaveLength(2);
  for (const outcome of outcomes) expect(outcome).toMatch(/^rejected: SimWorkerError: The simulation worker did not answer within \d+ s\./);
  const notice = page.getByRole('alert');
  await expect(notice).toContainText(/did not answer within \d+ s\. It was restarted with the last good scenario\./, { timeout: 30_000 });
  const after = await nowS(page);
  await waitForTime(page, after + 2);
  // Paused, nothing is asked of the worker: every call made so far has settled.
  await pause(page);
  await expect.poll(() => page.evaluate(() => window.__labTest.pendingCount())).toBe(0);
});

// The other workers: each is made to hang after the calls it holds, with a 3-s watchdog for that call, while its view
// is busy; the watchdog terminates it, the calls behind the hang fail, and the view runs them again in a new worker.
const WATCHDOG_MS = 3_000;

test('a fan-out study worker that hangs is restarted by its watchdog and the study runs again to the end', async ({ page }) => {
  test.setTimeout(180_000);
  await openLab(page);
  await pause(page);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('tail-at-scale');
  const study = page.locator('.fanout-study');
  await expect.poll(async () => Number(await study.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await expect(study).toHaveAttribute('aria-busy', 'true');
  await page.evaluate((ms) => void window.__labTest.hang('study', ms).catch(() => {}), WATCHDOG_MS);
  await expect(study.locator('.fanout-notice')).toHaveText('The fan-out study worker did not answer within 3 s. It was restarted and the study is run again.', {
    timeout: 60_000,
  });
  // Widths 1, 2, 5, 10, 20, 50, 100, all measured by the new worker.
  await expect(study).toHaveAttribute('data-points', '7', { timeout: 120_000 });
  await expect(study).toHaveAttribute('aria-busy', 'false');
  await expect(study.locator('.error')).toHaveCount(0);
});

test('a phase-map worker that hangs is restarted by its watchdog, its cells run again, and the map ends whole', async ({ page }) => {
  test.setTimeout(180_000);
  // One worker, as in the phase-map spec: the machine's cores are shared with the spec running beside this one.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
  await openLab(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Phase map' }).click();
  await page.getByLabel('X steps', { exact: true }).fill('6');
  await page.getByLabel('Y steps', { exact: true }).fill('6');
  await page.getByRole('button', { name: 'Run map' }).click();
  const status = page.locator('.phase-status');
  await expect.poll(async () => Number((await status.textContent())?.split(' ')[0]), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  await expect(status).toHaveAttribute('data-status', 'running');
  await page.evaluate((ms) => void window.__labTest.hang('sweep', ms).catch(() => {}), WATCHDOG_MS);
  await expect(page.locator('.phase-notice')).toHaveText('The phase-map worker did not answer within 3 s. It was restarted and its cells are run again.', {
    timeout: 60_000,
  });
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  const phase = await page.evaluate(() => {
    const { failedCells, map } = window.__labTest.phaseState();
    return { failedCells, cells: map?.cells.map((c) => c !== null) ?? [] };
  });
  // Six steps a side, rounded to round axis values: as many cells as the axes hold, every one of them run.
  const n = phase.cells.length;
  expect(n).toBeGreaterThanOrEqual(16);
  await expect(status).toContainText(`${n} of ${n} cells`);
  expect(phase.failedCells).toBe(0);
  expect(phase.cells.every((done) => done)).toBe(true);
});

test('a compare side whose worker hangs is restarted by its watchdog and replayed to the shared time; the lock step holds', async ({ page }) => {
  test.setTimeout(180_000);
  await openLab(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare' }).click();
  const now = async (side: 'left' | 'right') => Number(await page.locator(`.compare-pane[data-side="${side}"] .compare-clock`).getAttribute('data-now'));
  await expect.poll(() => now('left'), { timeout: 60_000 }).toBeGreaterThan(5);
  await page.evaluate((ms) => void window.__labTest.hang('compare-right', ms).catch(() => {}), WATCHDOG_MS);
  await expect(page.locator('.compare-controls [role="alert"]')).toHaveText(
    'The simulation worker did not answer within 3 s. It was restarted with the last good scenario.',
    { timeout: 60_000 },
  );
  const restartedAt = await now('left');
  await expect.poll(() => now('right'), { timeout: 60_000 }).toBeGreaterThan(restartedAt + 10);
  await page.getByRole('button', { name: 'Pause both' }).click();
  await expect(page.getByRole('button', { name: 'Play both' })).toBeVisible();
  expect(await now('right')).toBe(await now('left'));
  expect(await page.evaluate(() => window.__labTest.compareState().status)).toBe('ready');
});
