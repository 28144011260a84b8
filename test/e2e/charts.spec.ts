import { expect, test } from '@playwright/test';
import { legendValue, openLab, pause, shot, waitForTime } from './lab';

test('hovering reads every chart at one time; scrubbing goes back through the run and Follow live returns', async ({ page }) => {
  await openLab(page);
  await waitForTime(page, 40);
  await pause(page);
  const latest = await legendValue(page, 'load', 'offered');

  // Hover near t = 10 s on the queue chart: a crosshair on every chart, and the legends read that bin.
  const plot = page.locator('[data-chart="queue"] .chart-plot');
  const box = (await plot.boundingBox())!;
  const x10 = 60 + ((box.width - 60 - 14) * 10) / 400;
  await plot.hover({ position: { x: x10, y: box.height / 2 } });
  await expect(page.locator('.crosshair')).toHaveCount(5);
  await page.mouse.move(0, 0);
  await expect(page.locator('.crosshair')).toHaveCount(0);

  // Scrub with the keyboard to the start of the run: the legends read bin 0.
  const scrub = page.getByRole('slider', { name: 'Scrub' });
  await scrub.focus();
  await scrub.press('Home');
  await expect(scrub).toHaveAttribute('aria-valuetext', 'reading t = 0 s');
  await expect(page.locator('.crosshair')).toHaveCount(5);
  const atStart = await legendValue(page, 'load', 'offered');
  expect(Number.isFinite(atStart)).toBe(true);
  await page.getByRole('button', { name: 'Follow live' }).click();
  await expect(scrub).toHaveAttribute('aria-valuetext', /following the run/);
  expect(await legendValue(page, 'load', 'offered')).toBe(latest);
});

test('on a laptop-size screen the banner, the controls and the first charts are in view', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openLab(page);
  await waitForTime(page, 20);
  for (const locator of [page.locator('.banner'), page.getByRole('button', { name: 'Inject now' }), page.locator('[data-chart="load"]'), page.locator('[data-chart="queue"]')]) {
    await expect(locator).toBeInViewport();
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
  await shot(page, '05-laptop-1366x768', false);
});
