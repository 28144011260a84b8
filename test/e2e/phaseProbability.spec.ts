import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, shot } from './lab';

// One sweep worker per page, as in phase.spec.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
});

async function setField(page: Page, label: string, value: number | string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(String(value));
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.phase-map').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

interface SweepRow {
  'load.rate': number;
  'triggers.0.duration': number;
  n: number;
  shares: { metastable: { k: number } };
}

test('probability map: adaptive seeds of the retry storm near its edge, the same seeds as sim sweep --adaptive; a click compares a stuck and a recovered seed', async ({ page }) => {
  const problems = await openLab(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Phase map' }).click();
  await setField(page, 'X from', 140);
  await setField(page, 'X to', 155);
  await setField(page, 'X steps', 4);
  await setField(page, 'Y from', 1);
  await setField(page, 'Y to', 7);
  await setField(page, 'Y steps', 4);
  await setField(page, 'Run length (s)', 150);
  await page.getByRole('combobox', { name: 'Seeds', exact: true }).selectOption('adaptive');
  await setField(page, 'Most seeds per cell', 8);
  await setField(page, 'Seed budget per cell', 4);
  await page.getByRole('button', { name: 'Run map' }).click();
  const status = page.locator('.phase-status');
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 110_000 });
  await expect(status).toContainText(/\d+ seeds of at most 64/);
  await expect(page.locator('.phase-legend')).toContainText('share of seeds that stay stuck');
  await shot(page, 'phase-probability');

  // The CLI's adaptive map over the same axes: every cell's k of n is what the page shows on hover.
  const x = await page.locator('.axis-plan').nth(0).textContent();
  const y = await page.locator('.axis-plan').nth(1).textContent();
  const xAxis = /sim sweep: (load\.rate=[\d.:]+)\)/.exec(x ?? '')![1]!;
  const yAxis = /sim sweep: (triggers\.0\.duration=[\d.:]+)\)/.exec(y ?? '')![1]!;
  const out = execFileSync(
    process.execPath,
    ['scripts/sim.mjs', 'sweep', 'retry-storm', '--set', 'duration=150', '--x', xAxis, '--y', yAxis, '--adaptive', '--max-seeds', '8', '--budget', String(4 * 16), '--format', 'json', '--jobs', '1'],
    { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 },
  );
  const rows = JSON.parse(out) as SweepRow[];
  expect(rows).toHaveLength(16);
  const readout = page.locator('#phase-readout');
  const plot = page.locator('.phase-plot');
  await plot.focus();
  let mixed = -1;
  for (let i = 0; i < 16; i++) {
    const xi = Math.floor(i / 4);
    const yi = i % 4;
    // Walk the focus to cell (xi, yi) from the origin.
    await plot.press('Home');
    for (let k = 0; k < 4; k++) await plot.press('ArrowLeft');
    for (let k = 0; k < 4; k++) await plot.press('ArrowDown');
    for (let k = 0; k < xi; k++) await plot.press('ArrowRight');
    for (let k = 0; k < yi; k++) await plot.press('ArrowUp');
    await expect(readout).toHaveAttribute('data-index', String(i));
    const row = rows[i]!;
    await expect(readout).toHaveAttribute('data-n', String(row.n));
    await expect(readout).toHaveAttribute('data-k', String(row.shares.metastable.k));
    if (row.shares.metastable.k > 0 && row.shares.metastable.k < row.n) mixed = i;
  }
  await expect(readout).toContainText(/stuck on \d+ of \d+ seeds \(\d+ %, 95 %: \d+–\d+ %\)/);
  expect(mixed).toBeGreaterThanOrEqual(0);
  await expect(page.locator('.contour-50 path').first()).toHaveAttribute('d', /^M/);

  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  // A cell whose seeds disagree opens a stuck seed beside a recovered one in Compare.
  await plot.press('Home');
  for (let k = 0; k < 4; k++) await plot.press('ArrowLeft');
  for (let k = 0; k < 4; k++) await plot.press('ArrowDown');
  for (let k = 0; k < Math.floor(mixed / 4); k++) await plot.press('ArrowRight');
  for (let k = 0; k < mixed % 4; k++) await plot.press('ArrowUp');
  await plot.press('Enter');
  await expect(page.getByText(/Seed \d+: stays stuck/).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Seed \d+: (recovered|unresolved|stable)/).first()).toBeVisible();
  expect(problems).toEqual([]);
});
