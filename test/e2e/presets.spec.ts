import { expect, test } from '@playwright/test';
import { PRESETS } from '../../src/sim/index';
import { openLab, pause, play, setSpeed } from './lab';

test('every preset runs to its end in the page, unthrottled, with the verdict the engine expects', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = await openLab(page);
  await pause(page);
  await setSpeed(page, 'Unthrottled');
  const picker = page.getByRole('combobox', { name: 'Scenario' });
  const verdicts: string[] = [];
  for (const preset of PRESETS) {
    await picker.selectOption(preset.id);
    await expect(page.locator('.clock')).toHaveAttribute('data-now', '0');
    await play(page);
    const verdict = page.locator('.banner-verdict');
    await expect(verdict).toBeVisible({ timeout: 60_000 });
    verdicts.push(`${preset.id}: ${await verdict.getAttribute('data-verdict')}`);
    await expect(page.locator('.invariants')).toHaveAttribute('data-holds', 'true');
  }
  expect(verdicts).toEqual(PRESETS.map((p) => `${p.id}: ${p.expected}`));
  expect(problems).toEqual([]);
});
