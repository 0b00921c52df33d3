// Lint rules, including the layering rule: lower layers never import higher ones.
//   common/  <- core/  <- node/ (CLI, HTTP bridge) and shell/ (Electron)      src-renderer imports common types only
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
  },
});

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
  {
    files: ['src-renderer/**/*.{ts,svelte}', 'src-renderer/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  layer(['src-main/common/**'], ['**/core/**', '**/node/**', '**/shell/**', 'electron'], 'common/ is the bottom layer: it imports nothing of Facet above it and never electron'),
  layer(['src-main/core/**'], ['**/node/**', '**/shell/**', 'electron', 'electron/*'], 'core/ is plain Node: no electron, no transports'),
  layer(['src-main/node/**'], ['**/shell/**', 'electron', 'electron/*'], 'node/ runs without Electron'),
  layer(['src-renderer/**'], ['**/core/**', '**/node/**', '**/shell/**', 'electron', 'node:*'], 'the renderer talks to the core only through its client module and imports the contract as types'),
);
