import type { Scenario } from '../scenario/types';

/** Apply an action's `{ "a.b.c": value }` to a copy of the scenario (paths were validated when the scenario was parsed). */
export function applyActionSet(s: Scenario, set: Record<string, unknown>): Scenario {
  const out = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(set)) {
    const parts = path.split('.');
    let node: Record<string, unknown> = out;
    for (let i = 0; i < parts.length - 1; i++) node = node[parts[i]!] as Record<string, unknown>;
    node[parts[parts.length - 1]!] = value === undefined ? value : (JSON.parse(JSON.stringify(value)) as unknown);
  }
  return out as unknown as Scenario;
}
