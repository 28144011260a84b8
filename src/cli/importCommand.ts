import { readFileSync, statSync } from 'node:fs';
import { ConfigImportError, importConfig, importReportLines, MAX_CONFIG_LENGTH } from '../sim/configImport';
import { ScenarioError } from '../sim/index';
import type { Command, Io } from './command';
import { EXIT, type ExitCode } from './exitCodes';
import { loadInput } from './loadInput';
import { UsageError } from './usageError';

function readConfig(path: string): string {
  try {
    const size = statSync(path).size;
    if (size > MAX_CONFIG_LENGTH * 4) throw new ConfigImportError(`file of ${size} bytes, expected at most ${MAX_CONFIG_LENGTH} characters`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ConfigImportError) throw e;
    const code = (e as { code?: unknown }).code;
    throw new UsageError(`cannot read ${JSON.stringify(path)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? e)}`, 'import');
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: 'read an Envoy, gRPC or resilience4j configuration and print the scenario fragment it amounts to',
  synopsis: 'import <config.yaml | config.json> [--onto <scenario.json | preset-id>] [--instance NAME] [--format scenario|json]',
  help: [
    'Reads a retry and resilience configuration and prints the scenario fields it sets, as a',
    'scenario file (JSON) on stdout; on stderr, every field of the configuration: set, approximated',
    '(with the difference), or not imported (with why). Nothing is dropped without a line.',
    '',
    'Formats (told apart by their fields; YAML or JSON):',
    '  Envoy         a route retry_policy (num_retries, per_try_timeout, retry_back_off, retry_on) and',
    '                a cluster circuit_breakers, anywhere in a route configuration or bootstrap',
    '  gRPC          a service config: methodConfig[].retryPolicy and timeout, retryThrottling',
    '  resilience4j  Spring Boot properties: retry, circuitbreaker, timelimiter, bulkhead instances',
    'docs/import.md lists each field, the scenario field it sets, and each approximation.',
    '',
    'Options:',
    '  --onto S             put the fields on scenario S (a file or preset id) and print the whole',
    '                       scenario, ready for `run`; default: the fragment alone (on the default scenario)',
    '  --instance NAME      which route / virtual host / cluster name (Envoy), methodConfig index or',
    '                       service (gRPC), or instance (resilience4j) when the file holds several',
    '  --format scenario|json  scenario (default): the fragment or scenario; json: { format, source,',
    '                       fragment, mapped, approximated, unsupported, notes }',
    '',
    'Exit codes: 0 imported, 1 not a configuration the lab reads or a value out of range (named),',
    '2 usage error, 5 the output could not be written.',
    '',
    'Example:',
    '  npm run -s sim -- import envoy.yaml --onto retry-storm > mine.json && npm run -s sim -- run mine.json',
  ].join('\n'),
  flags: [
    { name: 'onto', takesValue: true },
    { name: 'instance', takesValue: true },
    { name: 'format', takesValue: true },
  ],
  run(args, io: Io): ExitCode {
    if (args.positionals.length !== 1) throw new UsageError('import needs exactly one configuration file', 'import');
    const file = args.positionals[0]!;
    let onto: string | undefined;
    let instance: string | undefined;
    let format: 'scenario' | 'json' = 'scenario';
    for (const flag of args.flags) {
      const value = flag.value ?? '';
      if (flag.name === 'onto') onto = value;
      else if (flag.name === 'instance') instance = value;
      else if (flag.name === 'format') {
        if (value !== 'scenario' && value !== 'json') throw new UsageError(`--format must be scenario or json, got ${JSON.stringify(value)}`, 'import');
        format = value;
      }
    }
    const base = onto === undefined ? undefined : loadInput(onto);
    try {
      const result = importConfig(readConfig(file), { ...(base === undefined ? {} : { base: base.raw }), ...(instance === undefined ? {} : { instance }) });
      if (format === 'json') {
        const { format: kind, source, fragment, mapped, approximated, unsupported, notes } = result;
        io.out(`${JSON.stringify({ format: kind, source, fragment, mapped, approximated, unsupported, notes }, null, 2)}\n`);
      } else {
        io.out(`${JSON.stringify(base === undefined ? result.fragment : result.raw, null, 2)}\n`);
      }
      io.err(`${importReportLines(result).join('\n')}\n`);
      return EXIT.ok;
    } catch (e) {
      if (e instanceof ConfigImportError) {
        io.err(`error: cannot import ${file}: ${e.message}\n`);
        return EXIT.invalidScenario;
      }
      if (e instanceof ScenarioError) {
        io.err(`error: invalid scenario (${base?.source ?? 'the default scenario'}):\n${e.message}\n`);
        return EXIT.invalidScenario;
      }
      throw e;
    }
  },
};
