// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import cycles from './scripts/lint/noImportCycles.mjs';

/** The bot framework types stay in src/bot; restify stays in src/server. */
const sdkImports = {
  group: ['botbuilder*', 'botframework-*', 'restify'],
  message: 'Keep SDK types in src/bot and src/server.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'data/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // One import cycle anywhere in src/ (type-only imports included) fails the lint, named in full.
    files: ['src/**/*.ts'],
    plugins: { local: cycles },
    rules: { 'local/no-import-cycles': ['error', { root: 'src' }] },
  },
  {
    // A types.ts module holds types only: it is never loaded at run time, so coverage leaves it out (.c8rc.json).
    files: ['src/**/types.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'FunctionDeclaration, ClassDeclaration, VariableDeclaration, TSEnumDeclaration',
          message: 'types.ts holds types only (coverage excludes it): put run-time code in a module of its own.',
        },
      ],
    },
  },
  {
    // The bot framework types stay in src/bot; restify stays in src/server.
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**', 'src/server/**', 'src/app.ts', 'src/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdkImports] }] },
  },
  {
    // Configuration owns its defaults and depends on no feature: src/config imports only its own files.
    files: ['src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            sdkImports,
            {
              regex: '^\\.\\./(?!\\.\\./package\\.json$)',
              message: 'src/config imports nothing from the features: keep the setting or its default in src/config.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // French typography puts no-break spaces before « : ; ! ? » and inside « guillemets », templates included.
    files: ['src/i18n/fr/**/*.ts'],
    rules: { 'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
