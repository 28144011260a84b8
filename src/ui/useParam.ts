import type { Scenario } from '../sim/format';
import { useLab } from './LabContext';

/** Read a dotted path of a scenario: "client.retry.maxRetries". */
export function readPath(scenario: Scenario | null, path: string): unknown {
  let node: unknown = scenario;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The value a control shows: the change just made (until the worker confirms it), else the parameter in force. */
export function useParam(path: string): unknown {
  return useLab((s) => (path in s.draft ? s.draft[path] : readPath(s.effective, path)));
}

/** A numeric parameter, or `fallback` when it is null or absent. */
export function useNumber(path: string, fallback: number): number {
  const v = useParam(path);
  return typeof v === 'number' ? v : fallback;
}
