// Assertions on a run's series (docs/scenario.md, "Assertions"): the grammar, scopes and the bin-by-bin check.
export { AssertionSyntaxError } from './lexer';
export { MAX_CHECK_DEPTH, MAX_CHECK_LENGTH, MAX_CHECK_TOKENS, MAX_WINDOW, missingShard, parseCheck, type BoolNode, type NumNode } from './parser';
export { MAX_SCOPE_LENGTH, parseScope, SCOPE_FORMS, triggerSpans, type Scope } from './scope';
export { AssertionMonitor, arraysSource, violationSpans, type AssertionSpec, type SeriesSource, type Violation, type ViolationSpan } from './evaluate';
