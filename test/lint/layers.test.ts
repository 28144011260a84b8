import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Where the probes are linted from: files that do not exist, in each layer's folder. */
const PROBE_FILES = [
  'src/ui/LintProbe.tsx',
  'src/ui/phase/LintProbe.tsx',
  'src/state/lintProbe.ts',
  'src/worker/lintProbe.ts',
  'src/viz/lintProbe.ts',
  'src/links/lintProbe.ts',
  'src/app/lintProbe.ts',
];

// The project's own config, as `npm run lint` uses it, on code that is not in the repository: each probe is linted as
// if it were a file at its path, so the rules for that folder apply. Type information for a file that is not on disk
// comes from a default project with the tests' compiler options (DOM, Node and JSX).
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: PROBE_FILES, defaultProject: 'tsconfig.test.json' } } },
  },
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  if (!PROBE_FILES.includes(filePath)) throw new Error(`${filePath} is not a probe file`);
  const [result] = await eslint.lintText(code, { filePath });
  if (result === undefined) throw new Error(`nothing linted for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal === true);
  if (fatal.length > 0) throw new Error(`${filePath} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.map((m) => m.ruleId ?? '(none)');
}

interface Probe {
  layer: string;
  filePath: string;
  violating: string;
  rule: string;
  clean: string;
}

const probes: Probe[] = [
  {
    layer: 'a component imports a value from src/worker',
    filePath: 'src/ui/LintProbe.tsx',
    violating: "import { createSimBridge } from './../worker/index';\nexport const bridge = createSimBridge;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    clean: "import type { SimRunner } from '../worker/index';\nexport type Runner = SimRunner;\n",
  },
  {
    layer: 'a component in a sub-folder imports a value from src/app',
    filePath: 'src/ui/phase/LintProbe.tsx',
    violating: "import { createApp } from '../../app/createApp';\nexport const make = createApp;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    clean: "import type { AppCommands } from '../../app/createApp';\nexport type Commands = AppCommands;\n",
  },
  {
    layer: 'a component constructs a Worker',
    filePath: 'src/ui/LintProbe.tsx',
    violating: "export const w = new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' });\n",
    rule: 'no-restricted-syntax',
    clean: "export const u = new URL('./x.worker.ts', import.meta.url);\n",
  },
  {
    layer: 'a store imports a component',
    filePath: 'src/state/lintProbe.ts',
    violating: "import { App } from '../ui/index';\nexport const app = App;\n",
    rule: 'no-restricted-imports',
    clean: "import { createSimBridge } from '../worker/index';\nexport const bridge = createSimBridge;\n",
  },
  {
    layer: 'a store imports the composition root',
    filePath: 'src/state/lintProbe.ts',
    violating: "import { createApp } from '../app/createApp';\nexport const make = createApp;\n",
    rule: 'no-restricted-imports',
    clean: "import { parseScenario } from '../sim/format';\nexport const parse = parseScenario;\n",
  },
  {
    layer: 'a worker client imports a store',
    filePath: 'src/worker/lintProbe.ts',
    violating: "import { createLabStore } from '../state/index';\nexport const make = createLabStore;\n",
    rule: 'no-restricted-imports',
    clean: "import { parseScenario } from '../sim/format';\nexport const parse = parseScenario;\n",
  },
  {
    layer: 'geometry imports a worker client',
    filePath: 'src/viz/lintProbe.ts',
    violating: "import { createSimBridge } from '../worker/index';\nexport const bridge = createSimBridge;\n",
    rule: 'no-restricted-imports',
    clean: "import type { SeriesName } from '../sim/index';\nexport type Name = SeriesName;\n",
  },
  {
    layer: 'geometry imports a store',
    filePath: 'src/viz/lintProbe.ts',
    violating: "import { createLabStore } from '../state/index';\nexport const make = createLabStore;\n",
    rule: 'no-restricted-imports',
    clean: "import { scaleLinear } from 'd3';\nexport const scale = scaleLinear;\n",
  },
  {
    layer: 'the link format imports a store',
    filePath: 'src/links/lintProbe.ts',
    violating: "import { createLabStore } from '../state/index';\nexport const make = createLabStore;\n",
    rule: 'no-restricted-imports',
    clean: "import { parseScenario } from '../sim/format';\nexport const parse = parseScenario;\n",
  },
  {
    layer: 'the link format imports a component',
    filePath: 'src/links/lintProbe.ts',
    violating: "import { App } from '../ui/index';\nexport const app = App;\n",
    rule: 'no-restricted-imports',
    clean: "import { parseScenario } from '../sim/format';\nexport const parse = parseScenario;\n",
  },
  {
    layer: 'the composition root constructs a Worker itself',
    filePath: 'src/app/lintProbe.ts',
    violating: "export const w = new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' });\n",
    rule: 'no-restricted-syntax',
    clean: "import { createSimBridge } from '../worker/index';\nexport const bridge = createSimBridge();\n",
  },
  {
    layer: 'an effect leaves out what it reads (the hooks rules)',
    filePath: 'src/ui/LintProbe.tsx',
    violating:
      "import { useEffect } from 'react';\nexport function Probe({ n, onN }: { n: number; onN: (n: number) => void }) {\n  useEffect(() => onN(n), [n]);\n  return null;\n}\n",
    rule: 'react-hooks/exhaustive-deps',
    clean:
      "import { useEffect } from 'react';\nexport function Probe({ n, onN }: { n: number; onN: (n: number) => void }) {\n  useEffect(() => onN(n), [n, onN]);\n  return null;\n}\n",
  },
  {
    layer: 'a hook called conditionally (the hooks rules)',
    filePath: 'src/ui/LintProbe.tsx',
    violating:
      "import { useState } from 'react';\nexport function Probe({ on }: { on: boolean }) {\n  if (on) {\n    const [v] = useState(0);\n    return v;\n  }\n  return null;\n}\n",
    rule: 'react-hooks/rules-of-hooks',
    clean: "import { useState } from 'react';\nexport function Probe({ on }: { on: boolean }) {\n  const [v] = useState(0);\n  return on ? v : null;\n}\n",
  },
];

describe('the layers the linter enforces', () => {
  for (const probe of probes) {
    it(`fails when ${probe.layer}, and passes the same file done right`, async () => {
      expect(await ruleIds(probe.filePath, probe.violating)).toContain(probe.rule);
      expect(await ruleIds(probe.filePath, probe.clean)).toEqual([]);
    }, 120_000);
  }
});
