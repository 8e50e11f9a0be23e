import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { mainBoundaries } from './scripts/lint/main-boundaries.js';
import { rendererBoundaries } from './scripts/lint/renderer-boundaries.js';

/** Dependencies point one way: renderer -> contract <- main; only src-main/electron and the preload's entry touch electron. */
const noElectron = {
  paths: [
    { name: 'electron', message: 'Only src-main/electron/ and src-preload/index.ts may import electron: keep logic in plain TypeScript.' },
  ],
};
const noMain = {
  group: ['**/src-main/**', '../src-main/*', '../../src-main/*'],
  message: 'The renderer talks to the main process only through the contract (lib/bridge.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      'bench/results.json',
      // Breaks the window's and the main process's boundaries on purpose: their tests show the rules fail.
      'scripts/lint/fixture/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', noElectron],
    },
  },
  {
    files: ['src-main/electron/**', 'src-preload/index.ts', 'e2e/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { ...noElectron, patterns: [noMain] }],
    },
  },
  rendererBoundaries('src-renderer/src'),
  ...mainBoundaries('src-main'),
  {
    files: ['src-preload/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**', 'node:*'],
              message: 'The contract is shared by every process: plain TypeScript and zod only.',
            },
          ],
        },
      ],
    },
  },
);
