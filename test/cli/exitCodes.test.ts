import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcess } from './inProcess';
import { cli, SPAWN_TIMEOUT_MS } from './spawnCli';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Each test spawns the CLI (a Node process with the tsx loader): seconds on a busy machine.
describe('help goes to stdout with exit code 0', { timeout: 60_000 }, () => {
  it.concurrent.each([['--help'], ['run', '--help']])('spawned: sim %s', async (...args) => {
    const r = await cli(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: npm run -s sim -- /);
  }, SPAWN_TIMEOUT_MS);

  it.each([['--help'], ['help'], ['-h'], ['run', '--help'], ['run', '-h'], ['help', 'run'], ['list', '--help']])(
    'sim %s',
    (...args) => {
      const r = inProcess(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: npm run -s sim -- /);
      expect(r.stdout).toContain(
        'Exit codes: 0 success, 1 invalid scenario (or JSON), 2 usage error, 3 internal error, 4 an assertion failed (verify), 5 the output could not be written.',
      );
    },
  );
});

describe('usage errors exit 2 with a message and the usage on stderr, nothing on stdout', { timeout: 60_000 }, () => {
  it.concurrent.each([[[]], [['run', 'mm1', '--fromat', 'csv']], [['run', './missing.json']]])('spawned: sim %j', async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .+\n\nUsage: npm run -s sim -- /);
  }, SPAWN_TIMEOUT_MS);

  it.each([
    [[], 'no command given'],
    [['rnu', 'mm1'], 'unknown command "rnu" (did you mean "run"?)'],
    [['run'], 'run needs a scenario file or a preset id'],
    [['run', 'mm1', 'mm1'], 'run takes one scenario'],
    [['run', 'mm1', '--fromat', 'csv'], 'unknown option "--fromat" (did you mean "--format"?)'],
    [['run', 'mm1', '--format', 'xml'], '--format must be json or csv, got "xml"'],
    [['run', 'mm1', '--seed'], 'option --seed needs a value'],
    [['run', 'mm1', '--set', 'load.rate'], '--set needs path=value'],
    [['run', 'no-such-preset'], 'cannot read "no-such-preset": no such file or preset'],
    [['run', 'retry-strom'], 'cannot read "retry-strom": no such file or preset (did you mean "retry-storm"?)'],
    [['run', './missing.json'], 'cannot read "./missing.json": no such file\n'],
    [['list', 'extra'], 'list takes no arguments'],
    [['help', 'swep'], 'no command "swep"'],
  ])('sim %j', (args, message) => {
    const r = inProcess(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.stderr).toContain('Usage: npm run -s sim -- ');
  });
});

describe('an invalid scenario exits 1 naming the field on stderr', { timeout: 60_000 }, () => {
  it.concurrent('a bad value in a file', async () => {
    const path = file('bad.json', JSON.stringify({ client: { retry: { maxRetries: -1 } }, server: { queue: { discipline: 'fifoo' } } }));
    const r = await cli(['run', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: invalid scenario (${path}):`);
    expect(r.stderr).toContain('  client.retry.maxRetries: got -1, expected an integer from 0 to 100');
    expect(r.stderr).toContain('  server.queue.discipline: got "fifoo", expected one of "fifo", "lifo", "adaptive-lifo" (did you mean "fifo"?)');
  }, SPAWN_TIMEOUT_MS);

  it.concurrent('an unknown key in a file, and a bad override of a preset', async () => {
    const path = file('unknown.json', '{"client": {"retyr": {}}}');
    const a = await cli(['run', path]);
    const b = inProcess(['run', 'mm1', '--set', 'triggers.0.kind=spik', '--set', 'triggers.0.at=1', '--set', 'triggers.0.duration=2']);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('client.retyr: unknown field (did you mean "retry"?)');
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('(preset mm1 with --set/--seed)');
    expect(b.stderr).toContain('triggers[0].kind: got "spik", expected one of "spike", "outage", "random-outages", "capacity", "cache-flush", "errors" (did you mean "spike"?)');
  }, SPAWN_TIMEOUT_MS);

  it('a cache flush in a scenario without a cache', () => {
    const r = inProcess(['run', 'mm1', '--set', 'triggers.0={"kind":"cache-flush","at":30}']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('triggers[0].kind: got "cache-flush" at 30 s, when the scenario has no cache (cache is null)');
  });

  it('--seed takes what --set seed= takes', () => {
    const r = inProcess(['run', 'mm1', '--seed', '-3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('seed: got -3, expected an integer from 0 to 4294967295');
  });

  it('a --set path through a prototype key', () => {
    const r = inProcess(['run', 'mm1', '--set', '__proto__.polluted=1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('__proto__: "__proto__" is not allowed in a path');
  });

  it.concurrent('a file that is not JSON: exit 1 with the file name and the parser message', async () => {
    const path = file('broken.json', '{"load": {"rate": 280,}}');
    const r = await cli(['run', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^error: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: .+`));
  }, SPAWN_TIMEOUT_MS);
});
