import { builtinModules } from 'node:module'
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'resources/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // A format's rules live in its own folder (src-main/core/formats/<format>/); everything else asks
    // the module or the StoreView capabilities, so no other product file compares a format's name.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts'],
    ignores: ['src-main/core/formats/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['BinaryExpression[operator=/^[!=]==?$/] > Literal', 'SwitchCase > Literal.test'].map((context) => ({
          selector: `${context}[value=/^(oxios|astrid|ao|claude|codex|gemini)$/]`,
          message: 'Ask the format module (or StoreView capabilities) instead of comparing a format name.',
        })),
      ],
    },
  },
  {
    // The shared layer (contract, model, reducers, display helpers) runs in the renderer and in
    // Node alike: it imports only itself.
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'src-shared runs in the browser too: no Node built-ins.' })),
          patterns: [{ regex: '^(?!\\./)', message: 'src-shared imports only src-shared.' }],
        },
      ],
    },
  },
  {
    // The core is plain Node: the CLI, the browser shell and tests run it without Electron or React.
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'zustand'].map((name) => ({
            name,
            message: 'src-main/core is pure Node: no Electron, no React.',
          })),
          patterns: [{ group: ['react-dom/*', 'electron/*'], message: 'src-main/core is pure Node: no Electron, no React.' }],
        },
      ],
    },
  },
  {
    // The renderer runs sandboxed; it reaches the main process only through the client interface.
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer never imports electron; use the client interface.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a browser: no Node built-ins.' })),
          ],
          patterns: [
            { group: ['node:*', 'electron/*'], message: 'The renderer runs in a browser: no Node built-ins, no electron.' },
            { group: ['**/src-main/**', '**/src-main'], message: 'The renderer imports only src-shared/ from outside itself.' },
          ],
        },
      ],
    },
  },
  {
    // Hooks live in .ts files too (src-renderer/src/hooks), so the rules cover both.
    files: ['src-renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
)
