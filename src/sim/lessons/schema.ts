import * as v from 'valibot';
import { SERIES_NAMES, type Verdict } from '../engine/result';
import { findPreset } from '../scenario/presets/index';
import { isSettablePath } from '../scenario/settable';
import { placeholders } from './figures';
import { FIGURE_FORMATS, LESSON_CHARTS, SUMMARY_FIGURES, type Lesson, type LessonStep, type Rule } from './types';

// Lessons are data: each is checked here before the page or a test uses it. A problem names the
// field (`steps[1].prediction.answers`) and what it allows.

const VERDICTS: readonly Verdict[] = ['stable', 'recovered', 'metastable', 'overloaded', 'unresolved'];
const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `at most ${max} characters`));
const seconds = v.pipe(v.number('must be a number of seconds'), v.finite(), v.minValue(0, 'must be 0 or more'));
const finiteNumber = v.pipe(v.number('must be a number'), v.finite('must be finite'));
const plainObject = v.record(v.string(), v.unknown());

const ruleSchema: v.GenericSchema<Rule> = v.lazy(() =>
  v.union(
    [
      v.strictObject({ verdict: v.pipe(v.array(v.picklist(VERDICTS, `one of ${VERDICTS.join(', ')}`)), v.minLength(1), v.readonly()) }),
      v.strictObject({ figure: v.string(), min: v.optional(finiteNumber), max: v.optional(finiteNumber) }),
      v.strictObject({ all: v.pipe(v.array(ruleSchema), v.minLength(1), v.readonly()) }),
    ],
    'must be { verdict: [...] }, { figure, min?, max? } or { all: [...] }',
  ),
);

const figureSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('summary'), field: v.picklist(SUMMARY_FIGURES, `one of ${SUMMARY_FIGURES.join(', ')}`), format: v.picklist(FIGURE_FORMATS) }),
  v.strictObject({
    kind: v.literal('window'),
    measure: v.picklist([...SERIES_NAMES, 'goodputShare', 'wastedShare'], 'a series name, goodputShare or wastedShare'),
    stat: v.optional(v.picklist(['mean', 'max', 'min'])),
    from: seconds,
    to: v.optional(seconds),
    format: v.picklist(FIGURE_FORMATS, `one of ${FIGURE_FORMATS.join(', ')}`),
  }),
]);

const chart = v.picklist(LESSON_CHARTS, `one of ${LESSON_CHARTS.join(', ')}`);

const highlightSchema = v.variant('target', [
  v.strictObject({ target: v.literal('band'), chart, from: seconds, to: seconds, label: text(60) }),
  v.strictObject({ target: v.literal('moment'), chart, at: seconds, label: text(60) }),
  v.strictObject({ target: v.literal('control'), control: v.string(), label: text(60) }),
]);

const stepSchema = v.strictObject({
  title: text(60),
  text: text(600),
  outcome: v.optional(text(600)),
  scenario: v.strictObject({
    preset: v.string(),
    set: v.optional(plainObject),
    triggers: v.optional(v.pipe(v.array(v.unknown()), v.readonly())),
    actions: v.optional(v.pipe(v.array(v.unknown()), v.readonly())),
    duration: v.optional(v.pipe(seconds, v.minValue(1, 'must be at least 1 s'))),
  }),
  show: v.strictObject({
    charts: v.pipe(v.array(chart), v.minLength(1, 'show at least one chart'), v.readonly()),
    controls: v.pipe(v.array(v.string()), v.readonly()),
  }),
  figures: v.record(v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a figure name is letters and digits')), figureSchema),
  claims: v.pipe(v.array(v.strictObject({ says: text(300), rule: ruleSchema })), v.readonly()),
  prediction: v.optional(
    v.strictObject({
      question: text(200),
      answers: v.pipe(v.array(v.strictObject({ text: text(120), rule: ruleSchema })), v.minLength(2, '2 to 4 answers'), v.maxLength(4, '2 to 4 answers'), v.readonly()),
      explanation: text(600),
    }),
  ),
  task: v.optional(
    v.strictObject({
      goal: text(200),
      rule: ruleSchema,
      hint: text(200),
      hintAfter: v.pipe(seconds, v.minValue(1, 'must be at least 1 s')),
      example: plainObject,
    }),
  ),
  highlight: v.optional(highlightSchema),
  cure: v.optional(v.boolean()),
});

const lessonSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')),
  number: v.pipe(v.number(), v.integer('a whole number'), v.minValue(1, 'from 1 to 9'), v.maxValue(9, 'from 1 to 9')),
  title: text(80),
  takeaway: text(200),
  steps: v.pipe(v.array(stepSchema), v.minLength(2, 'at least 2 steps'), v.maxLength(12, 'at most 12 steps'), v.readonly()),
});

/** A lesson refused: `field` names where (`steps[1].prediction.answers`), `message` says what is allowed. */
export class LessonError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'LessonError';
  }
}

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).reduce<string>((acc, p) => (typeof p.key === 'number' ? `${acc}[${p.key}]` : acc === '' ? String(p.key) : `${acc}.${String(p.key)}`), '');
}

function ruleFigures(rule: Rule): string[] {
  if ('all' in rule) return rule.all.flatMap(ruleFigures);
  return 'figure' in rule ? [rule.figure] : [];
}

/** Cross-field checks: presets and controls exist, placeholders and rules name the step's figures, claims quote the step. */
function checkStep(step: LessonStep, at: string): void {
  const fail = (field: string, detail: string): never => {
    throw new LessonError(`${at}.${field}`, detail);
  };
  if (findPreset(step.scenario.preset) === undefined) fail('scenario.preset', `no preset "${step.scenario.preset}"`);
  for (const path of Object.keys(step.scenario.set ?? {})) if (!isSettablePath(path)) fail(`scenario.set["${path}"]`, 'not a settable field');
  step.show.controls.forEach((c, i) => {
    if (!isSettablePath(c)) fail(`show.controls[${i}]`, `"${c}" is not a settable field`);
  });
  const named = new Set(Object.keys(step.figures));
  const texts: [string, string][] = [['text', step.text]];
  if (step.outcome !== undefined) texts.push(['outcome', step.outcome]);
  if (step.prediction !== undefined) texts.push(['prediction.explanation', step.prediction.explanation]);
  for (const [field, t] of texts) for (const p of placeholders(t)) if (!named.has(p)) fail(field, `{${p}} is not one of the step's figures`);
  const checkRule = (rule: Rule, field: string) => {
    for (const f of ruleFigures(rule)) if (!named.has(f)) fail(field, `figure "${f}" is not one of the step's figures`);
  };
  const all = texts.map(([, t]) => t).join('\n');
  step.claims.forEach((c, i) => {
    if (!all.includes(c.says)) fail(`claims[${i}].says`, 'must be a passage of the step\'s text, outcome or explanation, word for word');
    checkRule(c.rule, `claims[${i}].rule`);
  });
  step.prediction?.answers.forEach((a, i) => checkRule(a.rule, `prediction.answers[${i}].rule`));
  if (step.task !== undefined) {
    checkRule(step.task.rule, 'task.rule');
    if (step.show.controls.length === 0) fail('show.controls', 'a step with a task unlocks at least one control');
    for (const path of Object.keys(step.task.example)) if (!step.show.controls.includes(path)) fail(`task.example["${path}"]`, 'must be one of the unlocked controls');
  }
  const h = step.highlight;
  if (h?.target === 'band' && h.to <= h.from) fail('highlight.to', 'must be after highlight.from');
  if (h?.target === 'control' && !step.show.controls.includes(h.control)) fail('highlight.control', 'must be one of the unlocked controls');
}

/** A lesson checked field by field; throws a LessonError naming the first field at fault. */
export function parseLesson(raw: unknown): Lesson {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new LessonError('lesson', 'must be an object');
  const r = v.safeParse(lessonSchema, raw);
  if (!r.success) {
    const issue = r.issues[0];
    throw new LessonError(pathOf(issue) || 'lesson', issue.message);
  }
  const lesson = r.output as Lesson;
  lesson.steps.forEach((s, i) => checkStep(s, `steps[${i}]`));
  const last = lesson.steps[lesson.steps.length - 1]!;
  if (last.cure !== true) throw new LessonError(`steps[${lesson.steps.length - 1}].cure`, 'the last step shows the cure (cure: true)');
  return lesson;
}
