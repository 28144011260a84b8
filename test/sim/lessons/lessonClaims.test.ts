import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/sim/engine/runScenario';
import type { RunResult } from '../../../src/sim/engine/result';
import { fillText, LESSONS, rightAnswers, ruleHolds, stepFigures, stepRawScenario, type LessonStep } from '../../../src/sim/lessons/index';
import { parseScenario } from '../../../src/sim/scenario/parse';

// Every sentence of a lesson that states an outcome, and every prediction's right answer, is held
// against the step's run on several seeds, so the words cannot drift from the engine.
const SEEDS = [1, 2, 3, 4];

const cache = new Map<string, RunResult>();
function run(step: LessonStep, seed: number, over: Readonly<Record<string, unknown>> = {}): RunResult {
  const raw = stepRawScenario(step.scenario, seed, over);
  const key = JSON.stringify(raw);
  let r = cache.get(key);
  if (r === undefined) {
    r = runScenario(parseScenario(raw).scenario);
    cache.set(key, r);
  }
  return r;
}

const lessonRun = (r: RunResult) => ({ summary: r.summary, series: r.series, durationS: r.scenario.duration });

describe('every lesson\'s claims hold on every seed, and each prediction has one right answer', () => {
  for (const lesson of LESSONS) {
    it(lesson.id, () => {
      lesson.steps.forEach((step, k) => {
        const at = `${lesson.id} step ${k + 1}`;
        let right: number[] | null = null;
        for (const seed of SEEDS) {
          const r = run(step, seed);
          const figures = stepFigures(step, lessonRun(r));
          for (const c of step.claims) {
            const shown = Object.fromEntries(Object.entries(figures).map(([n, v]) => [n, v === null ? null : Number(v.toPrecision(4))]));
            expect(ruleHolds(c.rule, r.summary.verdict, figures), `${at} seed ${seed}: "${c.says}" (verdict ${r.summary.verdict}, ${JSON.stringify(shown)})`).toBe(true);
            // A quoted figure is one the run has: the filled sentence never says "n/a".
            expect(fillText(c.says, step, figures), `${at} seed ${seed}: "${c.says}" filled`).not.toContain('n/a');
          }
          if (step.prediction !== undefined) {
            const now = rightAnswers(step, r.summary.verdict, figures);
            expect(now, `${at} seed ${seed}: exactly one answer's rule holds`).toHaveLength(1);
            // The explanation is written for one outcome: the same answer is right on every seed.
            if (right !== null) expect(now, `${at} seed ${seed}: the same answer as on seed ${SEEDS[0]}`).toEqual(right);
            right = now;
            expect(fillText(step.prediction.explanation, step, figures)).not.toMatch(/\{|n\/a/);
          }
        }
      });
    });
  }
});

describe('every task is reached by its example change and not reached without it', () => {
  for (const lesson of LESSONS) {
    const tasks = lesson.steps.flatMap((s, k) => (s.task !== undefined ? [{ step: s, k, task: s.task }] : []));
    if (tasks.length === 0) continue;
    it(lesson.id, () => {
      for (const { step, k, task } of tasks) {
        for (const seed of SEEDS.slice(0, 2)) {
          const before = run(step, seed);
          const after = run(step, seed, task.example);
          const reached = (r: RunResult) => ruleHolds(task.rule, r.summary.verdict, stepFigures(step, lessonRun(r)));
          expect(reached(before), `${lesson.id} step ${k + 1} seed ${seed}: not reached as the step opens`).toBe(false);
          expect(reached(after), `${lesson.id} step ${k + 1} seed ${seed}: reached with ${JSON.stringify(task.example)}`).toBe(true);
        }
      }
    });
  }
});

describe('the check catches a claim the run contradicts', () => {
  it('a storm said to recover, and a prediction whose answers overlap', () => {
    const step = LESSONS[0]!.steps[1]!;
    const r = run(step, 1);
    const figures = stepFigures(step, lessonRun(r));
    expect(ruleHolds({ all: [{ verdict: ['recovered'] }, { figure: 'recovery', max: 60 }] }, r.summary.verdict, figures)).toBe(false);
    expect(ruleHolds({ figure: 'goodAfter', min: 0.5 }, r.summary.verdict, figures)).toBe(false);
    const overlapping = { ...step, prediction: { ...step.prediction!, answers: [...step.prediction!.answers, { text: 'x', rule: { verdict: ['metastable'] as const } }] } };
    expect(rightAnswers(overlapping, r.summary.verdict, figures)).toHaveLength(2);
  });
});
