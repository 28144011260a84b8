import { expect, test } from '@playwright/test';
import { openLab, waitForTime } from './lab';

test('the request flow is drawn while it is on screen and not while it is scrolled out of view', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 600 });
  const problems = await openLab(page);
  await waitForTime(page, 5);
  const canvas = page.locator('.flow-canvas');
  const picture = () => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(canvas).not.toBeInViewport();
  // Out of view while the run plays: the picture stays as it was.
  const hidden = await picture();
  await page.waitForTimeout(600);
  expect(await picture()).toBe(hidden);
  // In view: the dots move from frame to frame.
  await canvas.scrollIntoViewIfNeeded();
  await expect(canvas).toBeInViewport();
  await expect.poll(picture, { timeout: 10_000 }).not.toBe(hidden);
  const shown = await picture();
  await expect.poll(picture, { timeout: 10_000 }).not.toBe(shown);
  expect(problems).toEqual([]);
});
