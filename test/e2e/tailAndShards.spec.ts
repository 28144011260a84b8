import { expect, test, type Locator, type Page } from '@playwright/test';
import { findPreset, PRESETS } from '../../src/sim/index';
import { openLab, pause, play, setSpeed, shot } from './lab';

// Lessons 4 and 8 in the page: every preset of theirs opens and draws its charts, the hot shard
// shows as one busy row among idle ones, and the fan-out study agrees with the closed form.

/** Whether a canvas has any painted pixel. */
async function painted(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (ctx === null || c.width === 0 || c.height === 0) return false;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });
}

async function runPreset(page: Page, id: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(id);
  await expect(page.locator('.clock')).toHaveAttribute('data-now', '0');
  await play(page);
  await expect(page.locator('.banner-verdict')).toBeVisible({ timeout: 60_000 });
}

test('each preset of lessons 4 and 8 opens and draws its charts, with a row per shard or backend', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = await openLab(page);
  await pause(page);
  await setSpeed(page, 'Unthrottled');
  const lessons = PRESETS.filter((p) => p.lesson === 4 || p.lesson === 8);
  expect(lessons.length).toBeGreaterThanOrEqual(8);
  for (const preset of lessons) {
    await runPreset(page, preset.id);
    for (const chart of ['load', 'queue', 'latency']) {
      expect(await painted(page.locator(`[data-chart="${chart}"] canvas`)), `${preset.id}: ${chart} chart drawn`).toBe(true);
    }
    const raw = findPreset(preset.id)!.scenario as { fanout?: { n: number } | null; partitions?: { shards: number } | null; server: { concurrency?: number | null } };
    const stations = raw.partitions?.shards ?? raw.fanout?.n ?? 1;
    const heat = page.locator('[data-chart="shards"]');
    // Unbounded backends (concurrency null) have no utilisation: no heat map.
    if (stations > 1 && raw.server.concurrency !== null) {
      await expect(heat, `${preset.id}: heat map`).toHaveAttribute('data-stations', String(stations));
      expect(await painted(heat.locator('canvas')), `${preset.id}: heat map drawn`).toBe(true);
    } else {
      await expect(heat).toHaveCount(0);
    }
    await expect(page.locator('.fanout-study')).toHaveCount(raw.fanout != null ? 1 : 0);
    await expect(page.locator('.invariants')).toHaveAttribute('data-holds', 'true');
  }
  expect(problems).toEqual([]);
});

test('hot shard: one shard saturates while the mean stays low; a cache in front of the hot keys cools it', async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page);
  await pause(page);
  await setSpeed(page, 'Unthrottled');
  await runPreset(page, 'hot-shard');
  const heat = page.locator('[data-chart="shards"]');
  expect(Number(await heat.getAttribute('data-max'))).toBeGreaterThan(0.95);
  expect(Number(await heat.getAttribute('data-mean'))).toBeLessThan(0.5);
  await heat.getByText(/Per-shard figures/).click();
  await expect(heat.locator('tbody tr')).toHaveCount(16);
  await shot(page, '20-hot-shard');
  await runPreset(page, 'hot-shard-cached');
  expect(Number(await heat.getAttribute('data-max'))).toBeLessThan(0.5);
});

test('tail at scale: the fan-out study fills in and its measured share agrees with 1 − (1 − p)^n', async ({ page }) => {
  test.setTimeout(120_000);
  await openLab(page);
  await pause(page);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('tail-at-scale');
  const study = page.locator('.fanout-study');
  // Widths 1, 2, 5, 10, 20, 50, 100.
  await expect(study).toHaveAttribute('data-points', '7', { timeout: 90_000 });
  await expect(study).toHaveAttribute('aria-busy', 'false');
  const measured = Number(await study.getAttribute('data-measured'));
  const closed = Number(await study.getAttribute('data-closed'));
  // p = 1% × P(a 1-s call > 100 ms) ≈ 0.905%, so about 60% of requests wait for a slow backend.
  expect(measured).toBeGreaterThan(0.55);
  expect(measured).toBeLessThan(0.65);
  // 4σ: the point's own error (0.35 points at 20 000 requests) and p's, times n(1 − p)^(n−1) ≈ 37 (0.8 points).
  expect(Math.abs(measured - closed)).toBeLessThan(0.036);
  await expect(study.locator('circle.measured')).toHaveCount(7);
  await expect(study.locator('path.closed-form')).toHaveAttribute('d', /^M/);
  await shot(page, '21-fanout-study');
});
