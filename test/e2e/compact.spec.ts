import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Frame, type Page } from '@playwright/test';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openLab, shot } from './lab';
import { parentPage, startServer, type TestServer } from './servers';

// The embedding course page is served on a port of this spec's own, so the tests here run one after another.
test.describe.configure({ mode: 'serial' });

const COURSE_PORT = Number(process.env['COURSE_PORT'] ?? 4434);
const lab = () => new URL(test.info().project.use.baseURL!);
const pages = new Map<string, string>();
let course: TestServer;
test.beforeAll(async () => {
  course = await startServer((req: IncomingMessage, res: ServerResponse) => {
    const body = pages.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(parentPage(body, lab().origin));
  }, COURSE_PORT);
});
test.afterAll(async () => {
  await course.close();
});

interface LabView {
  recorded: { actions: { at: number; set: Record<string, unknown> }[] } | null;
  change(patch: Record<string, unknown>): void;
}
const actions = (page: Page) =>
  page.evaluate(() => (window as unknown as { __labTest: { state(): LabView } }).__labTest.state().recorded?.actions ?? []);

async function labFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(lab().origin))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(lab().origin))!;
}

async function seriousAxe(page: Page, include: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

test('the share dialog’s default embed starts with a click at 640 × 400 and at 480 × 320, without scrolling', async ({ page, context }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Share…' }).click();
  const snippet = await page.getByRole('dialog', { name: 'Share this run' }).getByLabel('Snippet').inputValue();
  expect(snippet).toContain('width="100%" height="640"');

  for (const [width, height] of [
    [640, 400],
    [480, 320],
  ] as const) {
    const parent = await context.newPage();
    await parent.setViewportSize({ width: 1000, height: 800 });
    const path = `/course-${width}`;
    pages.set(path, `<h1>Week 3</h1>${snippet.replace('width="100%" height="640"', `width="${width}" height="${height}"`)}`);
    await parent.goto(`${course.origin}${path}`);
    const frame = await labFrame(parent);
    const run = frame.getByRole('button', { name: '▶ Click to run' });
    await expect(run).toBeEnabled({ timeout: 30_000 });
    const box = (await parent.locator('iframe').boundingBox())!;
    const button = (await run.boundingBox())!;
    // Inside the frame as the viewer sees it, near its middle; and the embed's document does not scroll.
    expect(button.x).toBeGreaterThanOrEqual(box.x);
    expect(button.y).toBeGreaterThanOrEqual(box.y);
    expect(button.x + button.width).toBeLessThanOrEqual(box.x + box.width);
    expect(button.y + button.height).toBeLessThanOrEqual(box.y + box.height);
    expect(Math.abs(button.y + button.height / 2 - (box.y + box.height / 2))).toBeLessThan(height / 4);
    const fits = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, view: window.innerHeight, wide: document.documentElement.scrollWidth, across: window.innerWidth }));
    expect(fits.scroll).toBeLessThanOrEqual(fits.view);
    expect(fits.wide).toBeLessThanOrEqual(fits.across);
    // A real click where the button is, as a viewer makes it: no scrolling first.
    await parent.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
    await expect(run).toHaveCount(0);
    await expect.poll(async () => Number(await frame.locator('.clock').getAttribute('data-now')), { timeout: 30_000 }).toBeGreaterThan(1);
    // Playback, the clock and the start of the charts are in view once it runs.
    for (const selector of ['.clock', '[data-chart="load"]']) {
      const b = (await frame.locator(selector).boundingBox())!;
      expect(b.y, selector).toBeLessThan(box.y + box.height);
    }
    await shot(parent, `25-embed-${width}x${height}-running`, false);
    await parent.close();
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation in the compact embed, ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto('./#preset=retry-storm&embed=1&controls=transport,triggers');
    await expect(page.getByRole('button', { name: '▶ Click to run' })).toBeEnabled({ timeout: 30_000 });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await seriousAxe(page, '.embed-root')).toEqual([]);
    await page.getByRole('button', { name: '▶ Click to run' }).click();
    await expect.poll(async () => Number(await page.locator('.clock').getAttribute('data-now')), { timeout: 30_000 }).toBeGreaterThan(1);
    expect(await seriousAxe(page, '.embed-root')).toEqual([]);
  });
}

test('on a 390-px phone the lab, the gallery, the phase map, compare and tradeoffs fit the width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLab(page);
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await overflow()).toBeLessThanOrEqual(390);
  for (const [tab, drawn] of [
    ['Presets', '.cards .card'],
    ['Phase map', '.phase-form'],
    ['Compare', '.compare-pane .compare-clock'],
    ['Tradeoffs', '.tradeoffs-form'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: tab }).click();
    await expect(page.locator(drawn).first()).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(500);
    expect(await overflow(), tab).toBeLessThanOrEqual(390);
  }
});

test('one mouse drag of a slider while the run plays records one action', async ({ page }) => {
  await openLab(page);
  await expect.poll(async () => Number(await page.locator('.clock').getAttribute('data-now')), { timeout: 30_000 }).toBeGreaterThan(2);
  const before = (await actions(page)).length;
  const slider = page.locator('input[type="range"][data-path="load.rate"]');
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const at = (rate: number) => box.x + 8 + ((box.width - 16) * rate) / 1000;
  const y = box.y + box.height / 2;
  await page.mouse.move(at(280), y);
  await page.mouse.down();
  for (const rate of [270, 260, 250, 240, 230, 220, 210, 200]) {
    await page.mouse.move(at(rate), y, { steps: 3 });
    await page.waitForTimeout(150);
  }
  await page.mouse.up();
  await expect.poll(async () => (await actions(page)).length).toBe(before + 1);
  await page.waitForTimeout(1000);
  const after = await actions(page);
  expect(after).toHaveLength(before + 1);
  const rate = after.at(-1)!.set['load.rate'] as number;
  expect(rate).toBeGreaterThanOrEqual(180);
  expect(rate).toBeLessThanOrEqual(220);
  // One dashed mark per chart, and the slider shows the value the run took.
  await expect(page.locator('[data-chart="load"] .action-mark')).toHaveCount(before + 1);
  await expect(slider).toHaveAttribute('aria-valuetext', `${rate} req/s`);
});

test('a slider shows exactly a value between its marks (as a phase-map cell or a link sets it)', async ({ page }) => {
  await openLab(page);
  await page.evaluate(() => (window as unknown as { __labTest: { state(): LabView } }).__labTest.state().change({ 'load.rate': 235 }));
  const slider = page.locator('input[type="range"][data-path="load.rate"]');
  await expect(slider).toHaveAttribute('aria-valuetext', '235 req/s');
  await expect(slider).toHaveValue('235');
});

test('at 1024 px the request flow is drawn for its panel’s width, unscaled, with its text at full size and inside the panel', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openLab(page);
  const canvas = page.locator('.flow-canvas');
  await expect(canvas).toBeVisible();
  const panel = (await page.locator('.panel.flow').boundingBox())!;
  const drawn = (await canvas.boundingBox())!;
  const width = Number(await canvas.getAttribute('data-width'));
  // Shown at the size it is drawn for: its 13-px labels are 13 px on the screen, not shrunk by a scale.
  expect(Math.abs(drawn.width - width)).toBeLessThanOrEqual(1);
  expect(Number(await canvas.getAttribute('data-font-px'))).toBeGreaterThanOrEqual(12);
  const backing = await canvas.evaluate((c: HTMLCanvasElement) => c.width / window.devicePixelRatio);
  expect(Math.abs(backing - drawn.width)).toBeLessThanOrEqual(1);
  expect(drawn.x).toBeGreaterThanOrEqual(panel.x);
  expect(drawn.x + drawn.width).toBeLessThanOrEqual(panel.x + panel.width);
});
