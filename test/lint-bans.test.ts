import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function rules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint keeps the pure parts pure', () => {
  const cases: [string, string, string][] = [
    ['src/plan/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;", 'no-restricted-imports'],
    ['src/gate/x.ts', "import pg from 'pg';\nexport const a = pg;", 'no-restricted-imports'],
    ['src/report/x.ts', "import { Store } from '../store/store.js';\nexport type A = Store;", 'no-restricted-imports'],
    ['src/checks/tls/cert-expiry.rule.ts', "import { connect } from 'node:tls';\nexport const a = connect;", 'no-restricted-imports'],
    ['src/plan/x.ts', 'export const now = new Date();', 'no-restricted-syntax'],
    ['src/gate/x.ts', 'export const now = Date.now();', 'no-restricted-syntax'],
    ['src/report/x.ts', 'export const env = process.env;', 'no-restricted-globals'],
    ['src/services/x.ts', "process.stdout.write('x');", 'no-restricted-properties'],
    ['src/services/x.ts', "import { drizzle } from 'drizzle-orm/pglite';\nexport const d = drizzle;", 'no-restricted-imports'],
  ];
  for (const [file, code, rule] of cases) {
    it(`${file}: ${code.split('\n')[0]} is refused (${rule})`, async () => {
      expect(await rules(file, code)).toContain(rule);
    });
  }

  it('allows the same code where it belongs', async () => {
    expect(await rules('src/store/x.ts', "import { drizzle } from 'drizzle-orm/pglite';\nexport const d = drizzle;")).toEqual([]);
    expect(await rules('src/cli/x.ts', "process.stdout.write('x');")).toEqual([]);
    expect(await rules('src/plan/x.ts', 'export const at = (now: Date) => new Date(now.getTime() + 1);')).toEqual([]);
  });
});
