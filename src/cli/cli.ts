import { parseCommandArgs } from './args';
import type { Io } from './command';
import { COMMANDS } from './commands';
import { EXIT, type ExitCode } from './exitCodes';
import { InvalidJsonError } from './loadInput';
import { commandUsage, generalUsage } from './usage';
import { UsageError } from './usageError';
import { suggestion } from '../sim/scenario/index';

const HELP = new Set(['--help', '-h', 'help']);

function usageFor(name: string | null): string {
  const command = COMMANDS.find((c) => c.name === name);
  return command === undefined ? generalUsage() : commandUsage(command);
}

function dispatch(argv: readonly string[], io: Io): ExitCode | Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('no command given');
  if (HELP.has(name)) {
    const topic = rest[0];
    if (topic !== undefined && !COMMANDS.some((c) => c.name === topic)) {
      throw new UsageError(`no command ${JSON.stringify(topic)}${suggestion(topic, COMMANDS.map((c) => c.name))}`);
    }
    io.out(usageFor(topic ?? null));
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    throw new UsageError(`unknown command ${JSON.stringify(name)}${suggestion(name, COMMANDS.map((c) => c.name))}`);
  }
  const args = parseCommandArgs(rest, [...command.flags, { name: 'help', takesValue: false, short: 'h' }], command.name);
  if (args.flags.some((f) => f.name === 'help')) {
    io.out(commandUsage(command));
    return EXIT.ok;
  }
  return command.run(args, io);
}

function handle(e: unknown, io: Io): ExitCode {
  if (e instanceof UsageError) {
    io.err(`error: ${e.message}\n\n${usageFor(e.command)}`);
    return EXIT.usage;
  }
  if (e instanceof InvalidJsonError) {
    io.err(`error: ${e.message}\n`);
    return EXIT.invalidScenario;
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  io.err(`internal error (a bug, please report it): ${detail}\n`);
  return EXIT.internal;
}

/**
 * The whole CLI, minus the process: arguments in, exit code out, text through `io`. Commands
 * that finish at once (run, list, help) answer synchronously; `sweep` answers with a promise.
 */
export function runCli(argv: readonly string[], io: Io): ExitCode | Promise<ExitCode> {
  try {
    const code = dispatch(argv, io);
    return typeof code === 'number' ? code : code.catch((e: unknown) => handle(e, io));
  } catch (e) {
    return handle(e, io);
  }
}
