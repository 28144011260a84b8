import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, setSpeed, shot } from './lab';

test('hysteresis: with a load profile the lab plots goodput against offered load, the way down apart from the way up', async ({ page }) => {
  const problems = await openLab(page);
  await expect(page.locator('.hysteresis')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('hysteresis');
  const plot = page.locator('.hysteresis');
  await expect(plot).toBeVisible();
  await setSpeed(page, 'Unthrottled');
  await expect(page.locator('.clock')).toContainText('finished', { timeout: 90_000 });
  await expect(plot.locator('.leg-up')).toHaveAttribute('data-points', '60');
  await expect(plot.locator('.leg-down')).toHaveAttribute('data-points', '60');
  await expect(plot.locator('li[data-series="up"]')).toContainText('load going up');
  await expect(plot.locator('li[data-series="down"]')).toContainText('load coming down');
  const gap = JSON.parse((await plot.locator('svg[role="img"]').getAttribute('data-gap'))!) as { offered: number; up: number; down: number };
  expect(gap.down).toBeLessThan(0.5 * gap.up);
  await expect(plot.locator('svg[role="img"]')).toHaveAttribute('aria-label', /on the way up and \d+\/s on the way down/);
  await plot.scrollIntoViewIfNeeded();
  await shot(page, '21-hysteresis', false);
  const results = await new AxeBuilder({ page }).include('.hysteresis').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('retry-storm');
  await expect(plot).toHaveCount(0);
  expect(problems).toEqual([]);
});
