/**
 * Re-record the engine's fingerprints: `npm run -s fingerprints:record`.
 *
 * ONLY WHEN THE ENGINE'S BEHAVIOUR IS MEANT TO CHANGE. The fingerprints are how a refactoring
 * proves it changed nothing; re-recording after an unintended change hides the bug it found.
 * Say in the commit which behaviour changed and why.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fingerprint, fingerprintCases } from './cases';

const file = join(dirname(fileURLToPath(import.meta.url)), 'fingerprints.json');
console.error('*** RE-RECORDING THE ENGINE FINGERPRINTS ***');
console.error('*** Only do this when the engine\'s behaviour is MEANT to change; a refactoring must leave them as they are. ***');
const out: Record<string, string> = {};
for (const c of fingerprintCases()) {
  out[c.name] = fingerprint(c);
  console.error(`${out[c.name]}  ${c.name}`);
}
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.error(`wrote ${Object.keys(out).length} fingerprints to ${file}`);
