import { describe, expect, it } from 'vitest';
import { planStart } from '../../src/state/index';

describe('opening the page on a lesson link', () => {
  it('a prediction step opens paused (the learner answers first); another step plays; both carry the step', () => {
    const predicts = planStart('#lesson=retry-storm&step=2', null);
    expect(predicts.source).toBe('link');
    expect(predicts.lesson).toEqual({ id: 'retry-storm', step: 2 });
    expect(predicts.opening?.play).toBe(false);
    const plays = planStart('#lesson=retry-storm&step=1&embed=1', null);
    expect(plays.lesson).toEqual({ id: 'retry-storm', step: 1 });
    // In an embed too: a lesson's steps say when the run goes on, not a click.
    expect(plays.opening?.play).toBe(true);
  });

  it('an unknown lesson falls back to the default scenario with the message; no lesson opens', () => {
    const plan = planStart('#lesson=nope&step=1', null);
    expect(plan.source).toBe('default');
    expect(plan.lesson).toBeNull();
    expect(plan.notice?.text).toMatch(/lesson this version does not have: "nope"/);
  });
});
