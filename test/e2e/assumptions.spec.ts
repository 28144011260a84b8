import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { nowS, openLink, pause, play, setSpeed } from './lab';

test('Break it: turning retries on in the no-retries storm is recorded, names the assumption in the banner, and the run stays stuck', async ({ page }) => {
  test.setTimeout(180_000);
  await openLink(page, '#preset=retry-storm-no-retries');
  await pause(page);
  // Before the outage at 60 s, so the retries meet it.
  expect(await nowS(page)).toBeLessThan(55);
  const panel = page.getByRole('region', { name: 'Assumptions' });
  await expect(panel.locator('li')).toHaveCount(2);
  const results = await new AxeBuilder({ page }).include('.assumptions').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await panel.getByRole('button', { name: 'Break it: turn one immediate retry on' }).click();
  await expect(panel.locator('li[data-assumption="no-retries"]')).toHaveAttribute('data-broken', 'yes');
  const banner = page.locator('.banner');
  await expect(banner).toContainText('Assumption broken: “clients do not retry”.');

  await setSpeed(page, 'Unthrottled');
  await play(page);
  await expect(page.locator('.banner-verdict')).toHaveAttribute('data-verdict', 'metastable', { timeout: 150_000 });
  await expect(banner).toHaveAttribute('data-kind', 'stuck');
  await expect(banner).toContainText('Assumption broken: “clients do not retry”.');

  // The break is in the page's link: opened elsewhere, the run replays it and the banner names it again.
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v1=/);
  const hash = await page.evaluate(() => location.hash);
  const other = await page.context().newPage();
  await openLink(other, hash);
  await expect(other.getByRole('region', { name: 'Assumptions' }).locator('li[data-assumption="no-retries"]')).toHaveAttribute('data-broken', 'yes');
  await expect(other.locator('.banner')).toContainText('Assumption broken: “clients do not retry”.', { timeout: 30_000 });
});
