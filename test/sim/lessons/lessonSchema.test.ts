import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/sim/engine/runScenario';
import { parseScenario, PRESET_PAIRS, PRESETS } from '../../../src/sim/format';
import { fillText, formatFigure, LessonError, LESSONS, parseLesson, ruleHolds } from '../../../src/sim/lessons/index';

const lesson1 = LESSONS[0]!;
type Node = Record<string, unknown>;

/** The node at a dotted path of a plain-JSON copy (`steps.1.prediction`). */
function at(root: unknown, path: string): Node {
  return path.split('.').reduce<unknown>((n, k) => (n as Node)[k], root) as Node;
}
/** Lesson 1 as plain JSON with the field at `path` replaced by `value` (removed when undefined). */
function broken(path: string, value: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(lesson1));
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.length > 0 ? at(copy, keys.join('.')) : (copy as Node);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}
const answers = lesson1.steps[1]!.prediction!.answers;
function refusal(raw: unknown): LessonError {
  try {
    parseLesson(raw);
  } catch (e) {
    if (e instanceof LessonError) return e;
    throw e;
  }
  throw new Error('the lesson was accepted');
}

describe('the lessons', () => {
  it('are one per lesson of the product, numbered 1 to 9 in order, with unique ids', () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    expect(LESSONS[0]!.id).toBe('retry-storm');
  });

  it('each end in a cure and a one-line takeaway, and each has a prediction', () => {
    for (const l of LESSONS) {
      expect(l.steps.at(-1)!.cure, l.id).toBe(true);
      expect(l.takeaway, l.id).not.toContain('\n');
      expect(l.steps.some((s) => s.prediction !== undefined || s.task !== undefined), `${l.id}: a prediction or a task`).toBe(true);
    }
  });

  it('use presets of their own lesson or of the lessons before it for the run they teach from', () => {
    const byId = new Map(PRESETS.map((p) => [p.id, p]));
    for (const l of LESSONS) {
      const own = l.steps.filter((s) => byId.get(s.scenario.preset)!.lesson === l.number);
      expect(own.length, `${l.id}: at least one step runs a preset of lesson ${l.number}`).toBeGreaterThan(0);
    }
  });

  it('pass the schema again from plain JSON (what a lesson file would hold)', () => {
    for (const l of LESSONS) expect(parseLesson(JSON.parse(JSON.stringify(l)))).toEqual(l);
  });
});

describe('an invalid lesson is refused, naming the field', () => {
  const cases: [string, string, unknown, string, RegExp][] = [
    ['a step without a title', 'steps.0.title', undefined, 'steps[0].title', /./],
    ['five answers', 'steps.1.prediction.answers', [...answers, ...answers.slice(0, 2)], 'steps[1].prediction.answers', /2 to 4/],
    ['one answer', 'steps.1.prediction.answers', answers.slice(0, 1), 'steps[1].prediction.answers', /2 to 4/],
    ['an unknown preset', 'steps.2.scenario.preset', 'retry-strom', 'steps[2].scenario.preset', /no preset/],
    ['a placeholder that is no figure', 'steps.0.outcome', 'goodput {nothing}', 'steps[0].outcome', /\{nothing\}/],
    ['a claim not in the text', 'steps.1.claims.0.says', 'it recovers', 'steps[1].claims[0].says', /word for word/],
    ['a rule on a missing figure', 'steps.1.claims.0.rule', { figure: 'nope', max: 1 }, 'steps[1].claims[0].rule', /nope/],
    ['a control that is not settable', 'steps.3.show.controls', ['load.ratee'], 'steps[3].show.controls[0]', /settable/],
    ['a task example on a locked control', 'steps.3.task.example', { 'server.concurrency': 60 }, 'steps[3].task.example["server.concurrency"]', /unlocked/],
    ['an unknown chart', 'steps.0.show.charts', ['pie'], 'steps[0].show.charts[0]', /one of load/],
    ['a band that ends before it starts', 'steps.1.highlight', { target: 'band', chart: 'load', from: 70, to: 60, label: 'x' }, 'steps[1].highlight.to', /after/],
    ['an unknown key', 'steps.0.script', 'alert(1)', 'steps[0].script', /./],
    ['a last step that is not a cure', 'steps.4.cure', undefined, 'steps[4].cure', /cure/],
    ['a lesson number out of range', 'number', 10, 'number', /1 to 9/],
    ['an id with spaces', 'id', 'retry storm', 'id', /hyphens/],
  ];
  for (const [name, path, value, field, message] of cases) {
    it(name, () => {
      const e = refusal(broken(path, value));
      expect(e.field).toBe(field);
      expect(e.detail).toMatch(message);
      expect(e.message.startsWith(`${field}: `)).toBe(true);
    });
  }
  it('not an object at all', () => {
    expect(refusal(null).field).toBe('lesson');
    expect(refusal([1, 2]).field).toBe('lesson');
  });
});

describe('figures in words', () => {
  it('formats each kind of figure', () => {
    expect(formatFigure(0.931, 'percent')).toBe('93%');
    expect(formatFigure(0.0069, 'percent')).toBe('0.7%');
    expect(formatFigure(0, 'percent')).toBe('0%');
    expect(formatFigure(139, 'seconds')).toBe('139 s');
    expect(formatFigure(2.266, 'seconds')).toBe('2.3 s');
    expect(formatFigure(0.4941, 'ms')).toBe('494 ms');
    expect(formatFigure(0.00712, 'ms')).toBe('7.1 ms');
    expect(formatFigure(300.9, 'rate')).toBe('301 per second');
    expect(formatFigure(2.0041, 'times')).toBe('2.00×');
    expect(formatFigure(122100, 'count')).toBe('122,100');
    expect(formatFigure(null, 'count')).toBe('n/a');
  });

  it('fills placeholders from the figures, or marks them pending before the run ends', () => {
    const step = { figures: { a: { kind: 'summary', field: 'goodputShare', format: 'percent' } } } as const;
    expect(fillText('goodput {a}, {b}', step, { a: 0.5 })).toBe('goodput 50%, {b}');
    expect(fillText('goodput {a}', step, null)).toBe('goodput …');
  });

  it('judges rules by verdict, range and all-of; a missing figure fails', () => {
    expect(ruleHolds({ verdict: ['recovered'] }, 'recovered', {})).toBe(true);
    expect(ruleHolds({ figure: 'x', min: 1, max: 2 }, 'stable', { x: 2 })).toBe(true);
    expect(ruleHolds({ figure: 'x', min: 1, max: 2 }, 'stable', { x: 2.5 })).toBe(false);
    expect(ruleHolds({ figure: 'x', min: 0 }, 'stable', { x: null })).toBe(false);
    expect(ruleHolds({ all: [{ verdict: ['stable'] }, { figure: 'x', max: 0 }] }, 'stable', { x: 1 })).toBe(false);
  });
});

describe('the gallery\'s broken and cured pairs', () => {
  it('pair a run that is worse, as the pair says, with its cure, both real presets under an existing lesson', () => {
    const byId = new Map(PRESETS.map((p) => [p.id, p]));
    const run = (id: string) => runScenario(parseScenario(byId.get(id)!.scenario).scenario).summary;
    for (const pair of PRESET_PAIRS) {
      const broken = byId.get(pair.broken);
      const cure = byId.get(pair.cure);
      expect(broken, pair.broken).toBeDefined();
      expect(cure, pair.cure).toBeDefined();
      expect(LESSONS.some((l) => l.number === pair.lesson)).toBe(true);
      if (pair.by === 'verdict') {
        expect(['metastable', 'overloaded'], `${pair.broken} is broken`).toContain(broken!.expected);
        expect(['stable', 'recovered'], `${pair.cure} is cured`).toContain(cure!.expected);
      } else if (pair.by === 'tail') {
        expect(run(pair.broken).latency.p999!, `${pair.broken}'s tail is longer`).toBeGreaterThan(10 * run(pair.cure).latency.p999!);
      } else {
        expect(run(pair.broken).counts.failed, `${pair.broken} fails more`).toBeGreaterThan(10 * Math.max(1, run(pair.cure).counts.failed));
      }
    }
  });
});
