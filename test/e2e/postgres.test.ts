import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { makeProject, runCli } from '../support/cli.js';

describe('the CLI on a shared PostgreSQL server (DATABASE_URL)', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('records, reports and verifies the same way as the embedded store, two projects side by side', async () => {
    const env = { GOLIVE_NOW: '2026-12-01T10:00:00Z', DATABASE_URL: pg.url };
    const a = makeProject();
    const b = makeProject();
    const { readFileSync, writeFileSync, existsSync } = await import('node:fs');
    writeFileSync(`${b}/golive.yaml`, readFileSync(`${b}/golive.yaml`, 'utf8').replace('id: e2e-shop', 'id: other-shop'));
    expect((await runCli(['task', 'web.launch-plan', 'done'], a, env)).code).toBe(0);
    expect((await runCli(['signoff', 'web.launch-plan', '--as', 'pia'], a, env)).code).toBe(0);
    expect((await runCli(['gate'], a, env)).code).toBe(0);
    expect((await runCli(['gate'], b, env)).code).toBe(1);
    const verify = await runCli(['audit', 'verify', '--json'], a, env);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, entries: 2 });
    expect(existsSync(`${a}/.golive`)).toBe(false);
  });
});
