import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, shot } from './lab';

const clock = (page: Page, side: 'left' | 'right') => page.locator(`.compare-pane[data-side="${side}"] .compare-clock`);
const now = async (page: Page, side: 'left' | 'right') => Number(await clock(page, side).getAttribute('data-now'));

test('compare: the lab’s retry storm against the same with a retry budget, in lock step on one seed, with the figures diffed', async ({ page }) => {
  const problems = await openLab(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('heading', { name: 'Compare' })).toBeVisible();
  await expect(page.locator('.compare-pane[data-side="left"] h3')).toContainText('Retry storm (the lab’s scenario)');
  await expect(page.locator('.compare-pane[data-side="right"] h3')).toContainText('+ retry budget');
  // The view starts playing both at once; the lab waits meanwhile.
  await expect(page.getByRole('button', { name: 'Pause both' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => now(page, 'left'), { timeout: 30_000 }).toBeGreaterThan(5);

  // Lock step: paused, both clocks read the same time; played on, both advance, and again agree.
  await page.getByRole('button', { name: 'Pause both' }).click();
  await expect(page.getByRole('button', { name: 'Play both' })).toBeVisible();
  const t1 = await now(page, 'left');
  expect(await now(page, 'right')).toBe(t1);
  await page.getByRole('button', { name: 'Play both' }).click();
  await expect.poll(() => now(page, 'left'), { timeout: 30_000 }).toBeGreaterThan(t1 + 10);
  await page.getByRole('button', { name: 'Pause both' }).click();
  const t2 = await now(page, 'left');
  expect(await now(page, 'right')).toBe(t2);
  expect(t2).toBeGreaterThan(t1);
  // Same seed, same traffic: the first attempts of every bin so far are identical on both sides.
  const offered = await page.evaluate(() => {
    const legend = [...document.querySelectorAll('.compare-pane [data-chart="load"] [data-series="offered"]')];
    return legend.map((li) => li.getAttribute('data-value'));
  });
  expect(offered).toHaveLength(2);
  expect(offered[0]).toBe(offered[1]);

  // Both charts of a kind share one y-scale: their tick labels are the same.
  const ticks = await page.evaluate(() =>
    [...document.querySelectorAll('.compare-pane')].map((pane) => [...pane.querySelectorAll('[data-chart="load"] .tick')].map((t) => t.textContent).join(',')),
  );
  expect(ticks[0]).toBe(ticks[1]);

  // To the end at 100×: M1 stays stuck, M4 (a retry budget) recovers; the diff says so.
  await page.getByRole('combobox', { name: /^Compare speed/ }).selectOption('100');
  await page.getByRole('button', { name: 'Play both' }).click();
  await expect(clock(page, 'left')).toContainText('finished', { timeout: 60_000 });
  await expect(clock(page, 'right')).toContainText('finished');
  expect(await now(page, 'left')).toBe(400);
  expect(await now(page, 'right')).toBe(400);
  const verdict = page.locator('.compare-diff tr[data-figure="verdict"]');
  await expect(verdict.locator('td').nth(0)).toHaveText('metastable');
  await expect(verdict.locator('td').nth(1)).toHaveText('recovered');
  await expect(verdict.locator('td').nth(2)).toHaveText('metastable → recovered');
  for (const figure of ['goodput', 'p99', 'amplification', 'badTime', 'recoveryTime']) {
    await expect(page.locator(`.compare-diff tr[data-figure="${figure}"] td`)).toHaveCount(3);
  }
  await expect(page.locator('.compare-diff tr[data-figure="goodput"] td').nth(2)).toHaveText(/^\+/);
  await expect(page.locator('.compare-diff tr[data-figure="amplification"] td').nth(2)).toHaveText(/^−/);
  await shot(page, '22-compare');
  const results = await new AxeBuilder({ page }).include('.compare').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(problems).toEqual([]);
});

test('compare: two presets side by side, and Reset both starts both from zero', async ({ page }) => {
  const problems = await openLab(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('combobox', { name: /^Left/ }).selectOption('preset:retry-storm');
  await page.getByRole('combobox', { name: /^Right(?! side)/ }).selectOption('preset:lifo-queue');
  await page.getByRole('combobox', { name: /^Right side’s change/ }).selectOption('none');
  await page.getByLabel('Seed (both sides)').fill('7');
  await page.getByRole('button', { name: 'Run both' }).click();
  await expect(page.locator('.compare-pane[data-side="right"] h3')).toHaveText('Right: Retry storm with a LIFO queue');
  await expect.poll(() => now(page, 'right'), { timeout: 30_000 }).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Reset both' }).click();
  await expect.poll(() => now(page, 'left'), { timeout: 10_000 }).toBeLessThan(3);
  // The seed typed is the seed both sides run with.
  const seeds = await page.evaluate(() => [...document.querySelectorAll('.compare-pane')].map((p) => p.getAttribute('data-seed')));
  expect(seeds).toEqual(['7', '7']);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const results = await new AxeBuilder({ page }).include('.compare').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  expect(problems).toEqual([]);
});
