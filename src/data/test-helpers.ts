// Test fixtures for the data rules: one in-memory DuckDB per test file, and a `lines` table as
// readLines builds it, filled with JSON rows at chosen files and line numbers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

/** Registers beforeAll/afterAll for one single-threaded in-memory database; call `db()` inside tests. */
export function useDuckDb(): () => DuckDBConnection {
  let instance: DuckDBInstance | undefined;
  let db: DuckDBConnection | undefined;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    db = await instance.connect();
  });
  afterAll(() => {
    db?.closeSync();
    instance?.closeSync();
  });
  return () => {
    if (!db) throw new Error('useDuckDb: the database opens in beforeAll');
    return db;
  };
}

/** Replace the `lines` table with these rows: [file, line, value serialised as JSON], all valid. */
export async function loadLines(db: DuckDBConnection, rows: readonly (readonly [string, number, unknown])[]): Promise<void> {
  await db.run('CREATE OR REPLACE TABLE lines (file VARCHAR, line BIGINT, raw VARCHAR, valid BOOLEAN)');
  for (const [file, line, value] of rows) await db.run('INSERT INTO lines VALUES ($file, $line, $raw, true)', { file, line, raw: JSON.stringify(value) });
}

/**
 * Registers a temp directory for one test file (removed afterwards). `fixture(name, content)` writes
 * a file there and returns its path; `at(name)` is the path of a file that may not exist; `dir()` the folder.
 */
export function useTempFiles(prefix: string): { fixture: (name: string, content: string | Buffer) => string; at: (name: string) => string; dir: () => string } {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const folder = () => {
    if (!dir) throw new Error('useTempFiles: the directory is made in beforeAll');
    return dir;
  };
  const at = (name: string) => join(folder(), name);
  return {
    fixture: (name, content) => {
      writeFileSync(at(name), content);
      return at(name);
    },
    at,
    dir: folder,
  };
}
