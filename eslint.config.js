import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Modules the pure layer must never reach: it runs in the renderer, the main process and the CLI alike. */
const impureModules = [
  'electron',
  'better-sqlite3',
  'exceljs',
  'react',
  'react-dom',
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'coverage', '.tmp', '.cache'] },
  { files: ['**/*.ts', '**/*.tsx'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: impureModules.map((m) => ({ group: [m], message: 'shared/ is pure TypeScript' })) },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', 'electron', 'node:*', 'better-sqlite3', 'exceljs'],
              message: 'the window reaches main only through window.api',
            },
          ],
        },
      ],
    },
  },
);
