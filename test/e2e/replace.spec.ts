/**
 * Reset, Seed and Run length replace the run while it plays. Whatever the playback loop has on its way at that moment,
 * the new run starts at t = 0 and from then on advances only by the time played since: the clock never jumps back to
 * the old run's time. Each try samples the store on every animation frame for a second after the operation.
 */
import { expect, test, type Page } from '@playwright/test';
import { nowS, openLab, setSpeed } from './lab';

interface Sample {
  ms: number;
  nowS: number;
  bins: number;
  binS: number;
  seed: number | null;
  duration: number | null;
}

/** Record the lab's clock on every animation frame for `ms`, starting now (before the operation is made). */
async function startSampling(page: Page, ms: number): Promise<void> {
  await page.evaluate((windowMs) => {
    type S = { nowS: number; binS: number; series: { length: number }; recorded: { seed: number; duration: number } | null };
    const hook = (window as unknown as { __labTest: { state(): S } }).__labTest;
    const samples: unknown[] = [];
    (window as unknown as { __samples: unknown[] }).__samples = samples;
    const t0 = performance.now();
    const sample = (): void => {
      const s = hook.state();
      samples.push({ ms: performance.now() - t0, nowS: s.nowS, bins: s.series.length, binS: s.binS, seed: s.recorded?.seed ?? null, duration: s.recorded?.duration ?? null });
      if (performance.now() - t0 < windowMs) requestAnimationFrame(sample);
      else (window as unknown as { __sampled: boolean }).__sampled = true;
    };
    (window as unknown as { __sampled: boolean }).__sampled = false;
    sample();
  }, ms);
}

async function samples(page: Page): Promise<Sample[]> {
  await page.waitForFunction(() => (window as unknown as { __sampled: boolean }).__sampled, undefined, { timeout: 60_000 });
  return page.evaluate(() => (window as unknown as { __samples: Sample[] }).__samples);
}

/** The checks of one try: the run was replaced, and afterwards it only ever moved forward by the time played. */
function checkTry(all: Sample[], before: number, speed: number, label: string, firstNew: (all: Sample[]) => number, isNew: (s: Sample) => boolean): void {
  const first = firstNew(all);
  expect(first, `${label}: the run was replaced within the sampled window`).toBeGreaterThanOrEqual(0);
  const after = all.slice(first);
  expect(after[0]!.nowS, `${label}: the new run starts near 0`).toBeLessThan(before);
  for (const s of after) {
    expect(isNew(s), `${label}: no sample of the old run after the new one (t = ${s.nowS})`).toBe(true);
    // Frames of one run only: the bins held are the clock's.
    expect(s.bins * s.binS, `${label}: series and clock agree`).toBeCloseTo(s.nowS, 6);
  }
  for (let i = 1; i < after.length; i++) expect(after[i]!.nowS, `${label}: the clock never goes back`).toBeGreaterThanOrEqual(after[i - 1]!.nowS);
  if (Number.isFinite(speed)) {
    for (const s of after) {
      // At most the wall time since the operation (sampling began just before it), at the speed, plus the first
      // frame's share and the part of a bin carried over.
      const bound = (s.ms / 1000) * speed + speed / 60 + 2 * s.binS;
      expect(s.nowS, `${label}: t = ${s.nowS} s at ${Math.round(s.ms)} ms is further than the time played since`).toBeLessThanOrEqual(bound);
    }
  }
}

/** Type a value into a transport field and commit it with Enter, as a trainer does. */
async function commitField(page: Page, label: string, value: number): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.press('Enter');
}

type Op = { name: string; run: (page: Page, tryIndex: number) => Promise<void>; isNew: (tryIndex: number) => (s: Sample) => boolean };

/** The first sample of the new run: a run identified by its seed or length, else the first whose series restarted. */
function firstNewOf(op: Op, tryIndex: number): (all: Sample[]) => number {
  if (op.name !== 'Reset') return (all) => all.findIndex(op.isNew(tryIndex));
  return (all) => all.findIndex((s, i) => i > 0 && s.bins < all[i - 1]!.bins);
}

const OPS: Op[] = [
  {
    name: 'Reset',
    run: async (page, i) => {
      if (i % 2 === 0) await page.getByRole('button', { name: 'Reset', exact: true }).click();
      else await page.keyboard.press('r');
    },
    // A reset run has the same seed and length: the series restarting marks it (firstNewOf), and every sample after counts.
    isNew: () => () => true,
  },
  {
    name: 'Seed',
    run: (page, i) => commitField(page, 'Seed', 1000 + i),
    isNew: (i) => (s) => s.seed === 1000 + i,
  },
  {
    name: 'Run length',
    run: (page, i) => commitField(page, 'Run length (s)', 500 + i),
    isNew: (i) => (s) => s.duration === 500 + i,
  },
];

const TIMES_10X = [12, 27, 41, 58, 73, 88, 104];

for (const op of OPS) {
  test(`${op.name} while playing at 10× and unthrottled: the new run starts at 0 and never takes the old run's time`, async ({ page }) => {
    test.setTimeout(300_000);
    const problems = await openLab(page);
    let tryIndex = 0;
    for (const atS of TIMES_10X) {
      // Reach the time quickly, then play at 10× for a moment so a 10× step is on its way when the run is replaced.
      if ((await nowS(page)) < atS - 5) {
        await setSpeed(page, '50×');
        await expect.poll(() => nowS(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(atS - 5);
      }
      await setSpeed(page, '10×');
      await expect.poll(() => nowS(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(atS);
      const before = (await samplesNow(page))!;
      await startSampling(page, 1200);
      await op.run(page, tryIndex);
      checkTry(await samples(page), before.nowS, 10, `${op.name} #${tryIndex} at t = ${before.nowS}`, firstNewOf(op, tryIndex), op.isNew(tryIndex));
      tryIndex++;
    }
    await setSpeed(page, 'Unthrottled');
    for (const atS of [60, 150]) {
      // Unthrottled, the run may have reached its end (and stopped) before the last try: play the new one.
      const play = page.getByRole('button', { name: 'Play', exact: true });
      if ((await play.isVisible()) && (await play.isEnabled())) await play.click();
      await expect.poll(() => nowS(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(atS);
      const before = (await samplesNow(page))!;
      await startSampling(page, 600);
      await op.run(page, tryIndex);
      checkTry(await samples(page), before.nowS, Infinity, `${op.name} #${tryIndex} unthrottled at t = ${before.nowS}`, firstNewOf(op, tryIndex), op.isNew(tryIndex));
      tryIndex++;
    }
    expect(problems).toEqual([]);
  });
}

/** One sample of the lab's clock now. */
async function samplesNow(page: Page): Promise<Sample | null> {
  return page.evaluate(() => {
    type S = { nowS: number; binS: number; series: { length: number }; recorded: { seed: number; duration: number } | null };
    const s = (window as unknown as { __labTest: { state(): S } }).__labTest.state();
    return { ms: 0, nowS: s.nowS, bins: s.series.length, binS: s.binS, seed: s.recorded?.seed ?? null, duration: s.recorded?.duration ?? null };
  });
}
