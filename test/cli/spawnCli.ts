import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * How long a spawned CLI may take, and the timeout of each test that spawns it: start-up alone (a new Node, the
 * bundle) takes seconds on a busy machine, so this only separates a hung CLI from a slow one.
 */
export const SPAWN_TIMEOUT_MS = 120_000;

export interface CliRun {
  code: number | null;
  /** The signal that ended it: SIGTERM once its time ran out. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in a child process, as `npm run -s sim -- …` does: the launcher and the bundle it loads, with the
 * repo root as cwd. Vitest's global setup has built the bundle, so concurrent spawns find it fresh.
 */
export function cli(args: readonly string[], timeoutMs = SPAWN_TIMEOUT_MS): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/sim.mjs', ...args], { cwd: ROOT, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
