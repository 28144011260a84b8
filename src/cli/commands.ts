import type { Command } from './command';
import { importCommand } from './importCommand';
import { listCommand } from './listCommand';
import { runCommand } from './runCommand';
import { sweepCommand } from './sweepCommand';
import { tradeoffsCommand } from './tradeoffsCommand';
import { verifyCommand } from './verifyCommand';

/** Every subcommand, in the order the usage lists them. */
export const COMMANDS: readonly Command[] = [runCommand, sweepCommand, verifyCommand, tradeoffsCommand, importCommand, listCommand];
