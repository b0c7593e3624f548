import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    // The domain is pure: it may not reach into the other layers or do I/O.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../workspace/*', '../../store/*', '../../evidence/*', '../../monitoring/*', '../../reports/*', '../../server/*', '../../cli/*', '../workspace/*', '../store/*', '../evidence/*', '../monitoring/*', '../reports/*', '../server/*', '../cli/*'], message: 'src/domain imports nothing else of the project.' },
            { group: ['node:*', 'fs', 'path', 'http', 'net', 'child_process'], message: 'src/domain does no I/O.' },
            { regex: '^(\\.\\./)+(contract|web)/', message: 'src/domain imports nothing else of the project.' },
          ],
        },
      ],
    },
  },
  {
    // The contract is what the server and the web share: zod and the domain, nothing of the server.
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|\\.\\./domain/|\\./)', message: 'src/contract imports only zod and src/domain.' }] },
      ],
    },
  },
  {
    // The server never reaches into the web app.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/domain/**', 'src/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+web/', message: 'src imports nothing of web/.' }] }],
    },
  },
  {
    // The web reaches src only through its aliases, and takes only types from the contract: its schemas would
    // bring zod into the bundle (the limits are plain numbers).
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+src/', message: 'Import the domain and the contract as @assay/domain and @assay/contract.' },
            {
              regex: '^@assay/contract(/(?!limits\\.js$).*)?$',
              allowTypeImports: true,
              message: 'The web takes types from the contract (import type); limits come from @assay/contract/limits.js.',
            },
            { regex: '^zod$', allowTypeImports: true, message: 'The web does not bundle zod.' },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point one way: workspace → monitoring → evidence → domain. Reading check files is the
    // workspace's (they are part of its format); monitoring compiles and runs checks and reads no workspace.
    files: ['src/monitoring/**/*.ts', 'src/evidence/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../workspace/*', '../store/*', '../services/*', '../reports/*', '../server/*', '../cli/*'], message: 'monitoring and evidence depend on the domain only (monitoring on evidence too): the workspace reads check files and calls monitoring.' },
            { group: ['../monitoring/*'], message: 'evidence imports nothing of monitoring.' },
          ],
        },
      ],
    },
  },
);
