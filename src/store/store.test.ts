import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startPostgres, type TestPostgres } from '../../test/support/postgres.js';
import { verifyAudit } from '../services/audit.js';
import { openStore } from './open.js';
import type { Store } from './store.js';

const at = (s: string) => new Date(s);

/** The same behaviour on the embedded store and on a real PostgreSQL server. */
for (const kind of ['embedded', 'postgres'] as const) {
  describe(`store (${kind})`, () => {
    let store: Store;
    let pg: TestPostgres | undefined;
    beforeAll(async () => {
      if (kind === 'postgres') pg = await startPostgres();
      const dir = mkdtempSync(path.join(tmpdir(), 'golive-store-'));
      store = await openStore({ dir, ...(pg ? { databaseUrl: pg.url } : {}) });
    });
    afterAll(async () => {
      await store?.close();
      await pg?.stop();
    });

    it('records a change in the tables and the audit log, chained', async () => {
      const a = await store.record('p1', { actor: 'dana', at: at('2026-11-20T10:00:00Z') }, () => ({ action: 'task.status', task: 't1', to: 'in_progress' }));
      const b = await store.record('p1', { actor: 'dana', at: at('2026-11-21T10:00:00Z') }, () => ({ action: 'task.status', task: 't1', to: 'done', evidence: ['https://example.com/proof'] }));
      expect(b.prevHash).toBe(a.hash);
      const state = await store.state('p1');
      expect(state.tasks.get('t1')).toMatchObject({ status: 'done', evidence: ['https://example.com/proof'], updatedBy: 'dana' });
      expect(await verifyAudit(store, 'p1')).toMatchObject({ ok: true, entries: 2, head: b.hash });
    });

    it('keeps projects apart', async () => {
      await store.record('p2', { actor: 'sam', at: at('2026-11-21T10:00:00Z') }, () => ({ action: 'task.assign', task: 't1', assignee: 'sam' }));
      expect((await store.state('p2')).tasks.get('t1')?.status).toBe('todo');
      expect((await store.entries('p2'))[0]?.prevHash).toBe('0'.repeat(64));
    });

    it('writes nothing when the decision refuses the change', async () => {
      const before = await store.entries('p1');
      await expect(store.record('p1', { actor: 'dana', at: new Date() }, () => { throw new Error('refused'); })).rejects.toThrow('refused');
      expect(await store.entries('p1')).toHaveLength(before.length);
    });

    it('stores sign-offs and waivers, and their revocation', async () => {
      await store.record('p1', { actor: 'lee', at: at('2026-11-22T10:00:00Z') }, () => ({ action: 'signoff.add', task: 't1', id: 's1', person: 'lee', role: 'legal', evidence: 'https://example.com/review', expiresAt: '2026-12-31T22:59:59.999Z' }));
      await store.record('p1', { actor: 'dana', at: at('2026-11-22T11:00:00Z') }, () => ({ action: 'waiver.add', task: 't2', id: 'w1', person: 'dana', reason: 'vendor late', until: '2026-12-20T00:00:00.000Z' }));
      await store.record('p1', { actor: 'dana', at: at('2026-11-23T11:00:00Z') }, () => ({ action: 'waiver.revoke', task: 't2', id: 'w1', reason: 'vendor delivered' }));
      const state = await store.state('p1');
      expect(state.signoffs[0]).toMatchObject({ person: 'lee', role: 'legal', expiresAt: new Date('2026-12-31T22:59:59.999Z'), revokedAt: null });
      expect(state.waivers[0]).toMatchObject({ id: 'w1', revokedBy: 'dana', revokeReason: 'vendor delivered' });
      expect((await verifyAudit(store, 'p1')).ok).toBe(true);
    });

    it('refuses to change or delete audit entries', async () => {
      const db = (store as unknown as { db: { execute(q: unknown): Promise<unknown> } }).db;
      const reason = (q: unknown) => db.execute(q).then(() => 'allowed', (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
      expect(await reason(sql`update audit_log set actor = 'mallory'`)).toMatch(/append-only: UPDATE/);
      expect(await reason(sql`delete from audit_log`)).toMatch(/append-only: DELETE/);
      expect(await reason(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE/);
    });

    it('reports an entry altered behind the trigger\'s back, without crashing on its payload', async () => {
      const db = (store as unknown as { db: { execute(q: unknown): Promise<unknown> } }).db;
      await store.record('p3', { actor: 'dana', at: at('2026-11-22T10:00:00Z') }, () => ({ action: 'task.status', task: 't1', to: 'done' }));
      await store.record('p3', { actor: 'dana', at: at('2026-11-22T11:00:00Z') }, () => ({ action: 'task.status', task: 't2', to: 'done' }));
      await db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await db.execute(sql`update audit_log set payload = 'null'::jsonb where project_id = 'p3' and subject = 't1'`);
      await db.execute(sql`update audit_log set at = at + interval '900 microseconds' where project_id = 'p3' and subject = 't2'`);
      await db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      const report = await verifyAudit(store, 'p3');
      expect(report.ok).toBe(false);
      expect(report.chain.map((c) => c.problem)).toEqual(expect.arrayContaining([expect.stringMatching(/altered/), expect.stringMatching(/payload is not a valid change/)]));
      // Sub-millisecond edits cannot hide: the column keeps milliseconds only, so the edit rounds to a visible change.
      expect(report.chain.filter((c) => /does not match its hash/.test(c.problem))).toHaveLength(2);
    });

    it('notices a table edited behind the log\'s back', async () => {
      const db = (store as unknown as { db: { execute(q: unknown): Promise<unknown> } }).db;
      await db.execute(sql`update task_state set status = 'done' where project_id = 'p2'`);
      const report = await verifyAudit(store, 'p2');
      expect(report.ok).toBe(false);
      expect(report.state).toEqual([expect.stringMatching(/^tasks t1: the table differs/)]);
    });
  });
}

describe('the embedded store after a crash', () => {
  it('opens with an empty postmaster.pid left by a process killed while PGlite started, data intact', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-store-pid-'));
    const first = await openStore({ dir });
    await first.record('p1', { actor: 'dana', at: at('2026-11-20T10:00:00Z') }, () => ({ action: 'task.status', task: 't1', to: 'done' }));
    await first.close();
    // What a SIGKILL right after PGlite created its lock file leaves (seen on a killed golive command).
    writeFileSync(path.join(dir, 'db', 'postmaster.pid'), '');
    const again = await openStore({ dir });
    try {
      expect((await again.state('p1')).tasks.get('t1')?.status).toBe('done');
      expect(await verifyAudit(again, 'p1')).toMatchObject({ ok: true, entries: 1 });
    } finally {
      await again.close();
    }
  });
});
