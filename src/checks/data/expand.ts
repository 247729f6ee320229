import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ProbeError } from '../types.js';

const hasGlob = (pattern: string) => /[*?[{]/.test(pattern);

/** The files a target names: one path, or every match of a glob (DuckDB's glob(), sorted). */
export async function expand(pattern: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, pattern);
  if (!hasGlob(pattern)) {
    const found = await stat(absolute).catch(() => undefined);
    if (!found?.isFile()) throw new ProbeError('FILE_NOT_FOUND', `${pattern}: no such file (looked in ${cwd})`, { hint: 'export the data first, or point the variable the check uses at the export (a path or a glob, relative to golive.yaml)' });
    return [absolute];
  }
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const db = await instance.connect();
  try {
    const rows = (await db.runAndReadAll('SELECT file FROM glob($p) ORDER BY file', { p: absolute })).getRowObjectsJson();
    const files = rows.map((r) => String(r.file));
    if (files.length === 0) throw new ProbeError('FILE_NOT_FOUND', `${pattern}: no file matches (looked in ${cwd})`, { hint: 'check the glob; it is relative to golive.yaml' });
    return files;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

