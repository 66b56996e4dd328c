import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Workflow code runs in Temporal's deterministic sandbox. At run time it imports only
// @temporalio/workflow (and @temporalio/common's pure helpers), files of its own under workflows/
// and, through workflows/contract, zod/mini: no Node built-ins, no package that does I/O, nothing
// from src/. Anything may still be imported as a type (erased at compile time).
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
function workflowImports(packages, { leaveFolder }) {
  const others = `^(?!(${packages.map(escape).join('|')})$)(?![.]{1,2}/)`;
  const message = `Workflow code imports at run time only ${packages.join(', ')} and files of its own; anything else with \`import type\`.`;
  return [
    'error',
    {
      patterns: [
        { regex: others, message, allowTypeImports: true },
        {
          regex: leaveFolder ? '^([.]{2}/)+src(/|$)' : '^[.]{2}/',
          message: leaveFolder
            ? 'Workflow code takes only types from src/: `import type`.'
            : 'The contract stands alone: it imports nothing from workflows/ or src/ but types.',
          allowTypeImports: true,
        },
      ],
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-artifacts/**',
      'src/dashboard/web/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/contract/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': workflowImports(
        ['@temporalio/workflow', '@temporalio/common'],
        { leaveFolder: true },
      ),
    },
  },
  {
    // The one module both sides import: workflow code, and the API (src/).
    files: ['workflows/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': workflowImports(
        ['@temporalio/workflow', 'zod/mini'],
        { leaveFolder: false },
      ),
    },
  },
  {
    // Tests read JSON bodies of many shapes; typing each one would only restate the assertions.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
      sourceType: 'commonjs',
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // The dashboard runs in the browser as plain ES modules (no build step).
    files: ['dashboard/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  prettier,
);
