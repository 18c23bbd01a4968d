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
        // Whatever the name (a seventh format's too): no `x.format === '…'` and no `switch (x.format)`.
        ...[
          'BinaryExpression[operator=/^[!=]==?$/][left.property.name="format"][right.type="Literal"]',
          'BinaryExpression[operator=/^[!=]==?$/][right.property.name="format"][left.type="Literal"]',
          'SwitchStatement[discriminant.property.name="format"]',
        ].map((selector) => ({
          selector,
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
  ...[
    // The core is plain Node: the CLI, the browser shell and tests run it without Electron or React.
    // Outside a format's own folder the code asks the registry, never a format's files; a format
    // reads none of another's.
    {
      files: ['src-main/core/**/*.ts'],
      ignores: ['src-main/core/formats/*/**'],
      own: { regex: 'formats/[^/]+/', what: 'outside a format' },
    },
    { files: ['src-main/core/formats/*/**/*.ts'], own: { regex: '^\\.\\./(?!\\.\\.)[^/]+/', what: "in another format's folder" } },
  ].map(({ files, ignores, own }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'zustand'].map((name) => ({
            name,
            message: 'src-main/core is pure Node: no Electron, no React.',
          })),
          patterns: [
            { group: ['react-dom/*', 'electron/*'], message: 'src-main/core is pure Node: no Electron, no React.' },
            {
              group: ['**/app/*', '**/cli/*', '**/electron/*', '**/browser-shell/*', '**/ipc/*'],
              message: 'The core knows nothing of the service or the shells above it.',
            },
            { regex: own.regex, message: `No imports of a format's own files ${own.what}: ask formats/registry.ts.` },
          ],
        },
      ],
    },
  })),
  {
    // The service and the IPC layer, like the shells, ask the registry, never a format's own files.
    files: ['src-main/app/**/*.ts', 'src-main/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: 'formats/[^/]+/', message: "No imports of a format's own files outside it: ask formats/registry.ts." }] },
      ],
    },
  },
  {
    // The shells parse arguments or messages, call the one application service, and render what
    // it answers: they reach the core only through the service (src-main/app/).
    files: ['src-main/cli/**/*.ts', 'src-main/electron/**/*.ts', 'src-main/browser-shell/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/core'],
              message: 'Shells call the service (src-main/app/app-service.ts, app/shell-api.ts), not the core.',
            },
          ],
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
