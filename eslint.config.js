// ESLint 9 flat config. Fast editor feedback; the module graph itself is checked by
// dependency-cruiser (.dependency-cruiser.cjs, ADR 001), so only name-level and syntax-level
// boundary rules live here. Not type-aware, to keep `npm run lint` well under a minute on two cores.
import js from '@eslint/js'
import nextPlugin from '@next/eslint-plugin-next'
import reactHooks from 'eslint-plugin-react-hooks'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Modules allowed to call the cross-tenant reads in lib/db/system.ts (see ADR 001). */
const CROSS_TENANT_READERS = ['modules/users/**', 'modules/billing/**']

export default defineConfig([
  globalIgnores([
    '.next/',
    '.data/',
    'coverage/',
    'lib/db/generated/',
    'node_modules/',
    'playwright-report/',
    'test-results/',
    // Planted violations for tests/architecture/boundaries.test.ts, which lints them on purpose.
    'tests/fixtures/boundaries/',
    'next-env.d.ts',
  ]),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // React: hooks live in components only. Not on .ts files, where `useSecureCookies()` and the
  // like are plain functions whose names start with "use".
  { files: ['**/*.tsx'], ...reactHooks.configs.flat.recommended },

  {
    files: ['**/*.{ts,tsx}'],
    ...nextPlugin.configs['core-web-vitals'],
    settings: { next: { rootDir: import.meta.dirname } },
  },

  // A module's index.ts names what it exports; `export *` would publish internals by accident.
  {
    files: ['modules/*/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Export each public name explicitly from a module index (ADR 001); no `export *`.',
        },
      ],
    },
  },

  // dependency-cruiser sees files, not names: @/lib/db is open to all, but its cross-tenant reads
  // are for the users and billing modules only. NOTE: a later block that sets no-restricted-imports
  // for these files replaces this one rather than adding to it.
  {
    files: ['**/*.{ts,tsx}'],
    ignores: [...CROSS_TENANT_READERS, 'lib/db/**', 'tests/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/db', '@/lib/db/index', '**/lib/db', '**/lib/db/index'],
              importNames: ['listMembershipsOfUser'],
              message: 'Cross-tenant reads are for modules/users and modules/billing only (ADR 001).',
            },
          ],
        },
      ],
    },
  },
])
