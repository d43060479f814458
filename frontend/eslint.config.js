// ESLint as create-vite's React + TypeScript template sets it up: the
// recommended JavaScript and typescript-eslint rules, React's hooks rules
// (rules-of-hooks, exhaustive-deps and the React Compiler's checks such as
// set-state-in-effect) and Fast Refresh's one-component-a-module rule.
// `npm run lint` allows no warning, and `npm test` runs it.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import reactRefresh from 'eslint-plugin-react-refresh'
import tseslint from 'typescript-eslint'
import { defineConfig, globalIgnores } from 'eslint/config'

export default defineConfig([
  globalIgnores(['dist', 'e2e/output', 'src/graphql/generated.ts']),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended, reactRefresh.configs.vite],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
    },
  },
  {
    // The browser tests run in Node and hand functions to the page
    // (page.evaluate), so both sets of globals hold.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
])
