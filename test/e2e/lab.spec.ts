import { expect, test } from '@playwright/test';
import { legendValue, nowS, openLab, pause, play, setRunLength, setSpeed, shot, waitForTime } from './lab';

test('the lab opens on the retry storm running; the load slider moved by keyboard changes the offered-load series', async ({ page }) => {
  const problems = await openLab(page);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('retry-storm');
  await waitForTime(page, 3);
  const t0 = await nowS(page);
  await waitForTime(page, t0 + 3);
  await expect(page.locator('.chart-stack')).toHaveAttribute('data-bins', /^[1-9]\d*$/);
  await shot(page, '01-opens-running');

  const load = page.locator('input[data-path="load.rate"]');
  await expect(load).toHaveAttribute('aria-valuetext', '280 req/s');
  const before = await legendValue(page, 'load', 'offered');
  expect(before).toBeGreaterThan(200);
  expect(before).toBeLessThan(360);
  await load.focus();
  for (let i = 0; i < 20; i++) await load.press('ArrowRight');
  await expect(load).toHaveAttribute('aria-valuetext', '480 req/s');
  // The change is recorded as an action and marked on the charts.
  await expect(page.locator('[data-chart="load"] .action-mark').first()).toBeAttached();
  // Offered load at 480/s: a 1-s bin above 400 is > 4 standard deviations from 280/s.
  await expect.poll(() => legendValue(page, 'load', 'offered'), { timeout: 30_000 }).toBeGreaterThan(400);
  expect(problems).toEqual([]);
});

test('retry storm: a spike shades the charts, the bad state outlives it, and turning retries off rescues it', async ({ page }) => {
  const problems = await openLab(page);
  await waitForTime(page, 1);
  await setRunLength(page, 600);
  await pause(page);
  // Past the start-up, whose bins the verdict does not judge.
  while ((await nowS(page)) < 5) await page.getByRole('button', { name: 'Step', exact: true }).click();
  // Without the preset's outage, so the spike is the only trigger.
  await page.getByRole('button', { name: 'Remove the outage at 60 s' }).click();
  await expect(page.getByRole('list', { name: 'Triggers in this run' })).toHaveCount(0);

  await page.getByLabel('Kind').selectOption('spike');
  const size = page.getByLabel('Spike size');
  await size.focus();
  for (let i = 0; i < 5; i++) await size.press('ArrowLeft');
  await expect(size).toHaveAttribute('aria-valuetext', '1.5× load');
  const duration = page.getByLabel('Duration');
  await duration.focus();
  await duration.press('Home');
  await duration.press('ArrowRight');
  await expect(duration).toHaveAttribute('aria-valuetext', '2 s');
  await page.getByRole('button', { name: 'Inject now' }).click();
  await expect(page.getByRole('list', { name: 'Triggers in this run' })).toContainText('Load spike at');
  await expect(page.locator('[data-chart="load"] .trigger-band[data-kind="spike"]')).toHaveCount(1);
  await expect(page.locator('.trigger-band[data-kind="spike"]')).toHaveCount(5);

  await setSpeed(page, '10×');
  await play(page);
  const banner = page.locator('.banner');
  await expect(banner).toHaveAttribute('data-kind', 'stuck', { timeout: 60_000 });
  await expect.poll(async () => Number(await banner.getAttribute('data-seconds')), { timeout: 60_000 }).toBeGreaterThanOrEqual(5);
  // However far the run has got by now on a busy machine: "45 s", "1 min", "1 min 15 s".
  await expect(banner).toContainText(/Stuck for (?:\d+ s|\d+ min(?: \d+ s)?) after the spike ended/);
  await pause(page);
  await shot(page, '02-stuck-after-spike');

  await page.getByRole('radio', { name: 'None' }).check();
  await expect(page.locator('[data-chart="load"] .action-mark')).toHaveCount(1);
  await setSpeed(page, 'Unthrottled');
  await play(page);
  await expect(banner).toHaveAttribute('data-kind', 'recovered', { timeout: 90_000 });
  await expect(banner).toContainText(/Recovered \d+( min)?( \d+ s)? after the spike ended, rescued when retries were turned off/);
  await shot(page, '03-recovered-retries-off');
  expect(problems).toEqual([]);
});
