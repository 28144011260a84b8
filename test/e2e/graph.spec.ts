import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { findPreset, PRESETS } from '../../src/sim/index';
import { fingerprintAtEnd, nowS, openLab, openLink, pause, play, shot, waitForTime } from './lab';

// Graphs of services in the page: the service map shows every service with live figures, an error fault injected on
// one service from the trigger panel shows on that service's node, and a node opens the service's charts.

interface RawGraph {
  services: { name: string; calls?: { to: string }[] }[];
}

/** The presets that are graphs of services. */
const GRAPH_PRESETS = PRESETS.filter((p) => (p.scenario as { graph?: unknown }).graph != null);

/** A small graph of our own (the presets' shapes may change): a front calling a back end of three replicas. */
const SMALL = {
  version: 1,
  name: 'Small graph',
  duration: 600,
  load: { rate: 40 },
  client: { timeout: 2, retry: { maxRetries: 2 } },
  graph: {
    services: [
      { name: 'front', concurrency: 20, calls: [{ to: 'back', timeout: 0.5, retry: { maxRetries: 1 } }] },
      { name: 'back', replicas: 3, balancer: 'power-of-two', concurrency: 10 },
    ],
  },
};

const node = (page: Page, service: string) => page.locator(`.service-node[data-service="${service}"]`);

async function figure(page: Page, service: string, metric: string): Promise<number> {
  const v = await node(page, service).locator(`[data-metric="${metric}"]`).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

/** The deepest service: the last one a breadth-first walk of the calls from the entry reaches. */
function deepest(graph: RawGraph): string {
  const seen = new Set<string>();
  let queue = [graph.services[0]!.name];
  let last = queue[0]!;
  while (queue.length > 0) {
    const next: string[] = [];
    for (const name of queue) {
      if (seen.has(name)) continue;
      seen.add(name);
      last = name;
      for (const c of graph.services.find((s) => s.name === name)?.calls ?? []) next.push(c.to);
    }
    queue = next;
  }
  return last;
}

/**
 * With the run open and paused: every service shows on the map with live figures; an error fault on `target`
 * (every call, for two minutes) makes that node answer errors for the calls it gets, marked hot; its node opens
 * its charts; the run plays on.
 */
async function checkGraph(page: Page, graph: RawGraph, target: string, label: string): Promise<void> {
  const map = page.getByRole('region', { name: 'Service map' });
  await expect(map).toBeVisible();
  await expect(map.locator('.service-node')).toHaveCount(graph.services.length);
  // Bin by bin with Step, so the checks do not race the run to its end on a busy machine.
  const startS = await nowS(page);
  await steps(page, 5);
  await waitForTime(page, startS + 5);
  for (const s of graph.services) {
    // Every figure is a number once a bin has closed (utilisation only for bounded services).
    await expect.poll(() => figure(page, s.name, 'queue'), { message: `${label}: ${s.name} queue` }).toBeGreaterThanOrEqual(0);
    await expect.poll(() => figure(page, s.name, 'errors'), { message: `${label}: ${s.name} errors` }).toBeGreaterThanOrEqual(0);
  }
  await expect.poll(() => figure(page, graph.services[0]!.name, 'arrivals')).toBeGreaterThan(0);

  const triggers = page.getByRole('region', { name: 'Triggers' });
  await triggers.getByLabel('Kind').selectOption('errors');
  await triggers.getByLabel('Service').selectOption(target);
  const share = triggers.getByLabel('Error share');
  await share.focus();
  await share.press('End');
  await expect(share).toHaveAttribute('aria-valuetext', '100% of calls');
  const duration = triggers.getByLabel('Duration');
  await duration.focus();
  await duration.press('End');
  await triggers.getByRole('button', { name: 'Inject now' }).click();
  await expect(triggers.getByRole('list', { name: 'Triggers in this run' })).toContainText(`Error answers at`);
  await expect(triggers.getByRole('list', { name: 'Triggers in this run' })).toContainText(`on ${target}`);
  const injectedAt = await nowS(page);
  // A bin inside the fault: every call reaching the target is answered with an error.
  await steps(page, 3);
  await waitForTime(page, injectedAt + 3);
  await expect
    .poll(async () => {
      const errors = await figure(page, target, 'errors');
      const arrivals = await figure(page, target, 'arrivals');
      return errors > 0 && errors >= 0.9 * arrivals;
    }, { message: `${label}: ${target} answers errors` })
    .toBe(true);
  await expect(node(page, target)).toHaveAttribute('data-hot', 'yes');
  await expect(node(page, target)).toContainText('Hot:');

  await node(page, target).click();
  await expect(node(page, target)).toHaveAttribute('aria-pressed', 'true');
  const charts = page.getByRole('region', { name: `Service ${target}` });
  await expect(charts.locator('[data-chart="serviceLoad"]')).toBeVisible();
  await expect.poll(async () => Number(await charts.locator('[data-chart="serviceLoad"] [data-series="errors"]').getAttribute('data-value'))).toBeGreaterThan(0);
  // The page keeps working: the run plays on.
  const later = (await nowS(page)) + 5;
  await play(page);
  await waitForTime(page, later);
  await pause(page);
  await expect(page.locator('.invariants')).toHaveAttribute('data-holds', 'true');
}

/** Pause a run just opened from a link: the link's run starts playing once it has started (Pause shows), then pause it. */
async function pauseOpened(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible({ timeout: 30_000 });
  await pause(page);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

async function steps(page: Page, n: number): Promise<void> {
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < n; i++) await step.click();
}

test('a graph of services from a link: the map shows every service live, an error fault on the back end shows there, its node opens its charts', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await openLink(page, `#v1=${LZString.compressToEncodedURIComponent(JSON.stringify(SMALL))}`);
  await pauseOpened(page);
  await expect(node(page, 'back').locator('.replica-square')).toHaveCount(3);
  await expect(page.locator('.service-map-edge')).toHaveCount(2);
  await expect(page.locator('.service-map-edge text')).toHaveText(['×1, 2 retries', '×1, 1 retry']);
  await checkGraph(page, SMALL.graph, 'back', 'small graph');
  await shot(page, 'graph-small');
  // The page stays accessible with the map, a hot node and a service's charts and controls on show, in both themes.
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'graph-small-dark');
  expect(problems).toEqual([]);
});

test('the presets include graphs of services', () => {
  expect(GRAPH_PRESETS.map((p) => p.id)).toEqual(expect.arrayContaining(['graph-retry-layers', 'graph-deadline']));
});

for (const preset of GRAPH_PRESETS) {
  test(`${preset.id}: the map shows every service live; an error fault on its deepest service shows on that node`, async ({ page }) => {
    test.setTimeout(120_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    await openLink(page, `#preset=${preset.id}`);
    await pauseOpened(page);
    const graph = (findPreset(preset.id)!.scenario as { graph: RawGraph }).graph;
    await checkGraph(page, graph, deepest(graph), preset.id);
    await shot(page, `graph-${preset.id}`);
    expect(problems).toEqual([]);
  });
}

test('a graph run exported as JSON is the command line’s, per-service series included', async ({ page }) => {
  await openLink(page, '#preset=graph-retry-edge&speed=max');
  await fingerprintAtEnd(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const body = readFileSync(await download.path()).toString('utf8');
  const result = JSON.parse(body) as { services?: Record<string, Record<string, unknown[]>> };
  expect(Object.keys(result.services ?? {})).toEqual(['front', 'mid', 'back']);
  const cli = execFileSync(process.execPath, ['scripts/sim.mjs', 'run', 'graph-retry-edge', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  expect(body).toBe(cli);
});

test('on a 390-px phone a graph fits the width: the map scrolls inside its panel, a service’s charts go below', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openLink(page, '#preset=graph-slow-dependency');
  await pauseOpened(page);
  await steps(page, 2);
  await node(page, 'front').click();
  await expect(page.getByRole('region', { name: 'Service front' }).locator('[data-chart="serviceLoad"]')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const scroll = page.locator('.service-map-scroll');
  expect(await scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // The last service scrolls into view when its node takes the focus.
  const last = node(page, 'reco');
  await last.focus();
  await expect(last).toBeInViewport();
});

test('a one-server preset shows no service map, and its triggers name no service', async ({ page }) => {
  const problems = await openLab(page);
  await waitForTime(page, 2);
  await expect(page.locator('.service-map')).toHaveCount(0);
  const triggers = page.getByRole('region', { name: 'Triggers' });
  await triggers.getByLabel('Kind').selectOption('errors');
  await expect(triggers.getByLabel('Service')).toHaveCount(0);
  expect(problems).toEqual([]);
});
