import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { legendValue, openLab, pause, setSpeed, SHOTS, shot, waitForTime } from './lab';

/** Whether the element's whole box lies inside the viewport. */
async function inside(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
}

/** Whether the element's box overlaps the viewport by at least `minPx` in height. */
async function showing(page: Page, locator: Locator, minPx = 40): Promise<boolean> {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  if (box === null) return false;
  const visible = Math.min(box.y + box.height, view.height) - Math.max(box.y, 0);
  return visible >= minPx && box.x < view.width && box.x + box.width > 0;
}

async function axeSerious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

test.describe('at 1440 × 900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('load, retry policy and cache hit rate, and the preset\'s story and "Watch:" text, are on screen without scrolling', async ({ page }) => {
    const problems = await openLab(page);
    await waitForTime(page, 5);
    const controls = [
      page.locator('input[data-path="load.rate"]'),
      page.getByRole('group', { name: 'Retry policy' }),
      page.getByRole('slider', { name: 'Cache hit rate' }),
      page.getByRole('checkbox', { name: 'Look-aside cache' }),
      page.locator('.story'),
      page.locator('[data-chart="load"]'),
    ];
    for (const c of controls) expect(await inside(page, c), await c.evaluate((e) => e.outerHTML.slice(0, 80))).toBe(true);
    await expect(page.locator('.story')).toContainText('Watch:');
    await shot(page, '10-default-1440x900', false);

    // The cache slider is always there: moving it above zero puts a cache in, and its chart appears.
    const cache = page.getByRole('slider', { name: 'Cache hit rate' });
    await expect(cache).toHaveAttribute('aria-valuetext', 'no cache');
    await expect(page.locator('[data-chart="cache"]')).toHaveCount(0);
    await cache.focus();
    await cache.press('End');
    await expect(page.getByRole('checkbox', { name: 'Look-aside cache' })).toBeChecked();
    await expect(cache).toHaveAttribute('aria-valuetext', '99%');
    await expect(page.locator('[data-chart="cache"]')).toHaveCount(1);
    expect(problems).toEqual([]);
  });

  test('the chart key names the strip, trigger shading and action marks, and hovering shows the time the legends read', async ({ page }) => {
    await openLab(page);
    // Not unthrottled: the run must still be playing when it is paused, long before its end at 400 s.
    await setSpeed(page, '50×');
    await waitForTime(page, 100);
    await pause(page);
    const key = page.getByRole('list', { name: 'Chart key' });
    for (const item of ['good', 'bad', 'not judged', 'trigger', 'your change']) await expect(key).toContainText(item);
    await expect(page.locator('.readout-time')).toContainText('(latest)');
    // Hover the middle of the bin starting at 73 s on the latency chart (400-s run, the plot's left margin 60 px, right 14 px).
    const plot = page.locator('[data-chart="latency"] .chart-plot');
    const box = (await plot.boundingBox())!;
    await plot.hover({ position: { x: 60 + ((box.width - 74) * 73.5) / 400, y: box.height / 2 } });
    await expect(page.locator('.readout-time')).toHaveText('t = 73 s');
    await expect(page.locator('.readout-time')).toBeInViewport();
  });

  test('during the stuck state the latency chart shows what clients wait (at least the timeout); successes only is one click away and says so', async ({ page }) => {
    await openLab(page);
    // Not unthrottled: the run must still be playing when it is paused, long before its end at 400 s.
    await setSpeed(page, '50×');
    await waitForTime(page, 150);
    await pause(page);
    await expect(page.locator('.banner')).toHaveAttribute('data-kind', 'stuck');
    const chart = page.locator('[data-chart="latency"]');
    await expect(chart).toContainText('As clients see it');
    // The latest bin: nearly every request fails after its attempt and its retry both time out (1 s each).
    expect(await legendValue(page, 'latency', 'clientP99')).toBeGreaterThanOrEqual(1);
    expect(await legendValue(page, 'latency', 'clientP50')).toBeGreaterThanOrEqual(1);
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: `${SHOTS}/12-latency-stuck-client.png` });
    await page.getByRole('button', { name: 'Successes only' }).click();
    await expect(chart).toContainText('Successes only: failed requests are left out');
    const ok = await legendValue(page, 'latency', 'p99');
    // A success took less than the timeout, or there was none in the bin.
    expect(Number.isNaN(ok) || ok < 1).toBe(true);
    await chart.screenshot({ path: `${SHOTS}/13-latency-stuck-successes.png` });
  });

  test('presenter mode scales chart text and lines', async ({ page }) => {
    await openLab(page);
    const tick = page.locator('[data-chart="load"] .tick').first();
    const size = () => tick.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const line = () => page.locator('[data-chart="latency"] .ref-line').evaluate((e) => parseFloat(getComputedStyle(e).strokeWidth));
    const normal = await size();
    const normalLine = await line();
    await page.locator('body').press('p');
    await expect(page.locator('html')).toHaveClass(/presenter/);
    expect(await size()).toBeGreaterThanOrEqual(normal * 1.3);
    expect(await line()).toBeGreaterThan(normalLine);
    await shot(page, '14-presenter-1440x900', false);
  });
});

test.describe('on a 390 × 844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the masthead folds into a menu, the key hint is gone, and a chart stays in view while a slider moves', async ({ page }) => {
    const problems = await openLab(page);
    await waitForTime(page, 5);
    await shot(page, '11-default-390x844', false);
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    for (const name of ['Share…', 'Presenter', 'Dark theme']) await expect(page.getByRole('button', { name, exact: true })).toBeHidden();
    await expect(page.locator('.keys-hint')).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['Share…', 'Presenter', 'Dark theme']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(page.locator('.keys-hint')).toBeHidden();
    await shot(page, '15-menu-open-390x844', false);
    await menu.click();
    await expect(page.getByRole('button', { name: 'Share…', exact: true })).toBeHidden();

    // Without scrolling, move the load slider in the dock: the slider and some of the load chart's plot, above the dock, are on screen.
    const load = page.locator('input[data-path="load.rate"]');
    await load.focus();
    await load.press('ArrowRight');
    await expect(load).toHaveAttribute('aria-valuetext', '290 req/s');
    expect(await showing(page, load, 10)).toBe(true);
    const plot = (await page.locator('[data-chart="load"] .chart-plot').boundingBox())!;
    const dock = (await page.locator('.key-controls').boundingBox())!;
    expect(await showing(page, page.locator('[data-chart="load"] .chart-plot'))).toBe(true);
    expect(dock.y - plot.y, 'plot pixels above the dock').toBeGreaterThanOrEqual(40);
    // Scrolled down to the other charts, the dock stays, so they stay in view while the slider moves.
    await page.locator('[data-chart="queue"]').scrollIntoViewIfNeeded();
    await load.press('ArrowLeft');
    await expect(load).toHaveAttribute('aria-valuetext', '280 req/s');
    expect(await showing(page, load, 10)).toBe(true);
    expect(await showing(page, page.locator('[data-chart="queue"]'))).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
    await shot(page, '16-slider-moved-390x844', false);
    expect(problems).toEqual([]);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation with the menu open and successes only shown, ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await openLab(page);
      await waitForTime(page, 5);
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('button', { name: 'Successes only' }).click();
      expect(await axeSerious(page)).toEqual([]);
    });
  }
});
