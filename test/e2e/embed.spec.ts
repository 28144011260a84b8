import { expect, test, type Frame, type Page } from '@playwright/test';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { labState, nowS, openLab, shot } from './lab';
import { parentPage, startServer, type TestServer } from './servers';

const lab = () => new URL(test.info().project.use.baseURL!);

let course: TestServer;
let evil: TestServer;
const pages = new Map<string, string>();
test.beforeAll(async () => {
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const body = pages.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(parentPage(body, lab().origin));
  };
  course = await startServer(serve);
  evil = await startServer(serve);
});
test.afterAll(async () => {
  await course.close();
  await evil.close();
});

/** A course page on another origin (a server of the test's own), holding `body`. */
async function serveParent(page: Page, server: TestServer, body: string): Promise<void> {
  const path = `/course-${pages.size}`;
  pages.set(path, body);
  await page.goto(`${server.origin}${path}`);
}

async function labFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(lab().origin))).toBe(true);
  const frame = page.frames().find((f) => f.url().startsWith(lab().origin))!;
  await expect(frame.locator('.clock')).toContainText(/of \d/, { timeout: 30_000 });
  return frame;
}

const frameNow = async (frame: Frame) => Number(await frame.locator('.clock').getAttribute('data-now'));
type Received = { type: string; height?: number; command?: string; error?: string }[];
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received }).received);
const send = (page: Page, message: unknown) => page.evaluate((m) => (window as unknown as { send(m: unknown): void }).send(m), message);

test('embed mode hides the page chrome and the controls not asked for, and runs only when clicked', async ({ page }) => {
  await page.goto('./#preset=retry-storm&embed=1&controls=transport,sliders');
  const run = page.getByRole('button', { name: '▶ Click to run' });
  await expect(run).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Share…' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Playback' })).toBeVisible();
  await expect(page.locator('input[data-path="load.rate"]')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Inject now' })).toBeHidden();
  await expect(page.locator('.invariants')).toBeHidden();
  await page.waitForTimeout(1500);
  expect(await nowS(page)).toBe(0);
  expect((await labState(page)).playing).toBe(false);
  await shot(page, '23-embed-waiting', false);

  await run.click();
  await expect(run).toHaveCount(0);
  await expect.poll(() => nowS(page)).toBeGreaterThan(2);
  const full = page.getByRole('link', { name: 'Open in the full lab' });
  await expect(full).toHaveAttribute('href', `${lab().href}#preset=retry-storm`);
  await expect(full).toHaveAttribute('target', '_blank');
  await expect(full).toHaveAttribute('rel', /noopener/);
  // An embed leaves the address and the saved scenario of the full lab alone.
  expect(await page.evaluate(() => location.hash)).toBe('#preset=retry-storm&embed=1&controls=transport,sliders');
  expect(await page.evaluate(() => localStorage.getItem('metastability-lab:autosave:v1'))).toBeNull();
});

test('an embed with no controls and autoplay runs at once, charts only', async ({ page }) => {
  await page.goto('./#preset=mm1&embed=1&controls=&autoplay=1');
  await expect.poll(() => nowS(page), { timeout: 30_000 }).toBeGreaterThan(1);
  await expect(page.getByRole('button', { name: '▶ Click to run' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Playback' })).toBeHidden();
  await expect(page.locator('.lab-side')).toBeHidden();
  await expect(page.locator('[data-chart="load"]')).toBeVisible();
});

test('the share dialog’s snippet embeds the run in another site, whose messages drive it; the frame reports its height', async ({ page, context }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await dialog.getByRole('checkbox', { name: 'Playback' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Triggers' }).check();
  await dialog.getByLabel('Embedding page (origin allowed to send commands, optional)').fill(course.origin);
  const snippet = await dialog.getByLabel('Snippet').inputValue();
  expect(snippet).toBe(
    `<iframe src="${lab().href}#preset=retry-storm&amp;embed=1&amp;controls=triggers&amp;origins=${course.origin}" title="Retry storm — Metastability Lab" width="100%" height="640" style="border:0" loading="lazy" allow="fullscreen"></iframe>`,
  );

  const parent = await context.newPage();
  await serveParent(parent, course, snippet);
  const frame = await labFrame(parent);
  await expect(frame.getByRole('button', { name: '▶ Click to run' })).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Inject now' })).toBeVisible();
  await expect(frame.getByRole('region', { name: 'Playback' })).toBeHidden();
  await expect.poll(async () => (await received(parent)).find((m) => m.type === 'metastability-lab:height')?.height ?? 0).toBeGreaterThan(300);

  await send(parent, { type: 'metastability-lab:play' });
  await expect.poll(() => frameNow(frame)).toBeGreaterThan(2);
  await expect(frame.getByRole('button', { name: '▶ Click to run' })).toHaveCount(0);
  await send(parent, { type: 'metastability-lab:inject', trigger: { kind: 'spike', duration: 5, factor: 3 } });
  await expect.poll(async () => (await received(parent)).filter((m) => m.type === 'metastability-lab:done').map((m) => m.command)).toEqual([
    'metastability-lab:play',
    'metastability-lab:inject',
  ]);
  await expect(frame.locator('.trigger-band[data-kind="spike"]').first()).toBeAttached();
  await send(parent, { type: 'metastability-lab:inject', trigger: { kind: 'spike', factor: '3' } });
  await expect.poll(async () => (await received(parent)).find((m) => m.type === 'metastability-lab:error')?.error).toMatch(/^trigger\.factor: /);
  // Well-formed, but beyond what the engine takes: refused with the field and its range, never answered `done`.
  const errors = async () => (await received(parent)).filter((m) => m.type === 'metastability-lab:error').map((m) => m.error);
  await send(parent, { type: 'metastability-lab:inject', trigger: { kind: 'spike', duration: 5, factor: 1000 } });
  await send(parent, { type: 'metastability-lab:inject', trigger: { kind: 'capacity', duration: 5, factor: 50 } });
  await send(parent, { type: 'metastability-lab:inject', trigger: { kind: 'capacity', duration: 5, slots: 1e6 } });
  await expect.poll(async () => (await errors()).slice(1)).toEqual([
    'trigger.factor: got 1000, expected a number from 0 (exclusive) to 100',
    'trigger.factor: got 50, expected a number from 0 (exclusive) to 10',
    'trigger.slots: got 1000000, expected an integer from 0 to 100000',
  ]);
  await send(parent, { type: 'metastability-lab:pause' });
  await expect(frame.getByRole('region', { name: 'Playback' })).toBeHidden();
  await expect.poll(async () => (await received(parent)).filter((m) => m.type === 'metastability-lab:done').length).toBe(3);
  const paused = await frameNow(frame);
  await parent.waitForTimeout(800);
  expect(await frameNow(frame)).toBe(paused);
  await send(parent, { type: 'metastability-lab:load-preset', id: 'mm1' });
  await expect(frame.locator('.clock')).toContainText('of 600 s');
  await shot(parent, '24-embed-in-course', false);
});

test('messages from an origin not on the list are ignored', async ({ page }) => {
  const src = `${lab().href}#preset=retry-storm&embed=1&origins=${course.origin}`;
  await serveParent(page, evil, `<iframe src="${src.replace(/&/g, '&amp;')}" title="lab" width="1000" height="700"></iframe>`);
  const frame = await labFrame(page);
  await expect(frame.getByRole('button', { name: '▶ Click to run' })).toBeEnabled();
  await send(page, { type: 'metastability-lab:play' });
  await send(page, { type: 'metastability-lab:inject', trigger: { kind: 'outage', duration: 5 } });
  await send(page, { type: 'metastability-lab:load-preset', id: 'mm1' });
  await page.waitForTimeout(1500);
  expect(await frameNow(frame)).toBe(0);
  await expect(frame.getByRole('button', { name: '▶ Click to run' })).toBeVisible();
  await expect(frame.locator('.clock')).toContainText('of 400 s');
  // Only the height reached this page: no answer to its commands.
  expect((await received(page)).filter((m) => m.type !== 'metastability-lab:height')).toEqual([]);
});

/** The lab's frame in a course page whose iframe has this `sandbox` attribute. */
async function sandboxedLab(page: Page, sandbox: string): Promise<Frame> {
  const src = new URL('./#preset=retry-storm&embed=1&autoplay=1', lab()).href.replace(/&/g, '&amp;');
  await serveParent(page, course, `<iframe sandbox="${sandbox}" src="${src}" title="lab" width="800" height="500"></iframe>`);
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(lab().origin))).toBe(true);
  return page.frames().find((f) => f.url().startsWith(lab().origin))!;
}

test('a frame sandboxed without allow-same-origin shows why the lab cannot start there, instead of a blank frame', async ({ page }) => {
  const alert = (await sandboxedLab(page, 'allow-scripts')).getByRole('alert');
  await expect(alert).toContainText('Metastability Lab cannot start here.', { timeout: 30_000 });
  await expect(alert).toContainText('sandbox="allow-scripts allow-same-origin"');
});

test('a frame sandboxed without scripts says the lab needs them', async ({ page }) => {
  const frame = await sandboxedLab(page, '');
  await expect.poll(() => frame.evaluate(() => document.body.innerText), { timeout: 30_000 }).toContain('needs JavaScript (in a sandboxed frame: allow-scripts and allow-same-origin)');
  await expect(frame.locator('#no-origin')).toBeHidden();
});
