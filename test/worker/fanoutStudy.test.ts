import { describe, expect, it } from 'vitest';
import { fanoutClosedForm, measureFanout, parseScenario, studyObjective, type FanoutPoint } from '../../src/sim/index';
import { fanoutWidths } from '../../src/state/index';
import { runFanoutStudy, type StudyProgress, type StudyRunner } from '../../src/worker/index';
import { FANOUT_INPUT as input } from './fanoutInput';

/** The study worker's API, in-process, with a log of the calls made. */
function runner(log: string[], fail = false): StudyRunner {
  const later = <T>(f: () => T): Promise<T> => Promise.resolve().then(f);
  return {
    objective: (input) => later(() => (log.push('objective'), studyObjective(parseScenario(input).scenario))),
    point: (input, n, slo) =>
      later((): FanoutPoint => {
        log.push(`point ${n}`);
        if (fail && n === 2) throw new Error('fanout.n: expected at most 1000, got 2000');
        return measureFanout(parseScenario(input).scenario, n, slo);
      }),
    closedForm: (input, p1, widths) => later(() => (log.push('closedForm'), widths.map((n) => fanoutClosedForm(parseScenario(input).scenario, n, p1)))),
  };
}


describe('runFanoutStudy', () => {
  it('widths: a 1-2-5 ladder up to 100, with the scenario’s own width', () => {
    expect(fanoutWidths(3)).toEqual([1, 2, 3, 5, 10, 20, 50, 100]);
    expect(fanoutWidths(300)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 300]);
  });

  it('reports the objective, then each width in order, with the closed form once width 1 is in', async () => {
    const log: string[] = [];
    const seen: StudyProgress[] = [];
    await runFanoutStudy(runner(log), input, [1, 2, 3], [1, 2, 3], (p) => seen.push(p)).done;
    expect(log).toEqual(['objective', 'point 1', 'closedForm', 'point 2', 'point 3']);
    expect(seen.map((p) => p.points.map((q) => q.n))).toEqual([[], [1], [1, 2], [1, 2, 3]]);
    const last = seen[seen.length - 1]!;
    expect(last.pending).toEqual([]);
    expect(last.error).toBeNull();
    expect(last.curve?.p1).toBe(last.points[0]?.sloMiss);
    expect(last.curve?.slow[0]).toBeCloseTo(last.curve?.p1 ?? NaN, 12);
  });

  it('stops between points once cancelled, and reports nothing after', async () => {
    const log: string[] = [];
    const seen: StudyProgress[] = [];
    const handle = runFanoutStudy(runner(log), input, [1, 2, 3], [1], (p) => {
      seen.push(p);
      if (p.points.length === 1) handle.cancel();
    });
    await handle.done;
    expect(seen.map((p) => p.points.length)).toEqual([0, 1]);
    expect(log).not.toContain('point 3');
  });

  it('reports a failure with its message and keeps the points measured before it', async () => {
    const seen: StudyProgress[] = [];
    await runFanoutStudy(runner([], true), input, [1, 2, 3], [1], (p) => seen.push(p)).done;
    const last = seen[seen.length - 1]!;
    expect(last.error).toContain('fanout.n');
    expect(last.points.map((p) => p.n)).toEqual([1]);
  });
});
