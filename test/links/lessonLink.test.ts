import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../src/links/index';
import { LESSONS, parseScenario, stepRawScenario } from '../../src/sim/format';

describe('lesson links', () => {
  it('#lesson=retry-storm&step=2 opens the step\'s own scenario, with the lesson step', () => {
    const r = decodeLink('#lesson=retry-storm&step=2&speed=max');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.source).toBe('lesson');
    expect(r.state.lesson).toEqual({ id: 'retry-storm', step: 2 });
    expect(r.state.scenario).toEqual(parseScenario(stepRawScenario(LESSONS[0]!.steps[1]!.scenario)).scenario);
    expect(r.state.view).toEqual({ speed: Infinity });
    expect(r.notices).toEqual([]);
  });

  it('every lesson and every step opens, and writes itself back as the same link', () => {
    for (const lesson of LESSONS) {
      lesson.steps.forEach((_, k) => {
        const hash = `#lesson=${lesson.id}&step=${k + 1}`;
        const r = decodeLink(hash);
        expect(r.ok, hash).toBe(true);
        if (!r.ok) return;
        expect(r.state.lesson).toEqual({ id: lesson.id, step: k + 1 });
        expect(encodeLink(r.state)).toBe(hash);
      });
    }
  });

  it('carries a seed, and falls back to the scenario itself when the learner changed it', () => {
    const r = decodeLink('#lesson=goodput&step=1&seed=7');
    expect(r.ok && r.state.scenario.seed).toBe(7);
    if (!r.ok) return;
    expect(encodeLink(r.state)).toBe('#lesson=goodput&step=1&seed=7');
    const changed = { ...r.state, scenario: { ...r.state.scenario, load: { ...r.state.scenario.load, rate: 100 } } };
    expect(encodeLink(changed)).toMatch(/^#v1=/);
  });

  it('an unknown lesson is refused with a message naming it', () => {
    const r = decodeLink('#lesson=<script>alert(1)</script>&step=1');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('unknown-lesson');
    expect(r.error).toContain('"<script>alert(1)</script>"');
  });

  it('a bad step opens the first step with a notice naming the range', () => {
    for (const step of ['0', '6', '-1', '2.5', 'two', '', '1e3', '9999']) {
      const r = decodeLink(`#lesson=retry-storm&step=${step}`);
      expect(r.ok, step).toBe(true);
      if (!r.ok) continue;
      expect(r.state.lesson).toEqual({ id: 'retry-storm', step: 1 });
      expect(r.notices).toEqual([`step: got ${JSON.stringify(step)}, expected a whole number from 1 to 5; step 1 opened`]);
    }
  });

  it('a lesson beside a preset or a scenario is damaged; a bad seed is refused by name', () => {
    expect(decodeLink('#lesson=retry-storm&preset=mm1').ok).toBe(false);
    const r = decodeLink('#lesson=retry-storm&step=1&seed=-1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('seed');
  });
});
