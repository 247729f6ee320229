import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { StoreError } from '../errors.js';
import { acquireLock } from './lock.js';
import * as schema from './schema.js';
import { Store, type Db, type StoreOptions } from './store.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle/', import.meta.url));

export interface OpenOptions {
  /** Directory of the embedded store (default: .golive next to golive.yaml). */
  dir: string;
  /** postgres://… to use a shared PostgreSQL server instead of the embedded store. */
  databaseUrl?: string;
  /** What is running, written into the lock file for whoever has to wait. */
  command?: string;
  /** How long to wait for another golive process to release the embedded store. */
  lockWaitMs?: number;
  /** Passed to the store (fault injection for crash tests). */
  storeOptions?: StoreOptions;
}

/** Open the store named by the options and bring its schema up to date. */
export async function openStore(options: OpenOptions): Promise<Store> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.storeOptions) : openEmbedded(options);
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.host}${u.pathname}`;
  } catch {
    return 'postgres';
  }
}

async function openPostgres(url: string, storeOptions: StoreOptions = {}): Promise<Store> {
  const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator')]);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new StoreError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`, {
      cause: err,
      hint: 'check DATABASE_URL (postgres://user:password@host:5432/db) and that the server accepts connections; unset it to use the embedded store',
    });
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  try {
    // Several golive processes may start against a fresh server at once: migrate one at a time.
    await db.execute(sql`select pg_advisory_lock(hashtext('golive:migrate'))`);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
    await db.execute(sql`select pg_advisory_unlock(hashtext('golive:migrate'))`);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new StoreError(`cannot prepare the golive tables in PostgreSQL: ${(err as Error).message}`, { cause: err, hint: 'the user in DATABASE_URL needs CREATE rights on the database' });
  }
  return new Store(db, () => client.end(), `postgres ${redactUrl(url)}`, storeOptions);
}

/**
 * Removes the database's `postmaster.pid` before PGlite starts. PGlite writes it while the store is
 * open; a process killed at the moment it is created leaves it empty, and Postgres then refuses to
 * start ("the lock file is the remnant of a previous server startup crash"): every later command
 * failed on a store whose data was intact. golive's own lock is held when this runs, so no other
 * golive process has the store open and whatever pid file is there is stale.
 */
function removeStalePidFile(dataDir: string): void {
  rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
}

async function openEmbedded(options: OpenOptions): Promise<Store> {
  const fresh = !existsSync(options.dir);
  try {
    mkdirSync(options.dir, { recursive: true });
    if (fresh) writeFileSync(path.join(options.dir, '.gitignore'), '# golive embedded store: local state, not for version control\n*\n');
  } catch (err) {
    throw new StoreError(`cannot create the store directory ${options.dir}`, { cause: err, hint: 'check permissions, or set DATABASE_URL to use PostgreSQL' });
  }
  const lock = await acquireLock(path.join(options.dir, 'lock'), options.lockWaitMs ?? 15_000, options.command ?? 'golive');
  try {
    const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
    const dataDir = path.join(options.dir, 'db');
    if (!existsSync(dataDir)) {
      // Create the database beside its final place and move it in when complete: a process
      // killed during the first (slow) creation leaves no half-made database behind.
      for (const stale of readdirSync(options.dir).filter((f) => f.startsWith('db.creating-'))) rmSync(path.join(options.dir, stale), { recursive: true, force: true });
      const staging = path.join(options.dir, `db.creating-${process.pid}`);
      const fresh = await PGlite.create(staging);
      await migrate(drizzle(fresh, { schema }), { migrationsFolder: MIGRATIONS_DIR });
      await fresh.close();
      renameSync(staging, dataDir);
    }
    removeStalePidFile(dataDir);
    const client = await PGlite.create(dataDir);
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    const close = async () => {
      try {
        await client.close();
      } finally {
        lock.release();
      }
    };
    return new Store(db as unknown as Db, close, `embedded ${options.dir}`, options.storeOptions);
  } catch (err) {
    lock.release();
    throw new StoreError(`cannot open the embedded store in ${options.dir}: ${(err as Error).message}`, { cause: err, hint: 'if the directory was copied from another version of golive, move it aside and start again' });
  }
}
