/** Helpers shared by the e2e specs: open the lab, read its state from what the page shows, save screenshots. */
import { mkdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { LabTestHook as PageTestHook } from '../../src/app/faultHook';

export const SHOTS = 'test-results/screenshots';

/** Open the lab and collect console errors and uncaught exceptions. */
export async function openLab(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Metastability Lab' })).toBeVisible();
  // The lab opens playing: once Pause shows, the preset has loaded and the run started.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible({ timeout: 30_000 });
  return problems;
}

/** Simulated time the page shows. */
export async function nowS(page: Page): Promise<number> {
  return Number(await page.locator('.clock').getAttribute('data-now'));
}

export async function waitForTime(page: Page, atLeastS: number, timeout = 60_000): Promise<void> {
  await expect.poll(() => nowS(page), { timeout }).toBeGreaterThanOrEqual(atLeastS);
}

export async function pause(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Pause', exact: true });
  if (await button.isVisible()) await button.click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

export async function play(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
}

export async function setSpeed(page: Page, label: string): Promise<void> {
  await page.getByLabel('Speed').selectOption({ label });
}

export async function setRunLength(page: Page, seconds: number): Promise<void> {
  const field = page.getByLabel('Run length (s)');
  await field.fill(String(seconds));
  await field.press('Enter');
  await expect(page.locator('.clock')).toContainText(`of ${seconds} s`);
}

/** The value the legend shows for a series at the readout time (the latest bin). */
export async function legendValue(page: Page, chart: string, series: string): Promise<number> {
  const v = await page.locator(`[data-chart="${chart}"] [data-series="${series}"]`).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** The fault hook of the e2e build (absent from production builds); each spec reads `state()` in the shape it needs. */
export type LabTestHook = Omit<PageTestHook, 'state'>;

/** A few fields of the lab's state (e2e builds expose the store through the fault hook). */
export interface LabSnapshot {
  presetId: string | null;
  recorded: { name: string; seed: number; duration: number; triggers: unknown[]; actions: unknown[] } | null;
  fingerprint: string | null;
  nowS: number;
  playing: boolean;
  speed: number | null;
  tab: string;
}

export async function labState(page: Page): Promise<LabSnapshot> {
  return page.evaluate(() => {
    const s = (window as unknown as { __labTest: { state(): LabSnapshot & { speed: number } } }).__labTest.state();
    // Infinity does not survive the trip out of the page: null stands for unthrottled.
    return { presetId: s.presetId, recorded: s.recorded, fingerprint: s.fingerprint, nowS: s.nowS, playing: s.playing, speed: Number.isFinite(s.speed) ? s.speed : null, tab: s.tab };
  });
}

/** Wait for the run to end and return the worker's fingerprint of its series. */
export async function fingerprintAtEnd(page: Page, timeout = 100_000): Promise<string> {
  const fingerprint = page.locator('[data-fingerprint]');
  await expect(fingerprint).toHaveAttribute('data-fingerprint', /^[0-9a-f]{64}$/, { timeout });
  return (await fingerprint.getAttribute('data-fingerprint'))!;
}

/** Open the page at a hash (a link) and wait for the lab to show a scenario. */
export async function openLink(page: Page, hash: string): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.locator('.clock')).toContainText(/of \d/, { timeout: 30_000 });
}
