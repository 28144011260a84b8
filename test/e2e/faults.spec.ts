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
