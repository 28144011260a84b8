import { expect, test } from '@playwright/test';
import { legendValue, openLab, pause, waitForTime } from './lab';

test('choosing a concurrency limiter in the cures adds its charts, which read the limiter’s state', async ({ page }) => {
  const problems = await openLab(page);
  await waitForTime(page, 5);
  for (const id of ['limiter', 'limiterRtt', 'limiterGradient']) await expect(page.locator(`[data-chart="${id}"]`)).toHaveCount(0);

  await page.locator('select[data-path="server.limiter"]').selectOption('aimd');
  await expect(page.locator('[data-chart="limiter"]')).toHaveCount(1);
  // AIMD keeps no RTT and no gradient: those charts stay out.
  await expect(page.locator('[data-chart="limiterRtt"]')).toHaveCount(0);
  await expect(page.locator('[data-chart="limiterGradient"]')).toHaveCount(0);

  await page.locator('select[data-path="server.limiter"]').selectOption('gradient2');
  for (const id of ['limiter', 'limiterRtt', 'limiterGradient']) await expect(page.locator(`[data-chart="${id}"]`)).toHaveCount(1);
  const from = Number(await page.locator('.clock').getAttribute('data-now'));
  await waitForTime(page, from + 5);
  await pause(page);
  // Gradient2's limit stays within [minLimit, maxLimit] = [20, 200]; its gradient within [50 %, 100 %].
  const limit = await legendValue(page, 'limiter', 'limiterLimit');
  expect(limit).toBeGreaterThanOrEqual(20);
  expect(limit).toBeLessThanOrEqual(200);
  const gradient = await legendValue(page, 'limiterGradient', 'limiterGradient');
  expect(gradient).toBeGreaterThanOrEqual(50);
  expect(gradient).toBeLessThanOrEqual(100);
  expect(problems).toEqual([]);
});
