/**
 * The CLI in a child process that reports its own peak memory: `node --import tsx test/cli/peakRss.ts <cli args>`
 * runs the CLI as `npm run sim` does, then writes its CPU time (`cpu-ms N`) and, as the last line of stderr, `peak-rss-kb N`.
 */
import { runCli } from '../../src/cli/cli';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(`\ncpu-ms ${cpuMs.toFixed(0)}\npeak-rss-kb ${usage.maxRSS}\n`);
});
const code = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
if (typeof code === 'number') process.exitCode = code;
else void code.then((c) => (process.exitCode = c));
