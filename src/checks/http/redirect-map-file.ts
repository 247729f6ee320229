import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { ProbeError } from '../types.js';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv.js';

/**
 * Reads a redirect map: a CSV file with a header row naming the `old` and `new` columns (other
 * columns are ignored), one mapping per row. Relative URLs are made absolute with `base`; a
 * relative `new` without a base is resolved against its `old` URL. Problems name file and line.
 */

export interface MapRow {
  line: number;
  old: string;
  new: string;
}

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const HEADER_HINT = 'the first row must name the columns, e.g. "old,new" (also accepted: from,to or source,target), followed by one mapping per row';
const COLUMN_NAMES: Record<'old' | 'new', string[]> = { old: ['old', 'from', 'source', 'old_url', 'old url'], new: ['new', 'to', 'target', 'new_url', 'new url'] };

function invalid(where: string, message: string, hint: string): ProbeError {
  return new ProbeError('INVALID_TARGET', `${where}: ${message}`, { hint });
}

function columns(header: CsvRecord, file: string): { old: number; new: number } {
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const find = (kind: 'old' | 'new') => names.findIndex((n) => COLUMN_NAMES[kind].includes(n));
  const at = { old: find('old'), new: find('new') };
  if (at.old < 0 || at.new < 0) throw invalid(`${file}:${header.line}`, `no "old" and "new" columns in the header row (found: ${header.fields.join(', ') || 'nothing'})`, HEADER_HINT);
  return at;
}

function absolute(value: string, base: string | undefined, where: string, column: string): string {
  const v = value.trim();
  if (!v) throw invalid(where, `the ${column} URL is empty`, 'every row needs both an old and a new URL; delete empty rows');
  const isAbs = /^[a-z][a-z0-9+.-]*:/i.test(v);
  if (!isAbs && !base) throw invalid(where, `the ${column} URL "${v}" is relative and no base URL is set`, 'write full URLs (https://www.example.com/path) or set the rule option "base" to the site URL');
  let url: URL;
  try {
    url = new URL(v, base);
  } catch {
    throw invalid(where, `the ${column} URL "${v}" is not a valid URL`, 'write a full URL such as https://www.example.com/path, with special characters percent-encoded');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(where, `the ${column} URL "${v}" is not http(s)`, 'redirect maps hold http:// or https:// URLs');
  return url.href;
}

function toRow(r: CsvRecord, at: { old: number; new: number }, file: string, base: string | undefined): MapRow {
  const where = `${file}:${r.line}`;
  const width = Math.max(at.old, at.new) + 1;
  if (r.fields.length < width) throw invalid(where, `the row has ${r.fields.length} column(s), the header names ${width}`, 'check for a missing comma, or quote URLs that contain commas');
  const old = absolute(r.fields[at.old]!, base, where, 'old');
  return { line: r.line, old, new: absolute(r.fields[at.new]!, base ?? old, where, 'new') };
}

async function readText(path: string, file: string): Promise<string> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw invalid(file, 'is not a file', 'point the target at the CSV file of the redirect map');
    if (s.size > MAX_FILE_BYTES) throw invalid(file, `is ${s.size} bytes, more than ${MAX_FILE_BYTES}`, 'split the map into several files, one check each');
    return await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof ProbeError) throw err;
    throw invalid(file, `cannot be read (${(err as { code?: string }).code ?? String(err)})`, 'the path is relative to the project directory (where golive.yaml is); check its spelling');
  }
}

/** The rows of the map at `file` (relative to `cwd`), in file order. */
export async function readRedirectMap(file: string, cwd: string, base: string | undefined): Promise<MapRow[]> {
  const text = await readText(isAbsolute(file) ? file : resolve(cwd, file), file);
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw invalid(`${file}:${err.line}`, err.message, 'fix the quoting on that line; a field with commas or quotes must be wrapped in double quotes');
    throw err;
  }
  const [header, ...rest] = records;
  if (!header) throw invalid(file, 'is empty', HEADER_HINT);
  const at = columns(header, file);
  return rest.map((r) => toRow(r, at, file, base));
}
