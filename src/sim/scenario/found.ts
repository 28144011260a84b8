import { ScenarioError, type ScenarioIssue } from './errors';
import { renderPath, type PathSegments } from './render';

/** A problem while its path is still segments (so it can be re-rooted under an action), not yet a string. */
export interface Found {
  segments: PathSegments;
  message: string;
  /** Cross-field rules: the dotted field paths involved, so an action that changed one of them can be blamed. */
  related?: readonly string[];
}

/** Most problems collected from one input; past this they are only counted. */
export const MAX_COLLECTED = 200;

/** Collects problems and notices with a cap, so a hostile input cannot make the report itself expensive. */
export class Findings {
  readonly found: Found[] = [];
  readonly notices: string[] = [];
  uncounted = 0;
  droppedNotices = 0;

  get full(): boolean {
    return this.found.length >= MAX_COLLECTED;
  }

  add(found: Found): void {
    if (this.full) this.uncounted++;
    else this.found.push(found);
  }

  notice(text: string): void {
    if (this.notices.length >= MAX_COLLECTED) this.droppedNotices++;
    else this.notices.push(text);
  }

  finalNotices(): string[] {
    if (this.droppedNotices === 0) return this.notices;
    return [...this.notices, `… and ${this.droppedNotices} more unknown fields dropped`];
  }
}

/** Rendered issues, one per path (the first found wins: it is the most specific). */
export function toIssues(found: readonly Found[]): ScenarioIssue[] {
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  for (const f of found) {
    const path = renderPath(f.segments);
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, message: f.message });
  }
  return issues;
}

export function scenarioError(found: readonly Found[], uncounted = 0): ScenarioError {
  return new ScenarioError(toIssues(found), uncounted);
}
