import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../services/audit.js';
import type { CheckRunRecord } from './checks.js';
import { openStore } from './open.js';
import type { Store } from './store.js';

const result = (seq: number, status: string, at: string, task: string | null = 'web.tls') => ({
  seq, task, rule: 'tls/cert-expiry', target: 'shop.test:443', status, summary: `${status} summary`, code: status === 'error' ? 'TIMEOUT' : null,
  findings: [{ severity: 'fail', code: 'x', message: 'm', hint: 'h' }], evidence: { chain: [{ subject: 'CN=shop.test' }], nul: 'a\uFFFDb' }, startedAt: new Date(at), durationMs: 12, attempts: 1,
});

const run = (id: string, at: string, results: CheckRunRecord['results']): CheckRunRecord => ({
  id, environment: 'production', startedAt: new Date(at), finishedAt: new Date(new Date(at).getTime() + 1000), actor: 'ci', cancelled: false, counts: { pass: 1 }, results,
});

describe('check runs in the store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dir: mkdtempSync(path.join(tmpdir(), 'golive-checks-store-')) });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('stores a run with its results and chains a checks.run entry that audit verify accepts', async () => {
    await store.record('p', { actor: 'dana', at: new Date('2026-12-01T09:00:00Z') }, () => ({ action: 'task.status', task: 'web.tls', to: 'done' }));
    const entry = await store.recordCheckRun('p', run('r1', '2026-12-01T10:00:00Z', [result(0, 'fail', '2026-12-01T10:00:00Z'), result(1, 'pass', '2026-12-01T10:00:01Z', null)]));
    expect(entry).toMatchObject({ action: 'checks.run', subject: 'r1' });
    expect(entry.payload).toMatchObject({ results: 2, environment: 'production' });
    const report = await verifyAudit(store, 'p');
    expect(report).toMatchObject({ ok: true, entries: 2 });
    expect((await store.state('p')).tasks.get('web.tls')?.status).toBe('done');
  });

  it('reads results of one environment since an instant, oldest first', async () => {
    await store.recordCheckRun('p', run('r2', '2026-12-02T10:00:00Z', [result(0, 'pass', '2026-12-02T10:00:00Z')]));
    const since = await store.checkResults('p', 'production', new Date('2026-12-01T12:00:00Z'));
    expect(since.map((r) => `${r.runId}:${r.status}`)).toEqual(['r2:pass']);
    expect(since[0]).toMatchObject({ task: 'web.tls', evidence: { chain: [{ subject: 'CN=shop.test' }] } });
    expect(await store.checkResults('p', 'staging', new Date(0))).toEqual([]);
  });

  it('audit verify notices a result changed behind golive\'s back', async () => {
    const db = (store as unknown as { db: { execute(q: unknown): Promise<unknown> } }).db;
    await db.execute(sql`update check_result set status = 'pass' where run_id = 'r1' and seq = 0`);
    const report = await verifyAudit(store, 'p');
    expect(report.ok).toBe(false);
    expect(report.state.join('\n')).toMatch(/check run r1: its stored results differ/);
  });
});
