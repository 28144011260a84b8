import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { openLab, pause, play, setSpeed } from './lab';

type Series = Record<string, (number | null)[]>;

/** The CLI's series for a preset (the same engine, in Node). */
function cliSeries(preset: string): Series {
  const out = execFileSync(process.execPath, ['scripts/sim.mjs', 'run', preset], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  return (JSON.parse(out) as { series: Series }).series;
}

const sha256 = (series: Series) => createHash('sha256').update(JSON.stringify(series)).digest('hex');

async function runToEnd(page: Page, speed: string): Promise<{ worker: string; series: Series }> {
  await openLab(page);
  await pause(page);
  await setSpeed(page, speed);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.locator('.clock')).toHaveAttribute('data-now', '0');
  await play(page);
  const fingerprint = page.locator('[data-fingerprint]');
  await expect(fingerprint).toHaveAttribute('data-fingerprint', /^[0-9a-f]{64}$/, { timeout: 100_000 });
  const worker = (await fingerprint.getAttribute('data-fingerprint'))!;
  // The frames the page stitched together are exactly the worker's series.
  await expect(page.locator('[data-page-fingerprint]')).toHaveAttribute('data-page-fingerprint', worker);
  const series = await page.evaluate(() => (window as unknown as { __labTest: { state(): { series: { toJSON(): Series } } } }).__labTest.state().series.toJSON());
  return { worker, series };
}

// The engine computes log and exp itself (src/sim/engine/portableMath.ts): Chromium's Math.log and
// Math.exp differ from Node's in the last bit for about 1 input in 20,000, enough to shift a time
// average by an ulp; the engine never calls them, so the bytes agree at any speed.
for (const speed of ['10×', 'Unthrottled']) {
  test(`the worker's series for the retry-storm preset hash to the CLI's, byte for byte, at ${speed} speed`, async ({ page }) => {
    const expected = cliSeries('retry-storm');
    const { worker, series } = await runToEnd(page, speed);
    expect(sha256(series)).toBe(worker);
    // Compared whole first, so a mismatch shows which series and bin differ.
    expect(series).toEqual(expected);
    expect(worker).toBe(sha256(expected));
  });
}

// Served over plain http from a host other than localhost (or embedded in such a page), the page is
// not a secure context and has no crypto.subtle: the fingerprint must not depend on it.
test('outside a secure context the finished run still gets its fingerprint, equal to the CLI’s', async ({ page, baseURL }) => {
  const origin = 'http://lab.example/';
  await page.route(`${origin}**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(origin, baseURL!) });
    await route.fulfill({ response });
  });
  await page.goto(`${origin}#preset=mm1&speed=max`);
  expect(await page.evaluate(() => ({ secure: window.isSecureContext, subtle: typeof crypto.subtle }))).toEqual({ secure: false, subtle: 'undefined' });
  const fingerprint = page.locator('[data-fingerprint]');
  await expect(fingerprint).toHaveAttribute('data-fingerprint', /^[0-9a-f]{64}$/, { timeout: 100_000 });
  const worker = (await fingerprint.getAttribute('data-fingerprint'))!;
  expect(worker).toBe(sha256(cliSeries('mm1')));
  await expect(page.locator('[data-page-fingerprint]')).toHaveAttribute('data-page-fingerprint', worker);
});
