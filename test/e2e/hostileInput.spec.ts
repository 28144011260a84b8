/**
 * The page refuses input that is not a scenario before it does work in proportion to it — a 50-MB file, a file or a
 * link that nests thousands deep or holds thousands of keys or items — naming the limit and the field, and the lab
 * keeps running the scenario it had.
 */
import LZString from 'lz-string';
import { expect, test, type Page } from '@playwright/test';
import { labState, nowS, openLab, waitForTime } from './lab';

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const manyKeys = (n: number) => `{"version":1,${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`;
const manyTriggers = (n: number) => `{"version":1,"triggers":[${Array(n).fill('{"kind":"spike","at":1,"duration":1,"factor":2}').join(',')}]}`;

async function stillRunning(page: Page): Promise<void> {
  expect((await labState(page)).presetId).toBe('retry-storm');
  const t = await nowS(page);
  await waitForTime(page, t + 2);
}

test('the page’s import refuses a 50-MB file and files that nest, key or list past the limits, naming them; the run goes on', async ({ page }) => {
  const problems = await openLab(page);
  await page.getByRole('button', { name: 'Open scenario…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a scenario' });
  const input = dialog.locator('input[type="file"]');
  const file = (name: string, text: string | Buffer) => ({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });

  await input.setInputFiles(file('huge.json', Buffer.alloc(50_000_000, 0x5b)));
  await expect(dialog.getByRole('alert')).toContainText(/50000000 bytes/);

  const cases: [string, string, RegExp][] = [
    ['deep.json', `{"version":1,"load":{"rate":${deep(200_000)}}}`, /load\.rate\[0\].*nested more than 32 levels deep/],
    ['keys.json', manyKeys(5000), /\(root\): an object with more than 256 keys/],
    ['triggers.json', manyTriggers(20_000), /triggers: an array of more than 10000 items/],
  ];
  for (const [name, text, message] of cases) {
    await input.setInputFiles(file(name, text));
    await expect(dialog.getByRole('alert')).toContainText(message);
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await stillRunning(page);
  expect(problems).toEqual([]);
});

test('a link whose scenario nests 500,000 deep or holds 5,000 keys is refused, naming the limit; the run goes on', async ({ page }) => {
  const problems = await openLab(page);
  await waitForTime(page, 2);
  for (const [json, message] of [
    [`{"version":1,"load":{"rate":${deep(500_000)}}}`, /nested more than 32 levels deep/],
    [manyKeys(5000), /more than 256 keys/],
  ] as const) {
    const hash = `#v1=${LZString.compressToEncodedURIComponent(json)}`;
    expect(hash.length).toBeLessThan(64 * 1024);
    await page.evaluate((h) => (location.hash = h), hash);
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await stillRunning(page);
  }
  expect(problems).toEqual([]);
});
