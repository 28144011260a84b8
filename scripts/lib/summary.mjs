/**
 * Counting for `npm test`: turns each step's exit code and JSON report into passed / failed / skipped.
 * Plain Node, no dependencies, so it works before anything but Node is installed.
 */

/** @typedef {{ passed: number, failed: number, skipped: number, notes: string[] }} Tally */

/** @returns {Tally} */
export function emptyTally() {
  return { passed: 0, failed: 0, skipped: 0, notes: [] };
}

/**
 * A step that is one check (typecheck, lint): it passed iff it exited with 0.
 * @param {number} exitCode
 * @returns {Tally}
 */
export function tallyCheck(exitCode) {
  return exitCode === 0
    ? { passed: 1, failed: 0, skipped: 0, notes: [] }
    : { passed: 0, failed: 1, skipped: 0, notes: [`exited with code ${exitCode}`] };
}

/**
 * Vitest's JSON report (Jest-compatible). A file that failed to load has no tests but counts as one failure;
 * a non-zero exit with nothing else failed (an unhandled error, a missing report) counts as one more.
 * @param {any} report parsed JSON, or null when the report is missing or unreadable
 * @param {number} exitCode
 * @returns {Tally}
 */
export function tallyVitest(report, exitCode) {
  const tally = emptyTally();
  if (report === null) {
    tally.failed = 1;
    tally.notes.push(`no JSON report (exit code ${exitCode})`);
    return tally;
  }
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const test of tests) {
      if (test.status === 'passed') tally.passed += 1;
      else if (test.status === 'failed') tally.failed += 1;
      else tally.skipped += 1;
    }
    if (file.status === 'failed' && !tests.some((/** @type {any} */ t) => t.status === 'failed')) {
      tally.failed += 1;
      tally.notes.push(`${file.name}: ${firstLine(file.message) || 'failed to run'}`);
    }
  }
  if (exitCode !== 0 && tally.failed === 0) {
    tally.failed = 1;
    tally.notes.push(`exited with code ${exitCode} (an error outside any test)`);
  }
  return tally;
}

/**
 * Playwright's JSON report. Flaky tests passed on retry and count as passed (with a note);
 * errors outside tests (web server, global setup) or a non-zero exit with no failed test count as one failure.
 * @param {any} report parsed JSON, or null when the report is missing or unreadable
 * @param {number} exitCode
 * @returns {Tally}
 */
export function tallyPlaywright(report, exitCode) {
  const tally = emptyTally();
  if (report === null) {
    tally.failed = 1;
    tally.notes.push(`no JSON report (exit code ${exitCode})`);
    return tally;
  }
  const stats = report.stats ?? {};
  tally.passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  tally.failed = stats.unexpected ?? 0;
  tally.skipped = stats.skipped ?? 0;
  if (stats.flaky > 0) tally.notes.push(`${stats.flaky} flaky (passed on retry)`);
  const errors = report.errors ?? [];
  for (const error of errors) tally.notes.push(firstLine(error.message) || 'error outside any test');
  if ((errors.length > 0 || exitCode !== 0) && tally.failed === 0) {
    tally.failed = 1;
    if (errors.length === 0) tally.notes.push(`exited with code ${exitCode} (an error outside any test)`);
  }
  return tally;
}

/**
 * @param {Tally[]} tallies
 * @returns {Tally}
 */
export function addTallies(tallies) {
  const total = emptyTally();
  for (const t of tallies) {
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
  }
  return total;
}

/**
 * The last line of `npm test`: "12 passed, 0 failed" (", 2 skipped" only when some were).
 * @param {Tally} total
 */
export function summaryLine(total) {
  const line = `${total.passed} passed, ${total.failed} failed`;
  return total.skipped > 0 ? `${line}, ${total.skipped} skipped` : line;
}

/** @param {unknown} text */
function firstLine(text) {
  if (typeof text !== 'string') return '';
  // Strip ANSI colour codes that reporters put in messages.
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
