import * as v from 'valibot';
import type { Found } from './found';
import { numberIn, problem, remember, section } from './fields';
import { quote } from './render';

// Priority classes of requests (`load.priorities`): each request draws one at arrival, by share; the server sheds
// the lowest class first when its queue or its limiter is full.

/** Most priority classes a scenario may have. */
export const MAX_PRIORITY_CLASSES = 8;
const MAX_NAME = 40;

/** A class of requests, in `load.priorities` order: the first is the most important. */
export interface PriorityClass {
  name: string;
  /** The share of requests drawn into this class, in [0, 1]; the shares sum to 1. */
  share: number;
}

const NAME_EXPECTED = `a non-empty string of at most ${MAX_NAME} characters`;
const nameSchema = remember(
  v.custom<string>((x) => typeof x === 'string' && x.length > 0 && x.length <= MAX_NAME, (issue) => problem(issue.input, NAME_EXPECTED)),
  NAME_EXPECTED,
);

const LIST_EXPECTED = `null or an array of 1 to ${MAX_PRIORITY_CLASSES} { "name", "share" } classes, highest priority first`;

export const prioritiesSchema = remember(
  v.nullable(
    v.pipe(
      v.array(section({ name: nameSchema, share: numberIn({ min: 0, max: 1 }) }), (issue) => problem(issue.input, LIST_EXPECTED)),
      v.minLength(1, () => `got an empty array, expected ${LIST_EXPECTED}`),
      v.maxLength(MAX_PRIORITY_CLASSES, (issue) => `got an array of ${String(issue.received)} classes, expected at most ${MAX_PRIORITY_CLASSES}`),
    ),
  ),
  LIST_EXPECTED,
);

/** The classes' shares sum to 1 (within rounding), and their names differ; a queue served by class needs classes. */
export function checkPriorities(classes: readonly PriorityClass[] | null, byClass: boolean): Found[] {
  if (classes === null) {
    return byClass
      ? [{ segments: ['server', 'queue', 'priority'], message: 'got true without load.priorities, expected false: there are no classes to serve first', related: ['server.queue.priority', 'load.priorities'] }]
      : [];
  }
  const found: Found[] = [];
  const sum = classes.reduce((s, c) => s + c.share, 0);
  if (Math.abs(sum - 1) > 1e-9) {
    found.push({ segments: ['load', 'priorities'], message: `got shares summing to ${sum}, expected shares summing to 1 (each class's share of the requests)` });
  }
  classes.forEach((c, i) => {
    if (classes.findIndex((d) => d.name === c.name) < i) {
      found.push({ segments: ['load', 'priorities', i, 'name'], message: `got ${quote(c.name)} twice, expected a name no other class has` });
    }
  });
  return found;
}

/** The names of the classes in order, or null: what an action may not change. */
function classNames(classes: readonly PriorityClass[] | null): string | null {
  return classes === null ? null : JSON.stringify(classes.map((c) => c.name));
}

/**
 * The classes are fixed for the run (their series are named by them): an action may change their shares, but not
 * add, remove, rename or reorder classes, nor turn priorities on or off. `states` are the scenarios after each action.
 */
export function checkPriorityActions(states: readonly { scenario: { load: { priorities: PriorityClass[] | null } }; action: number | null }[]): Found[] {
  const first = classNames(states[0]?.scenario.load.priorities ?? null);
  for (const st of states) {
    if (st.action === null || classNames(st.scenario.load.priorities) === first) continue;
    return [
      {
        segments: ['actions', st.action, 'set'],
        message: `changes the priority classes (${first ?? 'none'} at the start): an action may change their shares only, not add, remove, rename or reorder classes, nor turn load.priorities on or off`,
      },
    ];
  }
  return [];
}
