import type { FlagSpec, ParsedArgs } from './args';
import type { ExitCode } from './exitCodes';

/** Where a command writes: the result to `out`, everything else to `err`. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** A subcommand: add one by writing this and listing it in commands.ts. */
export interface Command {
  name: string;
  /** One line for the general usage. */
  summary: string;
  /** `run <scenario.json | preset-id> [--seed N] …` */
  synopsis: string;
  /** The command's own help, after the synopsis. */
  help: string;
  flags: readonly FlagSpec[];
  run(args: ParsedArgs, io: Io): ExitCode | Promise<ExitCode>;
}
