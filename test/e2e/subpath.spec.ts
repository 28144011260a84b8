import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { fingerprintAtEnd, labState } from './lab';
import { startServer, staticUnder, type TestServer } from './servers';

// The e2e build (made by the web server of playwright.config.ts), served as a static host would serve it from a
// sub-path of a shared site: nothing exists outside the prefix, so one absolute URL in the build would break it.
const BUILD = resolve('.tmp/dist-e2e');
const PREFIX = '/courses/sre/metastability-lab/';
let server: TestServer;
const requests: string[] = [];

test.beforeAll(async () => {
  server = await startServer(staticUnder(BUILD, PREFIX, requests));
});
test.afterAll(async () => {
  await server.close();
});

test('the static build works from a sub-path: page, workers, gallery, links and embeds stay under it', async ({ page, context }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  const base = `${server.origin}${PREFIX}`;
  await page.goto(`${base}#preset=mm1&speed=max`);
  // The worker (a separate chunk) loads and runs the preset to its end.
  expect(await fingerprintAtEnd(page)).toMatch(/^[0-9a-f]{64}$/);
  expect((await labState(page)).presetId).toBe('mm1');

  await page.getByRole('button', { name: 'Presets', exact: true }).click();
  await expect(page.locator('.card svg.thumbnail').first()).toBeVisible();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Share…' }).click();
  await expect(page.getByRole('dialog').getByLabel('Link')).toHaveValue(`${base}#preset=mm1&tab=presets&speed=max`);
  await expect(page.getByRole('dialog').getByLabel('Snippet')).toHaveValue(new RegExp(`^<iframe src="${base.replace(/[.]/g, '\\.')}#preset=mm1&amp;speed=max&amp;embed=1"`));
  await page.keyboard.press('Escape');

  const embed = await context.newPage();
  await embed.goto(`${base}#preset=mm1&embed=1&autoplay=1`);
  await expect(embed.getByRole('link', { name: 'Open in the full lab' })).toHaveAttribute('href', `${base}#preset=mm1`);

  // The other workers are chunks too: the phase map's pool (over the retry storm's load × outage) and the fan-out study's.
  await page.goto(`${base}#preset=retry-storm`);
  await expect.poll(async () => (await labState(page)).presetId).toBe('retry-storm');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Phase map' }).click();
  await page.getByLabel('X steps', { exact: true }).fill('2');
  await page.getByLabel('Y steps', { exact: true }).fill('2');
  await page.getByLabel('Run length (s)', { exact: true }).fill('60');
  await page.getByRole('button', { name: 'Run map' }).click();
  await expect(page.getByRole('progressbar', { name: 'Phase map progress' })).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await page.goto(`${base}#preset=tail-at-scale`);
  await expect.poll(async () => Number(await page.locator('.fanout-study').getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThan(0);

  expect(problems).toEqual([]);
  const outside = requests.filter((p) => !p.startsWith(PREFIX));
  expect(outside).toEqual([]);
  for (const worker of ['sim', 'sweep', 'study']) {
    expect(requests.some((p) => new RegExp(`/assets/${worker}\\.worker-[\\w-]+\\.js$`).test(p)), `${worker} worker served under the prefix`).toBe(true);
  }
});
