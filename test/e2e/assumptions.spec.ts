import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { nowS, openLink, pause, play, setSpeed, shot } from './lab';

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

test('In a lesson the step’s preset lists its assumptions under the lesson, and Break it works there too', async ({ page }) => {
  test.setTimeout(180_000);
  // Step 1 of "breaking the loop" runs the retry storm as it is.
  await openLink(page, '#lesson=breaking-the-loop&step=1');
  // A lesson's step starts playing once it has loaded (the clock can show before): pause only once it plays.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible({ timeout: 30_000 });
  await pause(page);
  expect(await nowS(page)).toBeLessThan(55);
  const panel = page.getByRole('region', { name: 'Assumptions' });
  await expect(panel).toHaveAttribute('data-preset', 'retry-storm');
  await expect(panel).toContainText('This step runs “Retry storm”');
  await expect(panel).not.toContainText('The step changes the preset');
  await expect(panel.locator('li')).toHaveCount(3);
  const results = await new AxeBuilder({ page }).include('.assumptions').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await panel.getByRole('button', { name: 'Break it: turn retries off' }).click();
  await expect(panel.locator('li[data-assumption="clients-retry"]')).toHaveAttribute('data-broken', 'yes');
  const banner = page.locator('.banner');
  await expect(banner).toContainText('Assumption broken: “clients retry once after a timeout”.');
  await setSpeed(page, 'Unthrottled');
  await play(page);
  // Without retries the storm's backlog drains: the run recovers (the preset itself stays stuck).
  await expect(page.locator('.banner-verdict')).toHaveAttribute('data-verdict', 'recovered', { timeout: 150_000 });
  const lesson = page.locator('section.lesson-panel');
  await expect(lesson).toHaveAttribute('data-step', '1');
  // The step's outcome describes the step's own run, so the panel says the run is no longer it instead.
  await expect(lesson.locator('.lesson-broken')).toContainText('You broke “clients retry once after a timeout”');
  await expect(lesson.locator('.lesson-outcome')).toHaveCount(0);
  await shot(page, 'lesson-assumptions');
  // Reset runs the step as written: nothing broken, the storm stays stuck and the outcome shows.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(panel.locator('li[data-assumption="clients-retry"]')).toHaveAttribute('data-broken', 'no');
  await expect(lesson.locator('.lesson-broken')).toHaveCount(0);
  if (await page.getByRole('button', { name: 'Play', exact: true }).isVisible()) await play(page);
  await expect(page.locator('.banner-verdict')).toHaveAttribute('data-verdict', 'metastable', { timeout: 150_000 });
  await expect(lesson.locator('.lesson-outcome')).toBeVisible({ timeout: 30_000 });

  // A step that changes its preset (the storm without its outage) shows the preset's assumptions with a caution.
  await openLink(page, '#lesson=retry-storm&step=1');
  await expect(page.getByRole('region', { name: 'Assumptions' })).toContainText('The step changes the preset');
});
