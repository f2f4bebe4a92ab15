// touyin's lint: typescript-eslint's type-aware recommended rules with the project's own tsconfig. Formatting is
// Prettier's (.prettierrc.json), not the linter's. `npm run lint` runs both; .ci/run fails on either.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'public/',
      '.wrangler/',
      'drizzle/',
      'data/',
      'test/artifacts/',
      '**/*.cjs',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `_`-prefixed names are the project's way of saying "left out on purpose" (a destructured field dropped).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // A function over 60 lines (blank lines and comments aside) says why on its own line: `eslint-disable-next-line
    // max-lines-per-function -- reason`. A page component under src/web/ may run to 150: its body is the page's
    // markup, read top to bottom as the page shows it, and a section becomes its own component when it has data or
    // state of its own, not when the page grows long. Tests, scripts and seeds are not held to it.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['src/web/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Tests and scripts read JSON answers and workbook cells as they come (`await res.json()` is `any`) and assert on
    // them; the answers' types are held by the zod schemas in test/openapi.test.ts, not by casts in every test.
    files: ['test/**', 'scripts/**', 'seed/**', '*.config.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // A test's fake returns a value where the real one awaits, and a spy is passed around as a plain function.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // exceljs cells are `CellValue`, read as text by the tests that check a sheet.
      '@typescript-eslint/no-base-to-string': 'off',
      // `app.request` answers `Response | Promise<Response>`; a cast of a JSON answer names the shape a test reads.
      '@typescript-eslint/await-thenable': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
);
