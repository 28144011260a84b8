// Entry point of `npm run -s sim -- …`: the process around runCli.
import { runCli } from './cli';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // The reader went away (`… | head`): nothing left to say to it.
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
if (typeof code === 'number') process.exitCode = code;
else void code.then((c) => (process.exitCode = c));
