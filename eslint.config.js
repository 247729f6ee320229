// Lint: TypeScript rules, plus the bans that keep the pure parts pure and stdout in the CLI.
import tseslint from 'typescript-eslint';

const IO_MODULES = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'dns', 'node:dns', 'dns/promises', 'node:dns/promises', 'tls', 'node:tls', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process', 'dgram', 'node:dgram', 'undici'];
const DB_MODULES = ['pg', '@electric-sql/pglite', 'drizzle-orm', 'drizzle-orm/*'];

const pureImports = {
  paths: [...IO_MODULES, ...DB_MODULES.filter((m) => !m.includes('*'))].map((name) => ({ name, message: 'pure code does no I/O: take what you need as a value' })),
  patterns: [
    { group: ['drizzle-orm/*', '**/store/*', '**/services/*', '**/cli/*'], message: 'pure code must not reach the store, services or CLI' },
  ],
};

const clockBans = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pure code takes the time as a value (now: Date), never reads the clock' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pure code takes the time as a value (now: Date), never reads the clock' },
  { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local)$/]", message: 'pure code takes the time as a value (now: Date), never reads the clock' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'drizzle/**', 'tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Only the CLI writes to stdout or sets exit codes.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', '**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'stdout', message: 'only src/cli writes to stdout' }, { object: 'process', property: 'exit', message: 'only src/cli sets exit codes' }, { object: 'process', property: 'exitCode', message: 'only src/cli sets exit codes' }],
    },
  },
  {
    // SQL lives in the store only.
    files: ['src/**/*.ts'],
    ignores: ['src/store/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: DB_MODULES.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'only src/store talks to the database' })), patterns: [{ group: ['drizzle-orm/*'], message: 'only src/store talks to the database' }] }],
    },
  },
  {
    // Pure parts: plan, gate, report, state and every rule. No I/O, no database, no clock.
    // Last, so its import bans (a superset of the store ban) win for these files.
    files: ['src/plan/**/*.ts', 'src/gate/**/*.ts', 'src/report/**/*.ts', 'src/state/**/*.ts', 'src/**/*.rule.ts', 'src/data/codes.ts', 'src/data/script.ts', 'src/data/identity.ts', 'src/data/union-find.ts', 'src/spryker/derive.ts', 'src/experiment/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', pureImports],
      'no-restricted-syntax': ['error', ...clockBans],
      'no-restricted-globals': ['error', { name: 'process', message: 'pure code gets its inputs as arguments' }, { name: 'fetch', message: 'pure code does no I/O' }, { name: 'console', message: 'pure code returns strings; the CLI prints them' }],
    },
  },
);
