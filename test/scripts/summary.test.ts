import { describe, expect, it } from 'vitest';
import {
  addTallies,
  summaryLine,
  tallyCheck,
  tallyPlaywright,
  tallyVitest,
} from '../../scripts/lib/summary.mjs';

describe('tallyCheck', () => {
  it('counts a zero exit as one pass and any other as one failure', () => {
    expect(tallyCheck(0)).toMatchObject({ passed: 1, failed: 0 });
    expect(tallyCheck(2)).toMatchObject({ passed: 0, failed: 1, notes: ['exited with code 2'] });
  });
});

describe('tallyVitest', () => {
  const file = (status: string, tests: string[], message = '') => ({
    name: '/repo/test/x.test.ts',
    status,
    message,
    assertionResults: tests.map((s) => ({ status: s })),
  });

  it('counts passed, failed and skipped/todo tests across files', () => {
    const report = { testResults: [file('passed', ['passed', 'passed', 'skipped']), file('failed', ['failed', 'todo', 'passed'])] };
    expect(tallyVitest(report, 1)).toMatchObject({ passed: 3, failed: 1, skipped: 2 });
  });

  it('counts a file that failed to load as one failure, with its first message line', () => {
    const report = { testResults: [file('failed', [], '\u001b[31mError: Cannot find module x\u001b[39m\n  at y')] };
    expect(tallyVitest(report, 1)).toMatchObject({
      failed: 1,
      notes: ['/repo/test/x.test.ts: Error: Cannot find module x'],
    });
  });

  it('counts a non-zero exit with every test passing as one failure', () => {
    expect(tallyVitest({ testResults: [file('passed', ['passed'])] }, 1)).toMatchObject({ passed: 1, failed: 1 });
  });

  it('counts a missing report as one failure', () => {
    expect(tallyVitest(null, 0)).toMatchObject({ passed: 0, failed: 1 });
  });
});

describe('tallyPlaywright', () => {
  it('counts expected and flaky as passed, unexpected as failed', () => {
    const report = { stats: { expected: 3, flaky: 1, unexpected: 2, skipped: 1 }, errors: [] };
    expect(tallyPlaywright(report, 1)).toMatchObject({ passed: 4, failed: 2, skipped: 1, notes: ['1 flaky (passed on retry)'] });
  });

  it('counts an error outside any test (web server, setup) as one failure', () => {
    const report = { stats: { expected: 0, flaky: 0, unexpected: 0, skipped: 0 }, errors: [{ message: 'Error: Timed out waiting 120000ms from config.webServer.\nmore' }] };
    expect(tallyPlaywright(report, 1)).toMatchObject({
      failed: 1,
      notes: ['Error: Timed out waiting 120000ms from config.webServer.'],
    });
  });

  it('counts a missing report (config refused to load) as one failure', () => {
    expect(tallyPlaywright(null, 1)).toMatchObject({ failed: 1, notes: ['no JSON report (exit code 1)'] });
  });
});

describe('summaryLine', () => {
  it('adds the steps and mentions skipped tests only when there are some', () => {
    const total = addTallies([tallyCheck(0), tallyCheck(1), tallyVitest({ testResults: [] }, 0)]);
    expect(summaryLine(total)).toBe('1 passed, 1 failed');
    expect(summaryLine({ ...total, skipped: 2 })).toBe('1 passed, 1 failed, 2 skipped');
  });
});
