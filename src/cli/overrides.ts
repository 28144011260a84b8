import { pathStart, pathTooLong } from '../sim/scenario/index';
import { UsageError } from './usageError';

/** One `--set path=value` (or `--seed N`, which is `--set seed=N`). */
export interface Override {
  path: string;
  value: unknown;
}

/** The value of `--set`: JSON if it parses (`5`, `null`, `{"tokens":10}`), else the text itself (`fifo`). */
export function parseOverrideValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `client.retry.maxRetries=2` → { path, value }; throws UsageError without `=`, without a path, or with a path too long or deep. */
export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new UsageError(`--set needs path=value (e.g. --set client.retry.maxRetries=2), got ${JSON.stringify(text)}`, 'run');
  }
  const path = text.slice(0, eq);
  // Checked before the path is split or walked: a path thousands of segments deep is no field's.
  const tooLong = pathTooLong(path);
  if (tooLong !== null) throw new UsageError(`--set ${pathStart(path)}: ${tooLong}`, 'run');
  return { path, value: parseOverrideValue(text.slice(eq + 1)) };
}
