import path from 'node:path';

/** Whether a file argument is a glob (DuckDB's syntax: *, ?, [..], {a,b}, and ** for any depth). */
export const hasGlob = (pattern: string) => /[*?[{]/.test(pattern);

/** A file as read (absolute) and as shown to the user (as given, or relative to cwd for a glob's match). */
export interface GivenFile {
  absolute: string;
  given: string;
}

/**
 * File arguments as the user gave them, with globs expanded (by DuckDB's glob(), sorted by name):
 * a quoted glob works the same as one the shell expanded. A plain path stays as given, so the reader
 * reports a missing file with its own reason; a glob that matches nothing is listed in `unmatched`.
 */
export async function expandFiles(args: readonly string[], cwd: string): Promise<{ files: GivenFile[]; unmatched: string[] }> {
  const files: GivenFile[] = [];
  const unmatched: string[] = [];
  const globs = args.filter(hasGlob);
  const matches = globs.length === 0 ? new Map<string, string[]>() : await globMatches(globs.map((g) => path.resolve(cwd, g)));
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    if (!hasGlob(arg)) files.push({ absolute, given: arg });
    else {
      const found = matches.get(absolute) ?? [];
      if (found.length === 0) unmatched.push(arg);
      for (const file of found) files.push({ absolute: file, given: path.isAbsolute(arg) ? file : path.relative(cwd, file) });
    }
  }
  return { files, unmatched };
}

async function globMatches(patterns: string[]): Promise<Map<string, string[]>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const db = await instance.connect();
  try {
    const result = new Map<string, string[]>();
    for (const p of patterns) {
      const rows = (await db.runAndReadAll('SELECT file FROM glob($p) ORDER BY file', { p })).getRowObjectsJson();
      result.set(p, rows.map((r) => String(r.file)));
    }
    return result;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
