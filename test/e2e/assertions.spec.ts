/**
 * The user's own invariants: written in the lab's editor, checked at every bin while the run plays, violations marked
 * on the charts' time axis and listed; kept in the link; hostile checks refused without running anything.
 */
import AxeBuilder from '@axe-core/playwright';
import LZString from 'lz-string';
import { expect, test, type Page } from '@playwright/test';
import { labState, nowS, openLab, pause, play, setSpeed, shot, waitForTime } from './lab';

const panel = (page: Page) => page.locator('section.assertions');
const marks = (page: Page) => page.locator('.violation-strip .violation-mark');

async function addInvariant(page: Page, check: string): Promise<void> {
  await panel(page).getByLabel('Check').fill(check);
  await panel(page).getByRole('button', { name: 'Add' }).click();
}

async function markSpan(page: Page, index: number): Promise<{ from: number; to: number }> {
  const mark = marks(page).nth(index);
  return { from: Number(await mark.getAttribute('data-from')), to: Number(await mark.getAttribute('data-to')) };
}

test('a user-written invariant is violated and marked on the timeline during the outage, and holds after a cure', async ({ page }) => {
  const problems = await openLab(page);
  await setSpeed(page, '20×');
  await addInvariant(page, 'amplification <= 1.5');
  await expect(panel(page).getByRole('list', { name: 'Assertions of this scenario' })).toContainText('amplification <= 1.5');
  // The retry storm's outage runs from 60 s to 70 s: the retries it causes break the bound in the bin after it starts.
  await waitForTime(page, 75);
  await expect(marks(page).first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Chart key' }).locator('[data-key="violation"]')).toHaveText('your invariant failed');
  const first = await markSpan(page, 0);
  expect(first.from).toBe(61);
  await expect(panel(page).locator('.assertion-list .broken')).toContainText('first from 61 s');
  await expect(panel(page).getByRole('list', { name: 'Violations, in time order' })).toContainText(/#1 from 61 s to \d+ s: amplification <= 1\.5 was [\d.]+ against 1\.5/);
  // The mark lies on the charts' time axis at 61 s: between the ticks of 0 s and the run's end.
  const box = (await marks(page).first().boundingBox())!;
  const axis = (await page.locator('.time-axis').boundingBox())!;
  expect(box.x).toBeGreaterThan(axis.x);
  expect(box.x).toBeLessThan(axis.x + axis.width);

  // The storm stays stuck: the violation goes on. The cure: a retry budget, switched on live.
  await pause(page);
  await page.getByRole('checkbox', { name: /^Retry budget/ }).check();
  await expect.poll(async () => (await labState(page)).recorded?.actions.length).toBe(1);
  const curedAt = await nowS(page);
  await setSpeed(page, '50×');
  await play(page);
  await waitForTime(page, curedAt + 60, 120_000);
  const count = await marks(page).count();
  const last = await markSpan(page, count - 1);
  // The violation ends within a few bins of the cure, and the bound holds from then on.
  expect(last.to).toBeGreaterThanOrEqual(curedAt);
  expect(last.to).toBeLessThan(curedAt + 30);
  expect(await nowS(page)).toBeGreaterThan(last.to + 25);
  await shot(page, 'assertions-violated-then-cured');
  expect(problems).toEqual([]);
});

test('an invalid check is refused in the editor, naming the column; the link carries the valid ones', async ({ page }) => {
  const problems = await openLab(page);
  await addInvariant(page, 'amplification <= 1.5 or');
  const alert = panel(page).getByRole('alert');
  await expect(alert).toHaveText('Check: column 24: expected a number, a series or "(", got the end');
  await expect(panel(page).getByLabel('Check')).toHaveAttribute('aria-invalid', 'true');
  await addInvariant(page, 'queue < 100 and shard.0.utilisation < 90%');
  await expect(alert).toHaveText('Check: column 17: no shard 0, this scenario has one server and no shards (set fanout or partitions)');
  await addInvariant(page, 'mean(goodput, 10s) >= 95% * mean(offered, 10s)');
  await panel(page).getByLabel('When').selectOption({ label: 'within N s after triggers' });
  await expect(alert).toBeHidden();
  await expect(panel(page).locator('.assertion-list li')).toHaveCount(1);
  // The scenario in the address bar (the link) holds the assertion.
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('v1=');
  const decoded = await expect
    .poll(async () => {
      const hash = await page.evaluate(() => location.hash);
      const json = LZString.decompressFromEncodedURIComponent(hash.replace(/^#v1=/, '').split('&')[0] ?? '');
      return json ?? '';
    })
    .toContain('"assertions":[{"check":"mean(goodput, 10s) >= 95% * mean(offered, 10s)","scope":"always"}]');
  void decoded;
  // Removing it leaves none.
  await panel(page).getByRole('button', { name: 'Remove the assertion mean(goodput, 10s) >= 95% * mean(offered, 10s)' }).click();
  await expect(panel(page).locator('.assertion-list li')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('hostile checks in a link are refused with a message and run nothing; the lab keeps its run', async ({ page }) => {
  const problems = await openLab(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await waitForTime(page, 2);
  const cases: [unknown, RegExp][] = [
    [[{ check: 'alert(1)' }], /assertions\[0\]\.check: "alert\(1\)": column 1: unknown name "alert"/],
    [[{ check: 'constructor.constructor("alert(1)")() > 0' }], /assertions\[0\]\.check: .*column 25: unexpected character "\\""/],
    [[{ check: 'queue < 1; alert(1)' }], /column 10: unexpected character ";"/],
    [[{ check: `${'('.repeat(40)}queue < 1${')'.repeat(40)}` }], /nested too deeply/],
    [[{ check: 'x'.repeat(100_000) }], /got a string of 100000 characters, expected at most 300/],
  ];
  for (const [assertions, message] of cases) {
    const hash = `#v1=${LZString.compressToEncodedURIComponent(JSON.stringify({ version: 1, assertions }))}`;
    await page.evaluate((h) => (location.hash = h), hash);
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    expect((await labState(page)).presetId).toBe('retry-storm');
  }
  // A prototype key inside an assertion is an unknown field: a link drops it with a notice and pollutes nothing.
  const proto = '{"version":1,"assertions":[{"check":"queue >= 0","__proto__":{"polluted":1}}]}';
  await page.evaluate((h) => (location.hash = h), `#v1=${LZString.compressToEncodedURIComponent(proto)}`);
  await expect(page.getByText(/assertions\[0\]\.__proto__: unknown field dropped/)).toBeVisible();
  await expect(panel(page).locator('.assertion-list')).toContainText('queue >= 0');
  expect(await page.evaluate(() => ({} as { polluted?: unknown }).polluted)).toBeUndefined();
  expect(dialogs).toBe(0);
  const t = await nowS(page);
  await waitForTime(page, t + 2);
  expect(problems).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation in the invariants editor, ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openLab(page);
    await setSpeed(page, '50×');
    await addInvariant(page, 'amplification <= 1.5');
    await waitForTime(page, 80);
    await addInvariant(page, 'queue <');
    await expect(panel(page).getByRole('alert')).toBeVisible();
    await panel(page).getByLabel('When').selectOption({ label: 'from N s after triggers' });
    await expect(marks(page).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shot(page, `assertions-editor-${theme}`, false);
    const results = await new AxeBuilder({ page }).include('section.assertions').include('.violation-strip').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
