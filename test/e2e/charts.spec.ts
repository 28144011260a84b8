import { expect, test } from '@playwright/test';
import { legendValue, openLab, pause, shot, waitForTime } from './lab';

test('hovering reads every chart at one time; scrubbing goes back through the run and Follow live returns', async ({ page }) => {
  await openLab(page);
  await waitForTime(page, 40);
  await pause(page);
  const latest = await legendValue(page, 'load', 'offered');

  // Hover near t = 10 s on the queue chart: a crosshair on every chart, and the legends read that bin.
  const plot = page.locator('[data-chart="queue"] .chart-plot');
  const box = (await plot.boundingBox())!;
  const x10 = 60 + ((box.width - 60 - 14) * 10) / 400;
  await plot.hover({ position: { x: x10, y: box.height / 2 } });
  await expect(page.locator('.crosshair')).toHaveCount(5);
  await page.mouse.move(0, 0);
  await expect(page.locator('.crosshair')).toHaveCount(0);

  // Scrub with the keyboard to the start of the run: the legends read bin 0.
  const scrub = page.getByRole('slider', { name: 'Scrub' });
  await scrub.focus();
  await scrub.press('Home');
  await expect(scrub).toHaveAttribute('aria-valuetext', 'reading t = 0 s');
  await expect(page.locator('.crosshair')).toHaveCount(5);
  const atStart = await legendValue(page, 'load', 'offered');
  expect(Number.isFinite(atStart)).toBe(true);
  await page.getByRole('button', { name: 'Follow live' }).click();
  await expect(scrub).toHaveAttribute('aria-valuetext', /following the run/);
  expect(await legendValue(page, 'load', 'offered')).toBe(latest);
});

test('on a laptop-size screen the banner, the controls and the first charts are in view', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openLab(page);
  await waitForTime(page, 20);
  for (const locator of [page.locator('.banner'), page.getByRole('button', { name: 'Inject now' }), page.locator('[data-chart="load"]'), page.locator('[data-chart="queue"]')]) {
    await expect(locator).toBeInViewport();
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
  await shot(page, '05-laptop-1366x768', false);
});

test('a chart drawn bin by bin as the run plays shows the same lines as the chart drawn whole', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await openLab(page);
  // Through the outage and the backlog: the scales grow, lines start and stop, dashes run on across frames.
  await waitForTime(page, 90);
  await pause(page);
  const canvases = page.locator('.chart-plot canvas');
  expect(await canvases.count()).toBeGreaterThanOrEqual(5);
  const widths = await canvases.evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).width));
  await page.evaluate(() => {
    const w = window as unknown as { __drawn: Uint8ClampedArray[] };
    w.__drawn = [...document.querySelectorAll<HTMLCanvasElement>('.chart-plot canvas')].map((c) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
  });
  // Another width redraws every chart whole; back at the first width they are drawn whole once more.
  await page.setViewportSize({ width: 1300, height: 900 });
  await expect.poll(() => canvases.evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).width))).not.toEqual(widths);
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect.poll(() => canvases.evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).width))).toEqual(widths);
  // The rasteriser's anti-aliasing of a path depends on the whole path, so a line drawn in pieces may differ from
  // the line drawn at once in the partial coverage of its edge pixels, not in where it runs: every pixel at least
  // half covered in one picture lies within one pixel of a pixel at least half covered in the other. A piece
  // missing, a dash pattern out of phase or a stale line left behind breaks that by more than a pixel.
  const lines = await page.evaluate(() => {
    const drawn = (window as unknown as { __drawn: Uint8ClampedArray[] }).__drawn;
    return [...document.querySelectorAll<HTMLCanvasElement>('.chart-plot canvas')].map((c, k) => {
      const whole = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const pieces = drawn[k]!;
      const w = c.width;
      const h = c.height;
      const inked = (px: Uint8ClampedArray, x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && px[(y * w + x) * 4 + 3]! >= 128;
      const strays = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
        let n = 0;
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) {
            if (!inked(a, x, y)) continue;
            let near = false;
            for (let dy = -1; dy <= 1 && !near; dy++) for (let dx = -1; dx <= 1 && !near; dx++) near = inked(b, x + dx, y + dy);
            if (!near) n++;
          }
        return n;
      };
      let covered = 0;
      for (let i = 3; i < whole.length; i += 4) if (whole[i]! >= 128) covered++;
      return { chart: c.closest('[data-chart]')?.getAttribute('data-chart'), covered, onlyInPieces: strays(pieces, whole), onlyInWhole: strays(whole, pieces) };
    });
  });
  for (const l of lines) {
    expect(l.covered, `${l.chart}: lines drawn`).toBeGreaterThan(300);
    expect(l, `${l.chart}`).toMatchObject({ onlyInPieces: 0, onlyInWhole: 0 });
  }
});
