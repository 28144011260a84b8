import { expect, test, type Page } from '@playwright/test';
import { labState, openLab, pause } from './lab';

/** The `set` of the last action recorded, or null. */
async function lastSet(page: Page): Promise<Record<string, unknown> | null> {
  const actions = ((await labState(page)).recorded?.actions ?? []) as { set: Record<string, unknown> }[];
  return actions.length === 0 ? null : actions[actions.length - 1]!.set;
}

test('the controls switch the retry budget kind and error answers on, and the triggers panel injects an error burst', async ({ page }) => {
  const problems = await openLab(page);
  await pause(page);
  await page.getByRole('checkbox', { name: /^Retry budget/ }).check();
  await expect.poll(async () => (await labState(page)).recorded?.actions.length).toBe(1);
  // The gRPC bucket by default, with its refill per success.
  await expect(page.getByText('Refill per success')).toBeVisible();
  await page.getByLabel('Budget kind').selectOption('envoy');
  await expect(page.getByText('Budget percent')).toBeVisible();
  await expect.poll(() => lastSet(page)).toEqual({ 'client.retry.budget.kind': 'envoy' });

  await page.getByRole('checkbox', { name: /^Error answers/ }).check();
  await expect(page.getByText('Error share', { exact: true })).toBeVisible();
  await expect.poll(() => lastSet(page)).toEqual({ 'server.errors': {} });

  const triggers = page.getByRole('region', { name: 'Triggers' });
  await triggers.getByLabel('Kind').selectOption('errors');
  await triggers.getByRole('button', { name: 'Inject now' }).click();
  await expect.poll(async () => (await labState(page)).recorded?.triggers.slice(-1)[0]).toMatchObject({ kind: 'errors', duration: 10, rate: 0.5 });
  await expect(triggers.getByRole('list', { name: 'Triggers in this run' })).toContainText('Error answers at');
  expect(problems).toEqual([]);
});
