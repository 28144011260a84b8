import type { Command } from './command';
import { listCommand } from './listCommand';
import { runCommand } from './runCommand';

/** Every subcommand, in the order the usage lists them. (`sweep` will join here.) */
export const COMMANDS: readonly Command[] = [runCommand, listCommand];
