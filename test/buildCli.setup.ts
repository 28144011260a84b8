// Global setup of Vitest and Playwright: bring the bundled CLI up to date once, before tests spawn it side by side.
import { ensureCliBuilt } from '../scripts/lib/cliBuild.mjs';

export default async function buildCli(): Promise<void> {
  await ensureCliBuilt();
}
