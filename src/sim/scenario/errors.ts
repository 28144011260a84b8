/** One problem found in a scenario: where (a field path such as `triggers[2].duration`) and what. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** The message of anything thrown: an Error's own message, else the value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How many issues a message lists before summarising the rest. */
export const MAX_LISTED_ISSUES = 20;

function formatIssues(issues: readonly ScenarioIssue[], uncounted: number): string {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${i.path}: ${i.message}`);
  const rest = issues.length - MAX_LISTED_ISSUES + uncounted;
  if (rest > 0) lines.push(`… and ${rest} more problem${rest === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** A scenario (file, link, CLI override or operator action) that cannot be used, with every problem found. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];

  /** `uncounted`: further problems found but not kept (a hostile input can hold millions). */
  constructor(issues: readonly ScenarioIssue[], uncounted = 0) {
    const list = issues.length > 0 ? [...issues] : [{ path: 'scenario', message: 'invalid scenario' }];
    super(formatIssues(list, uncounted));
    this.name = 'ScenarioError';
    this.issues = list;
  }
}
