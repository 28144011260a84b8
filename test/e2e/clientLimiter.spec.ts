import { expect, test } from '@playwright/test';
import { legendValue, openLab, pause, waitForTime } from './lab';

test('choosing a client limiter in the cures adds the concurrency-limit chart with the client’s limit; the bulkhead toggle switches it on', async ({ page }) => {
  const problems = await openLab(page);
  await waitForTime(page, 5);
  await expect(page.locator('[data-chart="limiter"]')).toHaveCount(0);

  await page.locator('select[data-path="client.limiter"]').selectOption('aimd');
  await expect(page.locator('[data-chart="limiter"]')).toHaveCount(1);
  // The RTT and gradient charts are the server limiter's: a client limiter alone leaves them out.
  await expect(page.locator('[data-chart="limiterRtt"]')).toHaveCount(0);
  const from = Number(await page.locator('.clock').getAttribute('data-now'));
  await waitForTime(page, from + 5);
  await pause(page);
  // AIMD's limit stays within [minLimit, maxLimit] = [20, 200].
  const limit = await legendValue(page, 'limiter', 'clientLimiterLimit');
  expect(limit).toBeGreaterThanOrEqual(20);
  expect(limit).toBeLessThanOrEqual(200);

  const bulkhead = page.locator('input[data-path="client.bulkhead"]');
  await bulkhead.check();
  await expect(bulkhead).toBeChecked();
  expect(problems).toEqual([]);
});
