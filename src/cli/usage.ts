import type { Command } from './command';
import { COMMANDS } from './commands';

export const PROGRAM = 'npm run -s sim --';

const EXIT_CODES =
  'Exit codes: 0 success, 1 invalid scenario (or JSON), 2 usage error, 3 internal error, 4 an assertion failed (verify), 5 the output could not be written.';

/** The general usage: commands and exit codes. */
export function generalUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 'help'.length) + 2;
  const lines = [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}show this help, or a command's: help run`,
    '',
    `Run \`${PROGRAM} <command> --help\` for a command's options.`,
    EXIT_CODES,
  ];
  return `${lines.join('\n')}\n`;
}

/** A command's usage: synopsis, help, exit codes. */
export function commandUsage(command: Command): string {
  return `Usage: ${PROGRAM} ${command.synopsis}\n\n${command.help}\n\n${EXIT_CODES}\n`;
}
