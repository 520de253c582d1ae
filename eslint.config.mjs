// ESLint the bpmn-io way: eslint-plugin-bpmn-io's browser and node configs by where the code
// runs, typescript-eslint for the TypeScript, the jsx config for the Preact components and
// the mocha config (adjusted to Vitest) for the specs. Part of `npm test` (README).
import { defineConfig, globalIgnores } from 'eslint/config';
import bpmnIoPlugin from 'eslint-plugin-bpmn-io';
import tseslint from 'typescript-eslint';

const { browser, node, jsx, mocha } = bpmnIoPlugin.configs;

// runs in the page: the Modeler's renderer and the playground's stand-in for it
const BROWSER_FILES = [ 'client/**', 'playground/host/**' ];

const TYPESCRIPT_FILES = [ '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts' ];

export default defineConfig([
  globalIgnores([ '**/dist/', 'coverage/', '.playground/', 'tmp/', 'artifacts/' ]),

  {
    files: [ '**/*.{js,mjs,cjs,ts,tsx,mts,cts}' ],
    ignores: BROWSER_FILES,
    extends: [ node ]
  },

  {
    files: BROWSER_FILES,
    extends: [ browser ]
  },

  // the plugin manifest, the menu module, the bin stub and the webpack config are CommonJS
  {
    files: [ '**/*.js' ],
    languageOptions: {
      sourceType: 'commonjs'
    }
  },

  {
    files: TYPESCRIPT_FILES,
    extends: [ tseslint.configs.recommended ],
    rules: {

      // bpmn-io's options for the base rule, on the TypeScript-aware one
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [ 'error', {
        args: 'none',
        ignoreRestSiblings: true,
        varsIgnorePattern: '^_',
        caughtErrors: 'none'
      } ]
    }
  },

  // `any` stays an error where the code is ours end to end (runtime, command line, worker,
  // bridge). It is allowed where values come untyped from bpmn-js, diagram-js, the properties
  // panel or the host (their own typings say `any`), in declarations of untyped modules, and
  // in specs and benchmarks poking at those.
  {
    files: [ 'client/**', 'playground/**', 'test/**', 'bench/**', '**/*.d.ts', '**/*.d.mts' ],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off'
    }
  },

  // Preact components: TSX compiled for `jsxImportSource: preact` (tsconfig.json)
  {
    files: [ '**/*.tsx' ],
    extends: [ jsx ],
    settings: {
      react: { version: '18.3' }
    },
    rules: {

      // Preact passes DOM attribute names as written (bpmn-io's config allows `class` for that)
      'react/no-unknown-property': [ 'error', { ignore: [ 'class', 'for', 'autocomplete', 'spellcheck' ] } ]
    }
  },

  // Vitest specs: mocha's rules fit `describe` / `it`; Vitest's globals are imported
  {
    files: [ 'test/**' ],
    extends: [ mocha ],
    rules: {

      // Vitest passes no `this` to tests, so arrows are fine
      'mocha/no-mocha-arrows': 'off'
    }
  }
]);
