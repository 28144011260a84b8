/**
 * Every run ends, and the page keeps answering: a period that would stop simulated time is refused with its field, a
 * bin longer than the watchdog's 8 s is worked through in steps that answer in time, a run the worker hangs on twice
 * is closed (and not autosaved), and a link opened at a later time shows how far its replay has got.
 */
import AxeBuilder from '@axe-core/playwright';
import LZString from 'lz-string';
import { expect, test, type Page } from '@playwright/test';
import { HANGING_SCENARIO_NAME } from '../../src/worker/fault';
import { labState, nowS } from './lab';

/** A link to `scenario` as written (not normalised first: it may be one the page must refuse), with view parameters. */
const linkTo = (scenario: Record<string, unknown>, view = '') => `./#v1=${LZString.compressToEncodedURIComponent(JSON.stringify(scenario))}${view}`;

/** Errors the page writes to its console, and uncaught exceptions. */
function consoleErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.message}`));
  return seen;
}

test('a link whose autoscaler checks every 1e-300 s is refused, naming the field and range; the default preset runs', async ({ page }) => {
  await page.goto(linkTo({ version: 1, server: { autoscale: { window: 1e-300 } } }));
  await expect(page.getByRole('alert')).toContainText('server.autoscale.window: got 1e-300, expected a number from 0.001 to 3600', { timeout: 30_000 });
  await expect.poll(async () => (await labState(page)).presetId, { timeout: 30_000 }).toBe('retry-storm');
  const t = await nowS(page);
  await expect.poll(() => nowS(page), { timeout: 30_000 }).toBeGreaterThan(t);
});

test('one 400-s bin of 50,000 requests a second is refused, naming bin and the largest bin at that load; the default preset runs', async ({ page }) => {
  await page.goto(linkTo({ version: 1, name: 'One long bin', duration: 400, bin: 400, load: { rate: 50_000 }, server: { concurrency: null } }, '&speed=max'));
  await expect(page.getByRole('alert')).toContainText('bin: got 400, expected a number from 0.001 to 20 at this load', { timeout: 30_000 });
  await expect.poll(async () => (await labState(page)).presetId, { timeout: 30_000 }).toBe('retry-storm');
  const t = await nowS(page);
  await expect.poll(() => nowS(page), { timeout: 30_000 }).toBeGreaterThan(t);
});

test('bins of a million attempts each (the most a bin may hold): the clock moves bin by bin and no watchdog fires', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = consoleErrors(page);
  await page.goto(linkTo({ version: 1, name: 'Long bins', duration: 100, bin: 20, load: { rate: 50_000 }, server: { concurrency: null } }, '&speed=max'));
  await expect(page.locator('.clock')).toContainText('of 100 s', { timeout: 30_000 });
  await expect(page.locator('.clock')).toContainText('finished', { timeout: 150_000 });
  expect((await labState(page)).recorded?.name).toBe('Long bins');
  await expect(page.getByRole('alert').filter({ hasText: 'did not answer' })).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a run the worker hangs on twice is not restarted again: the page says so, opens the default preset, and neither the address nor the autosave reopens it', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(linkTo({ version: 1, name: HANGING_SCENARIO_NAME, duration: 100, load: { rate: 20 } }));
  const notice = page.getByRole('alert');
  await expect(notice).toContainText(
    `The simulation worker did not answer within 8 s. That happened twice running the scenario "${HANGING_SCENARIO_NAME}", so it was not started again. The default preset was opened instead.`,
    { timeout: 90_000 },
  );
  await expect.poll(async () => (await labState(page)).presetId).toBe('retry-storm');
  const t = await nowS(page);
  await expect.poll(() => nowS(page), { timeout: 30_000 }).toBeGreaterThan(t);
  // The autosave (one second after a change) holds the preset, and so does the address.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('metastability-lab:autosave:v1')), { timeout: 10_000 }).toBe('#preset=retry-storm');
  expect(new URL(page.url()).hash).toBe('#preset=retry-storm');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible({ timeout: 30_000 });
  expect((await labState(page)).presetId).toBe('retry-storm');
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible({ timeout: 30_000 });
  expect((await labState(page)).recorded?.name).not.toBe(HANGING_SCENARIO_NAME);
});

for (const theme of ['light', 'dark'] as const) {
  test(`a link that opens at a later time shows the progress of its replay, then stands at that time (${theme} theme, axe)`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    // About 6 million attempts to replay: many steps, each answered within a quarter of a second.
    await page.goto(linkTo({ version: 1, name: 'Caught up', duration: 400, load: { rate: 20_000 }, server: { concurrency: null } }, '&t=300'));
    const progress = page.locator('.replay');
    await expect(progress).toContainText('Replaying to t = 300 s', { timeout: 30_000 });
    await expect(progress.getByRole('progressbar')).toBeVisible();
    await expect.poll(async () => Number(await progress.getAttribute('data-percent')), { timeout: 60_000 }).toBeGreaterThan(0);
    const results = await new AxeBuilder({ page }).include('.transport').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.impact} ${v.id}: ${v.help}`)).toEqual([]);
    await expect(progress).toHaveCount(0, { timeout: 120_000 });
    expect(await nowS(page)).toBeGreaterThanOrEqual(300);
    expect((await labState(page)).recorded?.name).toBe('Caught up');
  });
}
