// Lint rules, including the layering rules: lower layers never import higher ones.
//   common/  <- core/  <- node/ (CLI, HTTP bridge) and shell/ (Electron main)
//   src-renderer imports common/ as types only (common/vocabulary.ts, plain data, also at run time)
// Import cycles are errors in src-main, and the TypeScript sources get the type-checked rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
  },
});

/** The sources type-checked lint reads; the project service finds tsconfig.json for each. */
const TYPED_SOURCES = ['src-main/**/*.ts', 'src-renderer/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts', 'scripts/**/*.ts', '*.ts'];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'test-results/', '.cache/', 'tools/model/.work/', 'bench/results/', '**/*.py'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Type-checked rules (floating and misused promises, unsafe any, needless assertions, …).
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TYPED_SOURCES })),
  {
    files: TYPED_SOURCES,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Handler maps are async by contract (every request answers with a promise), so a handler
      // that needs no await is still right to be async.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests, benchmarks and tools read JSON they wrote themselves and pass methods to expect();
    // the promise and assertion rules stay on for them.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts', 'scripts/**/*.ts', '*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // WebSocket frames (Buffer or string) are read with String(data).
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,svelte}', 'src-renderer/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['src-main/**/*.ts'],
    plugins: { 'import-x': importX },
    // Facet's imports name their files with extensions, so Node's own resolution finds them.
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  layer(['src-main/common/**'], ['**/core/**', '**/node/**', '**/shell/**', 'electron'], 'common/ is the bottom layer: it imports nothing of Facet above it and never electron'),
  layer(['src-main/core/**'], ['**/node/**', '**/shell/**', 'electron', 'electron/*'], 'core/ is plain Node: no electron, no transports'),
  layer(['src-main/node/**'], ['**/shell/**', 'electron', 'electron/*'], 'node/ runs without Electron'),
  layer(['src-main/shell/**'], ['**/node/**', '**/src-renderer/**'], 'shell/ is the Electron main process: it serves the core over IPC and never loads the CLI, the bridge or the renderer'),
  layer(['src-renderer/**'], ['**/core/**', '**/node/**', '**/shell/**', 'electron', 'node:*'], 'the renderer talks to the core only through its client module and imports the contract as types'),
  {
    // The contract's schemas (zod) stay out of the renderer bundle: only types cross, and the
    // zod-free vocabulary (names and lists) as values.
    files: ['src-renderer/**/*.{ts,svelte}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/common/*', '!**/src-main/common/vocabulary.ts'],
              allowTypeImports: true,
              message: 'the renderer imports the contract as types only (`import type`); names and lists come from common/vocabulary.ts',
            },
          ],
        },
      ],
    },
  },
);
