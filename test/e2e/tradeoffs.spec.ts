import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, shot } from './lab';

// One worker per page (as the phase map's spec does): the pool takes its size from navigator.hardwareConcurrency.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
});

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.tradeoffs-view').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

const CURES = ['retry-budget', 'circuit-breaker', 'backoff-jitter', 'lifo', 'bounded-queue', 'drop-expired', 'cancel-on-timeout', 'codel', 'throttle', 'no-retries'];

test('tradeoffs: the retry storm shows every cure with its benefit and costs, the frontier, and opens a cure in Compare; axe in both themes', async ({ page }) => {
  test.setTimeout(300_000);
  await openLab(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Tradeoffs' }).click();
  await expect(page.getByRole('heading', { name: 'Tradeoffs' })).toBeVisible();
  await page.getByLabel('each pair of cures too').uncheck();
  await page.getByLabel('Seeds (1 to 16)').fill('1');
  await page.getByRole('button', { name: 'Run tradeoffs' }).click();
  await expect(page.locator('.tradeoffs-progress [data-status="done"]')).toBeVisible({ timeout: 240_000 });
  await expect(page.locator('.tradeoffs-progress')).toContainText('22 of 22 runs');

  const rows = page.locator('.tradeoffs-table tbody tr');
  await expect(rows).toHaveCount(1 + CURES.length);
  for (const id of ['none', ...CURES]) {
    const row = page.locator(`.tradeoffs-table tr[data-config="${id}"]`);
    await expect(row.locator('td').first()).toHaveText(/^[01]\/1$/);
    // Every cost the cure has is a figure: amplification and shed share always, the longest wait when a call was served.
    for (const measure of ['goodputShare', 'amplification', 'shedShare', 'successesLost', 'p999', 'longestWait']) {
      await expect(row.locator(`td[data-measure="${measure}"]`), `${id} ${measure}`).not.toHaveText('—');
    }
  }
  // The baseline stays stuck; a breaker refuses requests on purpose, and detects the outage.
  await expect(page.locator('tr[data-config="none"] td').first()).toHaveText('0/1');
  await expect(page.locator('tr[data-config="circuit-breaker"] td[data-measure="detect"]')).not.toHaveText('—');
  await expect(page.locator('tr[data-config="circuit-breaker"] td[data-measure="shedShare"]')).not.toHaveText('0.0%');
  await expect(page.locator('.tradeoffs-table tr[data-frontier="yes"]').first()).toBeVisible();
  await expect(page.locator('.tradeoff-chart .point')).toHaveCount(1 + CURES.length);
  await shot(page, 'tradeoffs-retry-storm');

  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await seriousAxeViolations(page), 'light').toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousAxeViolations(page), 'dark').toEqual([]);

  await page.getByRole('button', { name: 'Compare circuit breaker against the baseline' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare' })).toHaveAttribute('aria-current', 'page');
});
