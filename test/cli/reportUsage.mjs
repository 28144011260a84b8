// Preload for a child process whose cost is measured: `node --import ./test/cli/reportUsage.mjs scripts/sim.mjs …`
// runs the CLI as `npm run sim` does, then writes its CPU time (`cpu-ms N`) and, as the last line of stderr, its
// peak resident memory (`peak-rss-kb N`).
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(`\ncpu-ms ${cpuMs.toFixed(0)}\npeak-rss-kb ${usage.maxRSS}\n`);
});
