import { suggestion } from '../sim/scenario/index';
import { UsageError } from './usageError';

/** A flag a command accepts: `--name value` (or `--name=value`) when it takes a value, `--name` alone otherwise. */
export interface FlagSpec {
  name: string;
  takesValue: boolean;
  /** One-letter alias without the dash: `h` for `-h`. */
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  /** Flags in command-line order (order matters: `--set` and `--seed` apply left to right). */
  flags: { name: string; value: string | null }[];
}

/** Splits a command's arguments by its flag specs; throws UsageError on an unknown flag or a missing value. */
export function parseCommandArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = [];
  const names = specs.map((s) => `--${s.name}`);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const spec = specs.find((s) => `--${s.name}` === written || (s.short !== undefined && `-${s.short}` === written));
    if (spec === undefined) {
      throw new UsageError(`unknown option ${JSON.stringify(written)}${suggestion(written, names)}`, command);
    }
    if (!spec.takesValue) {
      if (written !== arg) throw new UsageError(`option --${spec.name} takes no value`, command);
      flags.push({ name: spec.name, value: null });
      continue;
    }
    let value: string | undefined;
    if (written !== arg) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`option --${spec.name} needs a value`, command);
    flags.push({ name: spec.name, value });
  }
  return { positionals, flags };
}
