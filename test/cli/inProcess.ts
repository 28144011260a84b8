import { runCli } from '../../src/cli/cli';

/** The CLI in this process, for commands that answer at once (run, list, help, usage errors). */
export function inProcess(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  if (typeof code !== 'number') throw new Error(`sim ${args.join(' ')} answers asynchronously: spawn it instead`);
  return { code, stdout, stderr };
}
