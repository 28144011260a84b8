import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { encodeLink } from '../../src/links/index';
import { findPreset, parseScenario } from '../../src/sim/index';
import { fingerprintAtEnd, labState, nowS, openLab, openLink, pause, play, setRunLength, setSpeed, shot, waitForTime } from './lab';

async function copyLinkFromDialog(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('The link copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await dialog.getByLabel('Link').inputValue());
  await expect(dialog.locator('.link-length')).toHaveText(`${copied.length} characters`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  return copied;
}

test('a copied link replays a live session exactly: a trigger injected and a slider moved mid-run give the same series in a new page', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLab(page);
  await pause(page);
  await setRunLength(page, 150);
  await setSpeed(page, '20×');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await play(page);
  await waitForTime(page, 20);
  await page.getByRole('button', { name: 'Inject now' }).click(); // a 2× spike for 10 s, at the current time
  await expect.poll(async () => (await labState(page)).recorded?.triggers.length).toBe(2);
  await waitForTime(page, 45);
  // Drag the load slider down by keyboard while the run plays: each step is a recorded action.
  const load = page.locator('input[data-path="load.rate"]');
  await load.focus();
  for (let i = 0; i < 4; i++) await load.press('ArrowLeft');
  await expect.poll(async () => (await labState(page)).recorded?.actions.length ?? 0).toBeGreaterThanOrEqual(1);
  await setSpeed(page, 'Unthrottled');
  const original = await fingerprintAtEnd(page);
  const session = await labState(page);
  expect(session.recorded?.actions.length).toBeGreaterThanOrEqual(1);

  const link = await copyLinkFromDialog(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v1=[A-Za-z0-9+\-$]+&speed=max$/);

  const other = await context.newPage();
  await other.goto(link);
  const replay = await fingerprintAtEnd(other);
  const replayed = await labState(other);
  expect(replayed.recorded).toEqual(session.recorded);
  expect(replay).toBe(original);
  await other.close();
});

test('copy link falls back to selecting the text when the Clipboard API is missing, and warns about a long link', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await openLab(page);
  await pause(page);
  // Many live changes make a long link: each is an action the link must carry.
  const load = page.locator('input[data-path="load.rate"]');
  for (let i = 0; i < 12; i++) {
    await page.getByRole('button', { name: 'Step' }).click();
    await load.focus();
    await load.press(i % 2 === 0 ? 'ArrowLeft' : 'ArrowRight');
  }
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this run' });
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  const field = dialog.getByLabel('Link');
  const status = await dialog.getByRole('status').textContent();
  // The legacy copy command works in some headless builds: either it copied, or it left the link selected.
  expect(status).toMatch(/^The link (copied\.|is selected: press Ctrl\+C)/);
  const selected = await field.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0));
  if (status?.includes('selected')) expect(selected).toBe(await field.inputValue());
  const length = Number(await field.getAttribute('data-length'));
  expect(length).toBe((await field.inputValue()).length);
  if (length > 2000) await expect(dialog.locator('.link-warning')).toContainText('some chat tools cut or refuse links over 2000');
  else await expect(dialog.locator('.link-warning')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('every preset link round-trips: it opens that preset, with its seed, and the address keeps the short form', async ({ page }) => {
  await openLab(page);
  const presets = await page.evaluate(() => (window as unknown as { __labTest: { state(): { presets: { id: string }[] } } }).__labTest.state().presets.map((p) => p.id));
  expect(presets.length).toBeGreaterThan(20);
  for (const [i, id] of presets.entries()) {
    const hash = i % 3 === 0 ? `#preset=${id}&seed=${i + 2}` : `#preset=${id}`;
    await page.evaluate((h) => (location.hash = h), hash);
    await expect.poll(async () => (await labState(page)).presetId, { message: id }).toBe(id);
    const state = await labState(page);
    if (i % 3 === 0) expect(state.recorded?.seed).toBe(i + 2);
    expect(await page.evaluate(() => location.hash)).toBe(hash);
    await expect(page.locator('label.preset select')).toHaveValue(id);
  }
  // A fresh load of a preset link opens it too (the link wins over the autosave of the session above).
  await openLink(page, '#preset=cache-flush&seed=5&t=150');
  await expect.poll(async () => (await labState(page)).presetId).toBe('cache-flush');
  expect((await labState(page)).recorded?.seed).toBe(5);
  // Opened at its playhead: the charts hold the 150 s before it.
  expect(await nowS(page)).toBeGreaterThanOrEqual(150);
  expect(Number(await page.locator('.chart-stack').getAttribute('data-bins'))).toBeGreaterThanOrEqual(150);
});

test('back and forward move between the runs and views the page wrote, one entry per change', async ({ page }) => {
  await openLab(page);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#preset=retry-storm');
  const historyLength = await page.evaluate(() => history.length);
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  await page.getByRole('button', { name: 'Open “One server at 80% load (M/M/1)” in the lab' }).click();
  await expect.poll(async () => (await labState(page)).presetId).toBe('mm1');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#preset=mm1');
  expect(await page.evaluate(() => history.length)).toBe(historyLength + 1 + 1);
  await page.goBack();
  await expect.poll(async () => (await labState(page)).tab).toBe('presets');
  expect((await labState(page)).presetId).toBe('retry-storm');
  await expect(page.locator('.card[data-preset="retry-storm"]')).toHaveAttribute('aria-current', 'true');
  await page.goBack();
  await expect.poll(async () => (await labState(page)).tab).toBe('lab');
  await page.goForward();
  await page.goForward();
  await expect.poll(async () => (await labState(page)).presetId).toBe('mm1');
});

test('a bad link shows a message naming the problem and a working lab; a hostile name stays text', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await openLink(page, '#preset=mm1&seed=-1');
  await expect(page.getByRole('alert')).toContainText('seed: got -1, expected an integer from 0 to 4294967295');
  await expect(page.getByRole('alert')).toContainText('opened the default scenario instead');
  await waitForTime(page, 3);
  expect((await labState(page)).presetId).toBe('retry-storm');
  await shot(page, '20-bad-link', false);

  // Edited to a truncated link while it runs: the run goes on.
  const before = await labState(page);
  await page.evaluate(() => (location.hash = '#v1=N4IgbgpgTgzglgewHYgFwEYA0IYQgEzSxCQE'));
  await expect(page.getByRole('alert')).toContainText('damaged or truncated');
  await expect(page.getByRole('alert')).toContainText('Your current scenario is kept.');
  const t = await nowS(page);
  await waitForTime(page, t + 2);
  expect((await labState(page)).recorded).toEqual(before.recorded);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#preset=retry-storm');

  // A name with markup (a link from anyone) renders as text, never as elements.
  const name = '<img src=x onerror=window.__pwned=1>';
  const scenario = parseScenario({ ...(findPreset('mm1')!.scenario as object), name }).scenario;
  await page.evaluate((h) => (location.hash = h), encodeLink({ scenario }));
  await expect.poll(async () => (await labState(page)).recorded?.name).toBe(name);
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('pre[data-scenario]')).toContainText(name);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
});

test('an imported scenario file runs; an invalid one is refused with the field named and the run kept', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Open scenario…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a scenario' });
  await dialog.getByRole('textbox', { name: 'Or paste the JSON' }).fill('{ "version": 1, "load": { "rate": -5 } }');
  await dialog.getByRole('button', { name: 'Open scenario' }).click();
  await expect(dialog.getByRole('alert')).toContainText('load.rate: got -5');
  await dialog.getByRole('textbox', { name: 'Or paste the JSON' }).fill('{ "version": 1, "load": { "rate": 5 }, }');
  await dialog.getByRole('button', { name: 'Open scenario' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This is not valid JSON at line 1, column');
  expect((await labState(page)).presetId).toBe('retry-storm');

  const file = { name: 'incident.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 1, name: 'Our Tuesday incident', seed: 42, duration: 60, load: { rate: 50 }, server: { concurrency: 4 }, triggers: [{ kind: 'spike', at: 10, duration: 5, factor: 3 }] })) };
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await labState(page)).recorded?.name).toBe('Our Tuesday incident');
  const state = await labState(page);
  expect(state).toMatchObject({ presetId: null, recorded: { seed: 42, duration: 60 } });
  await expect(page.locator('label.preset select')).toHaveValue('');
  await waitForTime(page, 2);
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v1=/);
});

/** What `npm run sim -- run mm1` prints. */
const cli = (format: 'csv' | 'json') =>
  execFileSync(process.execPath, ['scripts/sim.mjs', 'run', 'mm1', '--format', format], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });

test('exports: CSV and JSON exactly as the CLI writes them, SVG and PNG carrying the link', async ({ page }) => {
  await openLink(page, '#preset=mm1&speed=max');
  await fingerprintAtEnd(page);
  const url = page.url();
  const save = async (label: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export ${label}` }).click()]);
    return { name: download.suggestedFilename(), body: readFileSync((await download.path())) };
  };
  const csv = await save('CSV');
  expect(csv.name).toBe('m-m-1-at-80-load-seed-1.csv');
  const lines = csv.body.toString('utf8').split('\n');
  expect(lines[0]).toMatch(/^t,offered,attempts,throughput,goodput,/);
  expect(lines.filter((l) => /^\d/.test(l))).toHaveLength(600);
  // The CSV is the command line's, byte for byte; so is the JSON. The link travels in the share dialog, SVG and PNG.
  expect(csv.body.toString('utf8')).toBe(cli('csv'));

  const json = await save('JSON');
  const result = JSON.parse(json.body.toString('utf8')) as { scenario: { seed: number }; summary: { verdict: string }; series: { t: number[] } };
  expect(result.summary.verdict).toBe('stable');
  expect(result.series.t).toHaveLength(600);
  expect(json.body.toString('utf8')).toBe(cli('json'));

  const svg = await save('SVG');
  expect(svg.body.toString('utf8')).toContain(`link="${url.replace(/&/g, '&amp;')}"`);
  const png = await save('PNG');
  expect([...png.body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.body.toString('latin1')).toContain(`tEXtSource\0${url}`);
  expect(png.body.length).toBeGreaterThan(10_000);
});

test('the scenario autosaves and comes back on reload; a link wins over it', async ({ page }) => {
  await openLab(page);
  const seed = page.getByLabel('Seed', { exact: true });
  await seed.fill('77');
  await seed.press('Enter');
  await expect.poll(async () => (await labState(page)).recorded?.seed).toBe(77);
  // Saved a second after the last change; the poll's time is a hang guard, not the deadline.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('metastability-lab:autosave:v1'))).toBe('#preset=retry-storm&seed=77');
  await page.goto('./');
  await expect.poll(async () => (await labState(page)).recorded?.seed).toBe(77);
  await openLink(page, '#preset=mm1');
  await expect.poll(async () => (await labState(page)).presetId).toBe('mm1');
});

test('trainer keys: "?" opens the shortcut list (Esc closes it, focus returns), "n" opens the next preset, "i" injects, "p" presenter mode', async ({ page }) => {
  await openLab(page);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('cell', { name: 'Next preset (in gallery order), keeping play or pause' })).toBeVisible();
  // Modal: Tab never reaches the page behind it.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement === document.body || document.activeElement?.closest('dialog') !== null)).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Shortcuts' })).toBeFocused();

  // Letter keys work with focus on a button (Space and Enter stay the button's).
  await page.keyboard.press('i');
  await expect.poll(async () => (await labState(page)).recorded?.triggers.length).toBe(2);
  await page.keyboard.press('n');
  await expect.poll(async () => (await labState(page)).presetId).toBe('retry-storm-low-load');
  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'true');
  await shot(page, '21-presenter', false);
  await page.getByRole('button', { name: 'Presenter' }).click();
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
});

test('the gallery shows every preset with its thumbnail, and a card opens its preset in the lab', async ({ page }) => {
  await openLab(page);
  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  const cards = page.locator('.card');
  await expect(cards).toHaveCount((await page.evaluate(() => (window as unknown as { __labTest: { state(): { presets: unknown[] } } }).__labTest.state().presets.length)));
  await expect(page.locator('.card svg.thumbnail')).toHaveCount(await cards.count());
  const storm = page.locator('.card[data-preset="cache-flush"]');
  await expect(storm.getByRole('img')).toHaveAttribute('aria-label', /offered load and goodput over \d+ s; the run stays stuck/);
  await expect(storm).toContainText('Watch:');
  await shot(page, '22-gallery');
  await storm.getByRole('button').click();
  await expect.poll(async () => (await labState(page)).tab).toBe('lab');
  await expect.poll(async () => (await labState(page)).presetId).toBe('cache-flush');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
});
