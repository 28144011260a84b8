import { expect, test } from '@playwright/test';
import { legendValue, nowS, openLink, pause, setSpeed, waitForTime } from './lab';

test('the priority-shedding preset draws each class’s goodput share: the critical class keeps it through the spike, the sheddable class loses it', async ({ page }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await openLink(page, '#preset=priority-shedding');
  await setSpeed(page, '20×');
  const chart = page.locator('[data-chart="classes"]');
  await expect(chart).toHaveCount(1, { timeout: 30_000 });
  await expect(chart.locator('[data-series="class.critical"]')).toHaveCount(1);
  await expect(chart.locator('[data-series="class.sheddable"]')).toHaveCount(1);
  // Into the spike (60–120 s): the readout is the last bin's share.
  await waitForTime(page, 100, 150_000);
  await pause(page);
  expect(await nowS(page)).toBeLessThan(120);
  expect(await legendValue(page, 'classes', 'class.critical')).toBeGreaterThan(90);
  expect(await legendValue(page, 'classes', 'class.sheddable')).toBeLessThan(60);
  expect(problems).toEqual([]);
});
