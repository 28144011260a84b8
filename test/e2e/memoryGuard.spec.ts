/**
 * A short link whose run would hold gigabytes (200,000 bins × 1,000 shards of per-shard series) is refused by the
 * work guard's memory estimate before any run starts: the page names the field and the 300-MB limit, and the lab
 * keeps running the scenario it had.
 */
import LZString from 'lz-string';
import { expect, test, type Page } from '@playwright/test';
import { labState, nowS, openLab, waitForTime } from './lab';

const OPEN_LOOP = '{"version":1,"duration":200000,"bin":1,"load":{"rate":0.001},"partitions":{"shards":1000}}';
const CLOSED_LOOP = '{"version":1,"duration":200000,"bin":1,"load":{"clients":1,"thinkTime":1000},"partitions":{"shards":1000}}';

async function stillRunning(page: Page): Promise<void> {
  expect((await labState(page)).presetId).toBe('retry-storm');
  const t = await nowS(page);
  await waitForTime(page, t + 2);
}

/** The page's JavaScript heap in use, MB (Chromium's performance.memory). */
async function heapMb(page: Page): Promise<number> {
  return page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1e6);
}

test('a link to a run of 200,000 bins × 1,000 shards is refused, naming partitions.shards and the limit; the run goes on', async ({ page }) => {
  const problems = await openLab(page);
  await waitForTime(page, 2);
  for (const json of [OPEN_LOOP, CLOSED_LOOP]) {
    const hash = `#v1=${LZString.compressToEncodedURIComponent(json)}`;
    await page.evaluate((h) => (location.hash = h), hash);
    await expect(page.getByRole('alert').filter({ hasText: /partitions\.shards: scenario needs about [\d.]+ GB of memory/ })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: /the limit is 300 MB/ })).toBeVisible();
    await stillRunning(page);
    expect(await heapMb(page)).toBeLessThan(300);
  }
  expect(problems).toEqual([]);
});
