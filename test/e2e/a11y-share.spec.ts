import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './lab';

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include !== undefined) builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation in the gallery, the dialogs and an embed (${theme} theme)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openLab(page);
    await page.getByRole('button', { name: 'Presets', exact: true }).click();
    await expect(page.locator('.card').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    for (const [button, dialog] of [
      ['Share…', 'Share this run'],
      ['Open scenario…', 'Open a scenario'],
      ['Shortcuts', 'Keyboard shortcuts'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await expect(page.getByRole('dialog', { name: dialog })).toBeVisible();
      expect(await seriousViolations(page, 'dialog'), dialog).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }

    await page.goto('./#preset=retry-storm&embed=1&controls=transport,triggers,sliders');
    await expect(page.getByRole('button', { name: '▶ Click to run' })).toBeEnabled({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });
}
