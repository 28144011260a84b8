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

test('the static build works from a sub-path: page, worker, gallery, links and embeds stay under it', async ({ page, context }) => {
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

  expect(problems).toEqual([]);
  const outside = requests.filter((p) => !p.startsWith(PREFIX));
  expect(outside).toEqual([]);
  expect(requests.some((p) => /\/assets\/sim\.worker-[\w-]+\.js$/.test(p))).toBe(true);
});
