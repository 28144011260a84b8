import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSONS, type LessonStep } from '../../src/sim/format';
import { openLink, shot } from './lab';

const panel = (page: Page) => page.locator('section.lesson-panel');

/**
 * Click a box to `value`. The box shows the run's parameters, which change once the worker has taken the change, so the
 * click is checked by waiting for the box rather than by Playwright's setChecked (which wants the state at once).
 */
async function setBox(box: Locator, value: boolean): Promise<void> {
  if ((await box.isChecked()) !== value) await box.click();
  await expect(box).toBeChecked({ checked: value });
}

/** Move the unlocked control at `path` to `value` the way a learner would: keys on a slider, a click on a box, a choice in a list. */
async function drive(page: Page, path: string, value: unknown): Promise<void> {
  const p = panel(page);
  if (typeof value === 'boolean') {
    await setBox(p.locator(`input[type="checkbox"][data-path="${path}"]`), value);
    return;
  }
  if (typeof value === 'string') {
    await p.locator(`select[data-path="${path}"]`).selectOption(value);
    return;
  }
  const box = p.locator(`input[type="checkbox"][data-path="${path}"]`);
  if ((await box.count()) > 0) await setBox(box, true);
  const slider = p.locator(`input[type="range"][data-path="${path}"]`);
  await expect(slider).toBeVisible();
  const step = Number(await slider.getAttribute('step'));
  for (let i = 0; i < 200; i++) {
    const now = Number(await slider.inputValue());
    if (now === value) return;
    await slider.press(now > (value as number) ? 'ArrowLeft' : 'ArrowRight');
    await expect.poll(async () => Number(await slider.inputValue())).toBe(now + (now > (value as number) ? -step : step));
  }
  throw new Error(`${path} did not reach ${String(value)}`);
}

/** Play one step as a learner: predict (checking nothing is revealed first), read the outcome, do the task both ways. */
async function playStep(page: Page, id: string, k: number, step: LessonStep, n: number): Promise<void> {
  const p = panel(page);
  await expect(p).toHaveAttribute('data-step', String(k + 1));
  await expect(p.locator('.lesson-count')).toHaveText(`Step ${k + 1} of ${n}`);
  await expect(p.getByRole('heading', { name: step.title })).toBeVisible();
  if (step.prediction !== undefined) {
    // Offered before the reveal: the run waits, the answers are open and nothing says what happened.
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expect(p.locator('.lesson-reveal')).toHaveCount(0);
    const answers = p.locator('.lesson-answer');
    await expect(answers).toHaveCount(step.prediction.answers.length);
    await answers.first().click();
    const reveal = p.locator('.lesson-reveal');
    await expect(reveal).toBeVisible({ timeout: 60_000 });
    const text = await reveal.innerText();
    expect(text, `${id} step ${k + 1}: the explanation quotes the run's numbers`).toMatch(/\d/);
    expect(text).not.toMatch(/[{}…]|n\/a/);
    await expect(p.locator('.lesson-answer.right')).toHaveCount(1);
  }
  if (step.outcome !== undefined) {
    const outcome = p.locator('.lesson-outcome');
    await expect(outcome).toBeVisible({ timeout: 60_000 });
    expect(await outcome.innerText()).not.toMatch(/[{}…]|n\/a/);
  }
  if (step.task !== undefined) {
    const status = p.locator('.lesson-task-status');
    await expect(status).toHaveText(/Not reached yet/, { timeout: 60_000 });
    for (const [path, value] of Object.entries(step.task.example)) await drive(page, path, value);
    await expect(status).toHaveText(/^Reached/, { timeout: 60_000 });
  }
}

test('#lesson=retry-storm&step=2 opens that step; the prediction is offered before the run goes on, and the reveal quotes the run', async ({ page }) => {
  await openLink(page, '#lesson=retry-storm&step=2&speed=max');
  const p = panel(page);
  await expect(p.getByRole('heading', { name: 'A 10-second outage' })).toBeVisible();
  await expect(p.locator('.lesson-count')).toHaveText('Step 2 of 5');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await p.getByRole('button', { name: 'It stays broken for the rest of the run' }).click();
  await expect(p.locator('.lesson-reveal')).toContainText('You predicted it.', { timeout: 60_000 });
  await expect(p.locator('.lesson-reveal')).toContainText(/answered only \d+(\.\d)?% of the offered load, yet the server completed \d{3} per second/, { useInnerText: true });
  await expect(page).toHaveURL(/#lesson=retry-storm&step=2/);
});

test('a bad lesson id or step gives a notice and the lab keeps working', async ({ page }) => {
  await openLink(page, '#lesson=no-such-lesson&step=2');
  await expect(page.getByText(/names a lesson this version does not have: "no-such-lesson"/)).toBeVisible();
  await expect(panel(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await openLink(page, '#lesson=goodput&step=9');
  await expect(page.getByText(/step: got "9", expected a whole number from 1 to 3; step 1 opened/)).toBeVisible();
  await expect(panel(page).locator('.lesson-count')).toHaveText('Step 1 of 3');
});

test('every lesson step opens from its link', async ({ page }) => {
  for (const lesson of LESSONS) {
    for (let k = 0; k < lesson.steps.length; k++) {
      await openLink(page, `#lesson=${lesson.id}&step=${k + 1}`);
      await expect(panel(page)).toHaveAttribute('data-lesson', lesson.id);
      await expect(panel(page).locator('.lesson-count')).toHaveText(`Step ${k + 1} of ${lesson.steps.length}`);
    }
  }
});

for (const lesson of LESSONS) {
  test(`lesson ${lesson.number} (${lesson.id}) runs end to end`, async ({ page }) => {
    await openLink(page, `#lesson=${lesson.id}&step=1&speed=max`);
    for (let k = 0; k < lesson.steps.length; k++) {
      await playStep(page, lesson.id, k, lesson.steps[k]!, lesson.steps.length);
      if (k + 1 < lesson.steps.length) await panel(page).getByRole('button', { name: 'Next' }).click();
    }
    await expect(panel(page).locator('.lesson-takeaway')).toContainText(lesson.takeaway, { timeout: 60_000 });
    await expect(panel(page).getByRole('button', { name: 'Next' })).toBeDisabled();
  });
}

test('the gallery starts a lesson, keeps progress, and opens a broken/cured pair in Compare', async ({ page }) => {
  await page.goto('./#preset=retry-storm&tab=presets&speed=max');
  await expect(page.getByRole('heading', { level: 2, name: 'Presets' })).toBeVisible({ timeout: 30_000 });
  const group = page.locator('section.gallery-lesson[data-lesson="cache-flush"]');
  await group.getByRole('button', { name: /Start the lesson/ }).click();
  await expect(panel(page).getByRole('heading', { name: 'A cache in front' })).toBeVisible();
  await panel(page).getByRole('button', { name: 'Next' }).click();
  await expect(panel(page).locator('.lesson-count')).toHaveText('Step 2 of 4');
  await page.reload();
  await expect(panel(page).locator('.lesson-count')).toHaveText('Step 2 of 4', { timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Presets' }).click();
  await expect(group.getByRole('button', { name: /Continue the lesson at step 2/ })).toBeVisible();
  await group.locator('button[data-pair="cache-flush+cache-read-through"]').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Compare' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.compare')).toContainText('A cache that refills from late answers', { timeout: 30_000 });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation on the lesson panel in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openLink(page, '#lesson=retry-storm&step=2&speed=max');
    await panel(page).locator('.lesson-answer').last().click();
    await expect(panel(page).locator('.lesson-reveal')).toBeVisible({ timeout: 60_000 });
    const results = await new AxeBuilder({ page }).include('section.lesson-panel').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('screenshots of the first three steps of lesson 1', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openLink(page, '#lesson=retry-storm&step=1&speed=max');
  await expect(panel(page).locator('.lesson-outcome')).toBeVisible({ timeout: 60_000 });
  await shot(page, 'lesson-1-step-1');
  await panel(page).getByRole('button', { name: 'Next' }).click();
  await expect(panel(page).locator('.lesson-answer').first()).toBeVisible();
  await shot(page, 'lesson-1-step-2-before');
  await panel(page).getByRole('button', { name: 'It stays broken for the rest of the run' }).click();
  await expect(panel(page).locator('.lesson-reveal')).toBeVisible({ timeout: 60_000 });
  await shot(page, 'lesson-1-step-2-after');
  await panel(page).getByRole('button', { name: 'Next' }).click();
  await panel(page).locator('.lesson-answer').nth(1).click();
  await expect(panel(page).locator('.lesson-reveal')).toBeVisible({ timeout: 60_000 });
  await shot(page, 'lesson-1-step-3');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the glossary works by keyboard from a term and as a dialog; axe passes on both and on presenter mode (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openLink(page, '#lesson=goodput&step=1&speed=max');
    const axe = async (include: string) => {
      const results = await new AxeBuilder({ page }).include(include).analyze();
      return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`);
    };
    // A term in the step's text: focus it, Enter opens its definition, Esc closes it.
    const term = panel(page).locator('.lesson-text .term-button', { hasText: 'capacity' });
    await term.focus();
    await page.keyboard.press('Enter');
    const pop = panel(page).locator('.lesson-text .term-pop').filter({ hasText: 'capacity:' });
    await expect(pop).toBeVisible();
    expect(await axe('section.lesson-panel')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(pop).toBeHidden();
    await page.getByRole('button', { name: 'Glossary' }).click();
    const dialog = page.getByRole('dialog', { name: 'Glossary' });
    await expect(dialog.getByText('amplification', { exact: true })).toBeVisible();
    expect(await axe('dialog')).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Presenter mode: the step's text large, and the trainer may hold the answer back.
    await page.getByRole('button', { name: 'Presenter' }).click();
    await expect(panel(page)).toHaveClass(/lesson-large/);
    await panel(page).getByLabel('Hold the answer until I reveal it').check();
    await panel(page).locator('.lesson-answer').last().click();
    const reveal = panel(page).getByRole('button', { name: 'Reveal the answer' });
    await expect(reveal).toBeVisible({ timeout: 60_000 });
    await expect(panel(page).locator('.lesson-reveal')).toHaveCount(0);
    expect(await axe('section.lesson-panel')).toEqual([]);
    await reveal.click();
    await expect(panel(page).locator('.lesson-reveal')).toContainText('You predicted it.');
    if (theme === 'light') await shot(page, 'lesson-presenter');
  });
}

test('an embed opens a lesson step with its panel beside the charts', async ({ page }) => {
  await page.goto('./#lesson=retry-storm&step=2&embed=1&speed=max');
  const p = panel(page);
  await expect(p.getByRole('heading', { name: 'A 10-second outage' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.click-to-run')).toHaveCount(0);
  await p.locator('.lesson-answer').last().click();
  await expect(p.locator('.lesson-reveal')).toBeVisible({ timeout: 60_000 });
  const box = await p.boundingBox();
  const charts = await page.locator('.charts').boundingBox();
  expect(box!.x).toBeGreaterThan(charts!.x + charts!.width / 2);
  await shot(page, 'lesson-embed');
});

test('a WebM clip of a chosen range plays back for frames / fps seconds at the clip size', async ({ page }) => {
  await openLink(page, '#lesson=retry-storm&step=2&speed=max');
  await panel(page).locator('.lesson-answer').last().click();
  await expect(panel(page).locator('.lesson-reveal')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Clip…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Video clip' });
  await dialog.getByLabel('From (s)').fill('60');
  await dialog.getByLabel('To (s)').fill('100');
  await dialog.getByLabel('Frames per second').fill('10');
  await dialog.getByLabel('Speed (simulated s per video s)').fill('4');
  await expect(dialog.getByRole('status')).toHaveText('100 frames: 10.00 s of video.');
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Record clip' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/-60-100s\.webm$/);
  const bytes = await (await file.createReadStream()).toArray();
  const base64 = Buffer.concat(bytes as Buffer[]).toString('base64');
  const read = await page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
    await new Promise((resolve, reject) => {
      video.onloadeddata = resolve;
      video.onerror = () => reject(new Error(`the browser could not read the clip (${video.error?.message ?? 'no detail'})`));
    });
    const duration = video.duration;
    video.currentTime = 5;
    await new Promise((resolve) => (video.onseeked = resolve));
    return { duration, width: video.videoWidth, height: video.videoHeight, canPlay: video.canPlayType('video/webm; codecs="vp8"') };
  }, base64);
  expect(read).toEqual({ duration: 10, width: 960, height: 540, canPlay: 'probably' });
});
