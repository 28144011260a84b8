import { PRESETS } from '../sim/scenario/index';
import { UsageError } from './usageError';
import type { Command } from './command';
import { EXIT } from './exitCodes';

export const listCommand: Command = {
  name: 'list',
  summary: 'print the presets as JSON: [{ id, title, lesson, expected }, …]',
  synopsis: 'list',
  help: 'Prints the presets as a JSON array of { id, title, lesson, expected }.',
  flags: [],
  run(args, io) {
    if (args.positionals.length > 0) throw new UsageError(`list takes no arguments, got ${JSON.stringify(args.positionals[0])}`, 'list');
    const list = PRESETS.map(({ id, title, lesson, expected }) => ({ id, title, lesson, expected }));
    io.out(`${JSON.stringify(list)}\n`);
    return EXIT.ok;
  },
};
