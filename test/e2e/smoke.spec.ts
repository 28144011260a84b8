import { expect, test } from '@playwright/test';
import { defaultScenario, parseScenario, runScenario } from '../../src/sim/index';

test('the page runs the default scenario in a worker and shows its verdict and figures', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Metastability Lab' })).toBeVisible();

  // The run starts on load; its figures appear when the worker answers.
  const status = page.getByRole('status');
  await expect(status).toHaveText('Run finished.', { timeout: 20_000 });
  expect(workers, 'the simulation runs in a Web Worker').toHaveLength(1);

  // The same scenario and seed, run by the same engine in Node, must give the same verdict.
  const { scenario } = parseScenario(defaultScenario());
  const expected = runScenario(scenario).summary;
  const figure = (name: string) => page.locator(`[data-figure="${name}"]`);
  const valueOf = async (name: string) => Number(await figure(name).getAttribute('data-value'));

  const label = expected.verdict.charAt(0).toUpperCase() + expected.verdict.slice(1);
  await expect(figure('verdict')).toHaveText(label);
  await expect(page.locator('.verdict strong')).toHaveText(label);

  const offered = await valueOf('offered');
  expect(offered).toBeGreaterThan(scenario.load.rate * 0.97);
  expect(offered).toBeLessThan(scenario.load.rate * 1.03);
  expect(offered).toBeCloseTo(expected.rates.offered, 9);
  await expect(figure('offered')).toHaveText(`${offered.toFixed(1)} req/s`);

  const goodput = await valueOf('goodput');
  expect(goodput).toBeGreaterThan(0);
  expect(goodput).toBeLessThanOrEqual(offered * 1.01);
  expect(goodput).toBeCloseTo(expected.rates.goodput, 9);

  if (expected.latency.p99 === null) {
    await expect(figure('p99')).toHaveText(/no request succeeded/);
  } else {
    const p99 = await valueOf('p99');
    expect(p99).toBeCloseTo(expected.latency.p99, 9);
    expect(p99).toBeGreaterThan(0);
    await expect(figure('p99')).toHaveText(/^\d+(\.\d+)? (ms|s)$/);
  }

  expect(problems).toEqual([]);
});
