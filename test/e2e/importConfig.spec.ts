import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { labState, openLab, waitForTime } from './lab';

const fixture = (name: string) => readFileSync(`test/fixtures/import/${name}`);

/** The recorded scenario's client and load, which the lab's snapshot carries without typing them. */
async function recorded(page: Page): Promise<{ name: string; load: { rate: number }; client: { timeout: number | null; retry: Record<string, unknown> } } | null> {
  return (await labState(page)).recorded as never;
}

test('an Envoy retry policy opened as a file goes onto the current scenario after a report of every field; the lab runs it', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Open scenario…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a scenario' });
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'envoy.yaml', mimeType: 'application/yaml', buffer: fixture('envoy-route.yaml') });
  const report = dialog.getByRole('region', { name: /^Imported Envoy/ });
  await expect(report).toContainText('9 fields set, 2 approximated, 4 not imported');
  await expect(report.getByRole('listitem').filter({ hasText: 'client.retry.maxRetries = 3 from route_config.virtual_hosts[0].routes[0].route.retry_policy.num_retries' })).toHaveCount(1);
  await expect(report.getByRole('listitem').filter({ hasText: 'clusters[0].circuit_breakers.thresholds[0].max_requests: not modelled' })).toHaveCount(1);
  const results = await new AxeBuilder({ page }).include('.import-dialog').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Nothing changed until the user says so.
  expect((await recorded(page))?.client.retry.maxRetries).toBe(1);

  await dialog.getByRole('button', { name: 'Open with these settings' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await recorded(page))?.client.retry.maxRetries).toBe(3);
  // The retry storm, with the policy's retries, per-try timeout and backoff.
  expect(await recorded(page)).toMatchObject({ name: 'Retry storm', load: { rate: 280 }, client: { timeout: 0.25, retry: { base: 0.05, cap: 1, backoff: 'exponential', jitter: 'full' } } });
  await waitForTime(page, 2);
});

test('a configuration with a value outside the model is refused naming both fields, and the run is kept', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Open scenario…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a scenario' });
  await dialog.getByRole('textbox', { name: 'Or paste the JSON' }).fill('retry_policy:\n  num_retries: 200\n');
  await dialog.getByRole('button', { name: 'Open scenario' }).click();
  await expect(dialog.getByRole('alert')).toContainText('retry_policy.num_retries → client.retry.maxRetries: got 200, expected an integer from 0 to 100');
  await dialog.getByRole('textbox', { name: 'Or paste the JSON' }).fill('hello: world\n');
  await dialog.getByRole('button', { name: 'Open scenario' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This is not valid JSON');
  expect((await labState(page)).presetId).toBe('retry-storm');
});
