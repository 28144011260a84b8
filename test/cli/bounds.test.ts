/**
 * The CLI's costs stay bounded and its failures inside the exit-code contract: a run too large for memory is refused
 * at once (measured: CPU time and peak memory of the child), a `--set` path thousands of segments deep is a usage
 * error, `sweep --jobs` takes at most one thread a core, a byte-order mark is skipped, and a write to stdout that
 * fails ends with EXIT.output (or quietly when the reader went away).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exitCodes';
import { MEASURED_CLI, readUsage } from './hostileInputs';
import { inProcess } from './inProcess';
import { cli, ROOT, SPAWN_TIMEOUT_MS } from './spawnCli';

const dir = mkdtempSync(join(tmpdir(), 'sim-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

interface Spawned {
  code: number | null;
  stderr: string;
}

/** The CLI (or `command`, e.g. the measured CLI) with stdout going to a file descriptor, or to a pipe the parent closes at once. */
function spawnWith(args: string[], stdout: number | 'closed-pipe', command = ['scripts/sim.mjs']): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, ...args], {
      cwd: ROOT,
      timeout: SPAWN_TIMEOUT_MS,
      stdio: ['ignore', stdout === 'closed-pipe' ? 'pipe' : stdout, 'pipe'],
    });
    // The reader goes away before the CLI writes its result: the write meets EPIPE.
    if (stdout === 'closed-pipe') child.stdout?.destroy();
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const SHARDS = { version: 1, duration: 200_000, bin: 1, load: { rate: 0.001 }, partitions: { shards: 1000 } };

describe('a run too large for memory is refused before it starts', () => {
  it.each([
    ['open loop', SHARDS],
    ['closed loop', { ...SHARDS, load: { clients: 1, thinkTime: 1000 } }],
  ])('%s: exit 1 naming partitions.shards and the limit, in under 2 s of CPU and 300 MB', async (name, scenario) => {
    const path = file(`${name.replace(/\W/g, '-')}.json`, JSON.stringify(scenario));
    const r = await cli(['run', path]);
    expect(r.code).toBe(EXIT.invalidScenario);
    expect(r.stderr).toMatch(/partitions\.shards: scenario needs about 16\.3 GB of memory .*the limit is 300 MB: raise bin, or lower duration or partitions\.shards/);
    const devNull = openSync('/dev/null', 'w');
    const measured = await spawnWith(['run', path], devNull, MEASURED_CLI).finally(() => closeSync(devNull));
    expect(measured.code).toBe(EXIT.invalidScenario);
    const usage = readUsage(measured.stderr);
    expect(usage.cpuMs).toBeLessThan(2000);
    expect(usage.peakMb).toBeLessThan(300);
  }, SPAWN_TIMEOUT_MS);
});

describe('--set paths', () => {
  it('refuses a path of 8,000 segments as a usage error, before walking it', () => {
    const r = inProcess(['run', 'mm1', '--set', `${Array(8000).fill('a').join('.')}=1`]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^error: --set a\.a\.a.*…: a path of 15999 characters, expected at most 1000\n/);
  });

  it('refuses a short path of 33 segments, and names the segments', () => {
    const r = inProcess(['run', 'mm1', '--set', `${Array(33).fill('a').join('.')}=1`]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/a path of 33 segments, expected at most 32/);
  });

  it('still takes the paths of fields', () => {
    const r = inProcess(['run', 'mm1', '--set', 'duration=10', '--set', 'client.retry.budget.tokens=3']);
    expect(r.code).toBe(EXIT.ok);
  });
});

describe('sweep --jobs', () => {
  it('uses at most one thread a logical core, and says so', async () => {
    const r = await cli(['sweep', 'mm1', '--set', 'duration=20', '--x', 'load.rate=1:2:2', '--y', 'seed=1:2:2', '--jobs', '256']);
    expect(r.code).toBe(EXIT.ok);
    const cores = availableParallelism();
    if (cores < 256) expect(r.stderr).toBe(`note: --jobs 256 is more than the ${cores} logical cores here; using ${cores} threads\n`);
    expect(r.stdout.trim().split('\n')).toHaveLength(5);
  }, SPAWN_TIMEOUT_MS);
});

describe('scenario files', () => {
  it('skip a leading byte-order mark', async () => {
    const path = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"version":1,"duration":10}')]));
    const r = await cli(['run', path]);
    expect(r.code).toBe(EXIT.ok);
    expect((JSON.parse(r.stdout) as { scenario: { duration: number } }).scenario.duration).toBe(10);
  }, SPAWN_TIMEOUT_MS);
});

describe('a failed write to stdout', () => {
  it('ENOSPC (/dev/full): exit 5 with one line on stderr, no stack', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = await spawnWith(['run', 'mm1'], full);
      expect(r.code).toBe(EXIT.output);
      expect(r.stderr).toBe('error: cannot write the output to stdout: ENOSPC\n');
    } finally {
      closeSync(full);
    }
  }, SPAWN_TIMEOUT_MS);

  it('EPIPE (the reader closed the pipe): exit 0, nothing on stderr', async () => {
    const r = await spawnWith(['run', 'mm1'], 'closed-pipe');
    expect(r.code).toBe(EXIT.ok);
    expect(r.stderr).toBe('');
  }, SPAWN_TIMEOUT_MS);

  it('a sweep into /dev/full: exit 5', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = await spawnWith(['sweep', 'mm1', '--set', 'duration=20', '--x', 'load.rate=1:2:2', '--y', 'seed=1:2:2', '--jobs', '1'], full);
      expect(r.code).toBe(EXIT.output);
      expect(r.stderr).toBe('error: cannot write the output to stdout: ENOSPC\n');
    } finally {
      closeSync(full);
    }
  }, SPAWN_TIMEOUT_MS);
});
