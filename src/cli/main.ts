// Entry point of `npm run -s sim -- …`: the process around runCli.
import { writeSync } from 'node:fs';
import { runCli } from './cli';
import { EXIT } from './exitCodes';

/**
 * A write to stdout or stderr failed. The reader of stdout went away (`… | head`, EPIPE): nothing
 * is left to say to it, exit 0. A reader of stderr that went away leaves stdout's result whole:
 * carry on. Any other failure (a full disk, ENOSPC; a closed descriptor) ends the process with
 * EXIT.output and one line on stderr, if stderr can still take it.
 */
function onWriteError(stream: 'stdout' | 'stderr') {
  return (e: NodeJS.ErrnoException): void => {
    if (e.code === 'EPIPE') {
      if (stream === 'stdout') process.exit(EXIT.ok);
      return;
    }
    if (stream === 'stdout') {
      try {
        writeSync(2, `error: cannot write the output to stdout: ${e.code ?? e.message}\n`);
      } catch {
        // stderr cannot take it either: the exit code says it.
      }
    }
    process.exit(EXIT.output);
  };
}
process.stdout.on('error', onWriteError('stdout'));
process.stderr.on('error', onWriteError('stderr'));

const code = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
if (typeof code === 'number') process.exitCode = code;
else void code.then((c) => (process.exitCode = c));
