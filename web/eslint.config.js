import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Devices store nothing (PRODUCT.md §17): the glass app must not touch browser storage.
const browserStorage = ['localStorage', 'sessionStorage', 'indexedDB', 'caches'];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['glass/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', ...browserStorage],
      'no-restricted-properties': [
        'error',
        ...browserStorage.map((property) => ({ object: 'window', property })),
        { object: 'navigator', property: 'storage' },
      ],
    },
  },
  prettier,
);
