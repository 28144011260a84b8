import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { openLab, pause, play, setSpeed } from './lab';

type Series = Record<string, (number | null)[]>;

/** The CLI's series for a preset (the same engine, in Node). */
function cliSeries(preset: string): Series {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', preset], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return (JSON.parse(out) as { series: Series }).series;
}

const sha256 = (series: Series) => createHash('sha256').update(JSON.stringify(series)).digest('hex');

/** Series that count events are sums of whole numbers per bin: they must match exactly. */
const EXACT = ['t', 'offered', 'attempts', 'throughput', 'goodput', 'wasted', 'bad', 'failed', 'timedOut', 'rejected', 'p50', 'p99'];

async function runToEnd(page: Page, speed: string): Promise<{ worker: string; series: Series }> {
  await openLab(page);
  await pause(page);
  await setSpeed(page, speed);
  await page.getByRole('button', { name: 'Reset' }).click();
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

for (const speed of ['10×', 'Unthrottled']) {
  test(`the worker's series for the retry-storm preset equal the CLI's at ${speed} speed (counts exactly, time averages to 1e-9)`, async ({ page }) => {
    const expected = cliSeries('retry-storm');
    const { worker, series } = await runToEnd(page, speed);
    expect(sha256(series)).toBe(worker);
    expect(Object.keys(series)).toEqual(Object.keys(expected));
    for (const [name, values] of Object.entries(expected)) {
      const got = series[name]!;
      expect(got, name).toHaveLength(values.length);
      if (EXACT.includes(name)) {
        expect(got, name).toEqual(values);
        continue;
      }
      values.forEach((v, i) => {
        const g = got[i]!;
        if (v === null || g === null) expect(g, `${name}[${i}]`).toBe(v);
        else expect(Math.abs(g - v), `${name}[${i}]: ${g} vs ${v}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
      });
    }
  });
}

// Known failure, reported for the engine: Chromium's Math.log differs from Node's in the last bit for about
// 1 input in 20,000, so time-weighted series (queue, inService, utilisation, capacity, p99.9) differ by an ulp.
// When the engine brings its own portable log, this starts passing and `test.fail` must go.
test('the worker series hash equals the CLI series hash byte for byte', async ({ page }) => {
  test.fail(true, 'engine: Math.log is not bit-identical between Chromium and Node');
  const expected = sha256(cliSeries('retry-storm'));
  const { worker } = await runToEnd(page, 'Unthrottled');
  expect(worker).toBe(expected);
});
