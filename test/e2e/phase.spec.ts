import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, shot, type LabTestHook } from './lab';

interface LabStateView {
  tab: string;
  recorded: { duration: number; load: { rate: number }; triggers: { duration?: number }[] } | null;
}

// One sweep worker per page: the pool takes its size from navigator.hardwareConcurrency, and on a shared 2-core
// machine two busy sweep workers starve the page of the spec running beside this one (longtask.spec measures it).
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 1 }));
});

async function openPhaseMap(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Phase map' }).click();
  await expect(page.getByRole('heading', { name: 'Phase map' })).toBeVisible();
}

async function setField(page: Page, label: string, value: number | string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(String(value));
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('.phase-map').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** The colour drawn at the centre of every cell, as [r, g, b], x-major like the map's cells. */
async function cellColours(page: Page): Promise<[number, number, number][]> {
  return page.locator('.phase-plot canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    const plot = canvas.parentElement!;
    const nx = Number(plot.dataset['cols']);
    const ny = Number(plot.dataset['rows']);
    const out: [number, number, number][] = [];
    for (let xi = 0; xi < nx; xi++) {
      for (let yi = 0; yi < ny; yi++) {
        const px = Math.floor(((xi + 0.5) / nx) * canvas.width);
        const py = Math.floor(((ny - 1 - yi + 0.5) / ny) * canvas.height);
        const d = ctx!.getImageData(px, py, 1, 1).data;
        out.push([d[0]!, d[1]!, d[2]!]);
      }
    }
    return out;
  });
}

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (m !== null) return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
  const r = /rgb\((\d+), ?(\d+), ?(\d+)\)/.exec(hex);
  if (r === null) throw new Error(`not a colour: ${hex}`);
  return [Number(r[1]), Number(r[2]), Number(r[3])];
}

test('phase map: the default is a 24 × 24 load × trigger-duration map of the lab’s scenario, and bad ranges are refused by name', async ({ page }) => {
  const problems = await openLab(page);
  await openPhaseMap(page);
  await expect(page.getByLabel('Axes')).toHaveValue('load-duration');
  await expect(page.getByLabel('X steps', { exact: true })).toHaveValue('24');
  await expect(page.getByLabel('Y steps', { exact: true })).toHaveValue('24');
  await expect(page.getByLabel('X from', { exact: true })).toHaveValue('90');
  await expect(page.locator('.axis-plan').first()).toHaveText('Runs 90 to 320 by 10: 24 values (sim sweep: load.rate=90:320:24).');
  await expect(page.getByRole('progressbar', { name: 'Phase map progress' })).toHaveAttribute('aria-valuenow', '0');

  await setField(page, 'X from', -5);
  await setField(page, 'Y steps', 500);
  await page.getByRole('button', { name: 'Run map' }).click();
  const alert = page.locator('.phase-problems');
  await expect(alert).toContainText('Load (load.rate) from: got -5, expected a number from 0 to 1000000');
  await expect(alert).toContainText('Trigger duration (triggers.0.duration) steps: got 500, expected an integer from 1 to 64');
  await expect(page.locator('.phase-status')).toHaveAttribute('data-status', 'idle');

  await page.getByLabel('Axes').selectOption('load-retries');
  await setField(page, 'Y steps', 4);
  // A whole-number field takes whole steps: 0 to 5 in about 4 steps runs 0, 2 and 4.
  await expect(page.locator('.axis-plan').nth(1)).toHaveText('Runs 0 to 4 by 2: 3 values (sim sweep: client.retry.maxRetries=0:4:3).');
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('phase map: a 6 × 6 map fills to 100% with verdict colours, and a click opens that cell’s run in the lab', async ({ page }) => {
  const problems = await openLab(page);
  await openPhaseMap(page);
  await setField(page, 'X from', 50);
  await setField(page, 'X to', 300);
  await setField(page, 'X steps', 6);
  await setField(page, 'Y from', 5);
  await setField(page, 'Y to', 30);
  await setField(page, 'Y steps', 6);
  await setField(page, 'Run length (s)', 200);
  await page.getByRole('button', { name: 'Run map' }).click();
  const progress = page.getByRole('progressbar', { name: 'Phase map progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
  await expect(progress).toHaveAttribute('aria-valuetext', '36 of 36 cells (100%)');
  await expect(page.locator('.phase-status')).toHaveAttribute('data-status', 'done');
  await expect(page.locator('.phase-status')).toContainText(/Done in [\d.]+ s on 1 worker\./);
  // Running the map paused the lab.
  expect(await page.evaluate(() => (window as unknown as { __labTest: { state(): { playing: boolean } } }).__labTest.state().playing)).toBe(false);
  await shot(page, '20-phase-map-6x6');

  // Every cell is painted with its verdict's colour: a fixed legend colour, or a shade between the recovered ends.
  const fixed = new Map<string, [number, number, number]>();
  for (const v of ['stable', 'metastable', 'overloaded', 'unresolved']) {
    fixed.set(v, rgb((await page.locator(`.phase-legend li[data-verdict="${v}"]`).getAttribute('data-colour'))!));
  }
  const quick = rgb((await page.locator('.phase-legend li[data-verdict="recovered"]').getAttribute('data-colour'))!);
  const slow = rgb((await page.locator('.phase-legend li[data-verdict="recovered"]').getAttribute('data-colour-slow'))!);
  const near = (a: number[], b: number[], tol = 3) => a.every((x, i) => Math.abs(x - b[i]!) <= tol);
  const between = (c: number[]) => c.every((x, i) => x >= Math.min(quick[i]!, slow[i]!) - 3 && x <= Math.max(quick[i]!, slow[i]!) + 3);
  const colours = await cellColours(page);
  expect(colours).toHaveLength(36);
  const seen = new Set<string>();
  for (const c of colours) {
    const match = [...fixed].find(([, f]) => near(c, f));
    if (match !== undefined) seen.add(match[0]);
    else if (between(c)) seen.add('recovered');
    else throw new Error(`cell colour ${c.join(',')} is no verdict's colour`);
  }
  // The retry storm from 50/s to 300/s: low loads recover, high loads after long outages stay stuck.
  expect(seen).toContain('recovered');
  expect(seen).toContain('metastable');

  // Keyboard: the grid takes focus, arrows move the readout to a cell.
  const plot = page.locator('.phase-plot');
  await plot.focus();
  await plot.press('ArrowRight');
  await plot.press('ArrowUp');
  const readout = page.locator('#phase-readout');
  await expect(readout).toHaveAttribute('data-index', String(1 * 6 + 1));
  await expect(readout).toContainText(/Load [\d.]+ requests\/s, trigger duration [\d.]+ s: /);

  // Hover the top-right cell (highest load, longest outage), then click it.
  const box = (await page.locator('.phase-plot canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width * (5.5 / 6), box.y + box.height * (0.5 / 6));
  await expect(readout).toHaveAttribute('data-index', '35');
  const x = Number(await readout.getAttribute('data-x'));
  const y = Number(await readout.getAttribute('data-y'));
  expect(x).toBe(300);
  expect(y).toBe(30);
  await expect(page.locator('.phase-tooltip')).toContainText('goodput');
  await page.mouse.click(box.x + box.width * (5.5 / 6), box.y + box.height * (0.5 / 6));
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('');
  const lab = await page.evaluate(() => (window as unknown as { __labTest: LabTestHook & { state(): LabStateView } }).__labTest.state());
  expect(lab.tab).toBe('lab');
  expect(lab.recorded?.load.rate).toBe(x);
  expect(lab.recorded?.triggers[0]?.duration).toBe(y);
  expect(lab.recorded?.duration).toBe(200);

  // Back on the map, the finished map is still there; in the dark theme too, axe finds nothing serious.
  await openPhaseMap(page);
  await expect(page.locator('.phase-status')).toHaveAttribute('data-status', 'done');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, '20-phase-map-6x6-dark');
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('phase map: Cancel stops a running map and no late result moves the progress', async ({ page }) => {
  const problems = await openLab(page);
  await openPhaseMap(page);
  await page.getByRole('button', { name: 'Run map' }).click();
  const progress = page.getByRole('progressbar', { name: 'Phase map progress' });
  await expect(page.locator('.phase-status')).toHaveAttribute('data-status', 'running');
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.phase-status')).toHaveAttribute('data-status', 'cancelled');
  const text = await progress.getAttribute('aria-valuetext');
  expect(text).toMatch(/^\d+ of 576 cells/);
  expect(Number(/^(\d+)/.exec(text!)![1])).toBeLessThan(576);
  await page.waitForTimeout(1500);
  await expect(progress).toHaveAttribute('aria-valuetext', text!);
  await expect(page.getByRole('button', { name: 'Run map' })).toBeEnabled();
  expect(problems).toEqual([]);
});
