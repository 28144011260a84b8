import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, shot, waitForTime } from './lab';

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openLab(page);
    await waitForTime(page, 10);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shot(page, `04-theme-${theme}`);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
    expect(report).toEqual([]);
  });
}

test('the theme switch turns dark on and off', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openLab(page);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
