import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { labState, openLab, shot } from './lab';

/** The parts of the lab's store this spec calls through the e2e build's hook. */
interface LabCalls {
  __labTest: { state(): { openScenario(raw: unknown, options: { presetId: null; play: boolean }): Promise<boolean>; change(patch: Record<string, unknown>): void } };
}

// One sweep worker per page, as in phase.spec: two busy workers starve the spec running beside this one.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
});

/**
 * The concurrency-collapse preset with exponential backoff and full jitter (base 20 s, cap 1000 s): after its 10-s spike
 * it recovers on some seeds and stays stuck on others (docs/validation.md, B1). One recorded operator action (the
 * timeout set to the value it has) stands for the live changes an ensemble replays.
 */
function edgeScenario(preset: Record<string, unknown>): Record<string, unknown> {
  const client = preset['client'] as Record<string, unknown>;
  return {
    ...preset,
    name: 'Concurrency collapse with backoff',
    client: { ...client, retry: { ...(client['retry'] as object), backoff: 'exponential', jitter: 'full', base: 20, cap: 1000 } },
    actions: [{ at: 100, set: { 'client.timeout': 3 } }],
  };
}

async function openEdge(page: Page): Promise<Record<string, unknown>> {
  const presetJson = execFileSync(process.execPath, ['scripts/sim.mjs', 'run', 'concurrency-collapse', '--set', 'duration=1'], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  const preset = (JSON.parse(presetJson) as { scenario: Record<string, unknown> }).scenario;
  const scenario = edgeScenario({ ...preset, duration: 200 });
  const ok = await page.evaluate(async (raw) => {
    return (window as unknown as LabCalls).__labTest.state().openScenario(raw, { presetId: null, play: false });
  }, scenario);
  expect(ok).toBe(true);
  return scenario;
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.ensemble').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

test('an ensemble of 20 seeds of concurrency collapse with backoff: shares with intervals, the band, and the CLI’s figures', async ({ page }) => {
  const problems = await openLab(page);
  const scenario = await openEdge(page);
  const panel = page.locator('section.ensemble');
  await panel.getByLabel('Seeds', { exact: true }).fill('20');
  await panel.getByRole('button', { name: 'Run 20 seeds' }).click();
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 110_000 });

  // Shares per verdict with a 95 % interval, k of 20 each, summing to 20.
  const rows = panel.locator('.ensemble-shares tbody tr');
  const ks = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset['k'])));
  expect(ks.reduce((a, b) => a + b, 0)).toBe(20);
  await expect(panel.locator('tr[data-verdict="metastable"] td').first()).toContainText(/of 20/);
  await expect(panel.locator('tr[data-verdict="metastable"] td').nth(2)).toHaveText(/^\d+–\d+ %$/);
  // The banner speaks of likelihood.
  await expect(page.locator('.banner-ensemble')).toContainText(/Over 20 seeds it stays stuck on \d+ of 20 \(95 %: \d+–\d+ %\)/);
  // The band behind the lines: an area on the load chart.
  const area = page.locator('[data-chart="load"] .ensemble-band [data-series="goodput"] path').first();
  await expect(area).toHaveAttribute('d', /^M.+Z/);

  // The CLI's ensemble of the page's scenario, byte for byte what the page shows as JSON.
  const { recorded } = await labState(page);
  expect(recorded?.actions).toEqual(scenario['actions']);
  const dir = mkdtempSync(join(tmpdir(), 'ensemble-e2e-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(recorded));
  const cli = execFileSync(process.execPath, ['scripts/sim.mjs', 'run', file, '--seeds', '20', '--jobs', '1'], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  const pageJson = await panel.locator('.ensemble-json').textContent();
  expect(`${pageJson ?? ''}\n`).toBe(cli);
  await shot(page, 'ensemble-20-seeds');
  expect(problems).toEqual([]);

  // axe on the new panel, in both themes.
  await panel.locator('details summary').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await shot(page, 'ensemble-20-seeds-dark');
});

test('an ensemble is cancellable and shows its progress; a later change marks its figures as for an earlier scenario', async ({ page }) => {
  await openLab(page);
  await openEdge(page);
  const panel = page.locator('section.ensemble');
  await panel.getByLabel('Seeds', { exact: true }).fill('100');
  await panel.getByRole('button', { name: 'Run 100 seeds' }).click();
  await expect(panel.getByRole('progressbar', { name: 'Seeds run' })).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel).toHaveAttribute('data-status', 'cancelled');
  await expect(panel).toContainText(/Cancelled after \d+ of 100 seeds/);

  await panel.getByLabel('Seeds', { exact: true }).fill('2');
  await panel.getByRole('button', { name: 'Run 2 seeds' }).click();
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.locator('.banner-ensemble')).toBeVisible();
  await page.evaluate(() => (window as unknown as LabCalls).__labTest.state().change({ 'load.rate': 30 }));
  await expect(panel.locator('.stale')).toBeVisible();
  await expect(page.locator('.banner-ensemble')).toHaveCount(0);
  await expect(page.locator('.ensemble-band')).toHaveCount(0);
});
