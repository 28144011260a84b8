import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Globals the engine must not touch: wall clocks, timers and host objects break determinism and purity. */
const simRestrictedGlobals = [
  ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'requestAnimationFrame'].map(
    (name) => ({ name, message: 'The engine runs on a virtual clock: schedule events in the simulation, not with host timers.' }),
  ),
  { name: 'performance', message: 'No wall-clock time in the engine: it must be deterministic.' },
  { name: 'crypto', message: 'Draw randomness from the seeded RNG streams, never from the host.' },
  ...['window', 'document', 'self', 'navigator', 'globalThis', 'process', 'fetch'].map((name) => ({
    name,
    message: 'The engine is pure: no host objects. It runs the same in Node and in the worker.',
  })),
];

const simForbiddenPackages = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'd3', 'd3-*', 'comlink', 'zustand', 'zustand/*', 'node:*'],
  message: 'src/sim is the pure engine: no UI, drawing, worker or Node libraries. It runs the same in Node and in the worker.',
};

/**
 * Forbid imports that leave src/sim (data flows one way: other layers import the engine, never the reverse).
 * A relative path escapes src/sim when it climbs as many levels as the file is deep, so there is one block per depth.
 * @type {import('eslint').Linter.Config[]}
 */
const simImportBlocks = [1, 2, 3, 4, 5, 6].map((depth) => ({
  files: [`src/sim/${'*/'.repeat(depth - 1)}*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          simForbiddenPackages,
          { regex: `^(\\.\\./){${depth}}`, message: 'src/sim must not import from outside src/sim.' },
        ],
      },
    ],
  },
}));

/**
 * A relative import of one of the page's layers: `../state/index`, `../../worker/index`, `../app/createApp`.
 * @param {...string} layers
 */
const layerImport = (...layers) => `^(\\./)?(\\.\\./)+(${layers.join('|')})(/|$)`;

/** What the page's main thread may import from src/sim: values from the format, types from anywhere. */
const pageSimPatterns = [
  { regex: '(^|/)sim/index$', allowTypeImports: true, message: 'The page imports values from src/sim/format; src/sim/index adds the engine, which runs in the workers.' },
  {
    regex: '(^|/)sim/(?!format$|index$|configImport$)',
    message: 'Import the scenario format through src/sim/format (or the configuration importer, loaded on demand, through src/sim/configImport), not from inside src/sim.',
  },
];

const noNewWorker = {
  selector: "NewExpression[callee.name='Worker']",
  message: 'Workers are made only in src/worker, by the worker clients (watchdog, restart), and only the composition root (src/app) creates those.',
};

/**
 * The page's layers, each importing only the ones below it: ui → state → worker clients → sim, with src/app (the
 * composition root) above them all; src/links and src/viz are pure and import none of the page's layers.
 * @type {import('eslint').Linter.Config[]}
 */
const layerBlocks = [
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: layerImport('worker', 'app'),
              allowTypeImports: true,
              message: 'Components get workers and stores from the composition root (src/app) through the app context: import only types from src/worker and src/app.',
            },
            { group: ['comlink'], message: 'Components never talk to a worker: call a store or a command.' },
            ...pageSimPatterns,
          ],
        },
      ],
      'no-restricted-syntax': ['error', noNewWorker],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: layerImport('ui', 'app'), message: 'Stores sit below the components and the composition root: src/state imports neither.' },
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'comlink'], message: 'Stores are vanilla Zustand over worker clients: no React, no Comlink.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', noNewWorker],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: layerImport('ui', 'state', 'app'), message: 'Worker clients sit below the stores: src/worker imports no component, store or root.' },
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-*'], message: 'Worker clients and workers carry no UI or store library.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/viz/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: layerImport('worker', 'state', 'ui', 'app', 'links'), message: 'src/viz is pure geometry: it imports no worker, store, component or root (only the engine’s types).' },
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'comlink'], message: 'src/viz is pure geometry: no React, store or worker library.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', noNewWorker],
    },
  },
  { files: ['src/app/**/*.ts'], rules: { 'no-restricted-syntax': ['error', noNewWorker] } },
];

export default defineConfig([
  globalIgnores(['dist/', 'coverage/', 'test-results/', 'playwright-report/', '.tmp/']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },

  // Environments (matter for plain JS files; TypeScript checks globals in .ts files).
  { files: ['src/ui/**', 'src/state/**', 'src/app/**', 'src/main.tsx', 'src/worker/**'], languageOptions: { globals: globals.browser } },
  { files: ['src/worker/**/*.worker.ts'], languageOptions: { globals: globals.worker } },
  {
    files: ['src/cli/**', 'bench/**', 'scripts/**', 'test/**', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },

  // Determinism and purity of the engine are product features: enforce them.
  {
    files: ['src/sim/**'],
    rules: {
      'no-restricted-globals': ['error', ...simRestrictedGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Draw from a seeded RNG stream: runs must replay exactly from scenario + seed.' },
        { object: 'Date', property: 'now', message: 'No wall-clock time in the engine: use the simulation clock.' },
        // Transcendental functions round their last bit differently from one JS engine to another.
        ...['log', 'exp', 'pow', 'log1p', 'expm1', 'log2', 'log10', 'sin', 'cos', 'tan', 'atan', 'atan2', 'cbrt', 'hypot', 'sinh', 'cosh', 'tanh', 'asin', 'acos'].map((property) => ({
          object: 'Math',
          property,
          message: 'Use src/sim/engine/portableMath (same bits in Node and every browser): Math.' + property + ' differs in the last bit between engines.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No wall-clock time in the engine: use the simulation clock.',
        },
      ],
    },
  },

  ...simImportBlocks,

  ...layerBlocks,

  // The rules of hooks, and the React Compiler's checks that come with them, on every component and hook.
  { files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'test/**/*.tsx'], extends: [reactHooks.configs.flat.recommended] },

  // Links and exports are pure too (no host objects, timers or randomness), and reach the engine only through its index.
  {
    files: ['src/links/**'],
    rules: {
      'no-restricted-globals': ['error', ...simRestrictedGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Links are data: nothing in them may depend on chance.' },
        { object: 'Date', property: 'now', message: 'Links are data: nothing in them may depend on the clock.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { ...simForbiddenPackages, message: 'src/links is pure: no UI, drawing, worker or Node libraries.' },
            { regex: '^\\.\\./(?!sim/format$)', message: 'src/links imports the scenario format only through src/sim/format (never the engine), and no other layer.' },
          ],
        },
      ],
    },
  },

  // The page's main thread loads the scenario format, never the engine: the engine runs in the workers, and
  // a value imported from src/sim/index (or from inside src/sim) could pull it into the main bundle.
  {
    // (src/ui has these patterns in its layer block: one rule, one list.)
    files: ['src/app/**', 'src/state/**', 'src/viz/**', 'src/main.tsx', 'src/worker/bridge.ts', 'src/worker/fanoutStudy.ts', 'src/worker/sweepPool.ts', 'src/worker/sweepProtocol.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: pageSimPatterns,
        },
      ],
    },
  },

  // STYLE: small files, one concept each. No source file over 400 lines (test/lint/fileSize.test.ts says which, too).
  { files: ['src/**/*.{ts,tsx}'], rules: { 'max-lines': ['error', { max: 400 }] } },

  // Plain JS files (this config, scripts) are checked by tsc via checkJs; keep type-aware rules for TS only.
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
]);
