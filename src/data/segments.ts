import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { GoliveError } from '../errors.js';
import type { SegmentExpectation } from '../playbook/cdp.js';
import { loadRecords, type BadRecord, type RecordFile, type RecordLocation } from './records.js';

/**
 * Checks declared segment expectations against the segments' audience exports (the platform has no
 * API for segment members or counts): named test guests in or out, and the export's size within a
 * range or close to a source-system count. Guests are compared trimmed and ignoring case.
 */

export interface GuestAt {
  guest: string;
  at: RecordLocation;
}

export type SegmentCheck =
  | { kind: 'includes'; ok: boolean; expected: string[]; missing: string[] }
  | { kind: 'excludes'; ok: boolean; expected: string[]; unexpected: GuestAt[] }
  | { kind: 'size'; ok: boolean; rows: number; min: number | null; max: number | null }
  | {
      kind: 'source-count'; ok: boolean; rows: number; source: string; files: RecordFile[];
      /** What was counted in the source: its rows, or the distinct values of sourceMatch. */
      counted: string; count: number; tolerance: number; low: number; high: number;
    };

export interface SegmentResult {
  name: string;
  /** The export as declared (a path or a glob relative to golive.yaml). */
  export: string;
  match: string;
  files: RecordFile[];
  rows: number;
  /** Distinct non-empty match values. */
  guests: number;
  withoutMatch: number;
  /** Records of the export that could not be read. */
  unreadable: { count: number; examples: BadRecord[] };
  checks: SegmentCheck[];
  /** Set when the export or the source could not be read: the segment was not checked. */
  error?: { message: string; hint?: string };
}

export interface SegmentOptions {
  /** Directory the exports and sources are relative to (golive.yaml's). */
  base: string;
  examples?: number;
  threads?: number;
}

type Row = Record<string, unknown>;
const rows = async (db: DuckDBConnection, sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson() as Row[];
const one = async (db: DuckDBConnection, sql: string) => Number(Object.values((await rows(db, sql))[0] ?? {})[0] ?? 0);

/** Each listed guest with the first export row that holds it (at null when absent). */
async function locate(db: DuckDBConnection, guests: string[]): Promise<{ guest: string; at: RecordLocation | null }[]> {
  await db.run('CREATE OR REPLACE TABLE wanted (i INTEGER, g VARCHAR)');
  for (const [i, g] of guests.entries()) await db.run('INSERT INTO wanted VALUES ($i, $g)', { i, g });
  const found = await rows(db, `SELECT w.i, arg_min(struct_pack(file := e.file, line := e.line, record := e.record), e.pos::BIGINT * 4294967296 + e.record) AS at
    FROM wanted w LEFT JOIN export e ON e.g = lower(trim(w.g)) GROUP BY w.i ORDER BY w.i`);
  return found.map((r) => {
    const at = r.at as Row | null;
    const guest = guests[Number(r.i)] ?? '';
    return { guest, at: at && at.file !== null ? { file: String(at.file), line: at.line === null ? null : Number(at.line), record: Number(at.record) } : null };
  });
}

async function sourceCount(db: DuckDBConnection, segment: SegmentExpectation, rowsInExport: number, options: SegmentOptions): Promise<SegmentCheck> {
  const size = segment.size ?? {};
  const source = size.source ?? '';
  const match = size.sourceMatch;
  const loaded = await loadRecords(db, {
    table: 'source', patterns: [source], base: options.base, fields: match ? { m: match } : {}, label: `source of segment ${segment.name}`,
    fieldHint: `sourceMatch names a column of the source (CSV) or a JSON field (dotted for nested ones) under cdp.segments[].size in golive.yaml`,
  });
  const count = match ? await one(db, 'SELECT count(DISTINCT lower(m)) FROM source WHERE m IS NOT NULL') : loaded.rows;
  const tolerance = size.tolerance ?? 0;
  const slack = tolerance * count;
  const ok = Math.abs(rowsInExport - count) <= slack + 1e-9;
  return { kind: 'source-count', ok, rows: rowsInExport, source, files: loaded.files, counted: match ? `distinct ${match}` : 'rows', count, tolerance, low: Math.ceil(count - slack - 1e-9), high: Math.floor(count + slack + 1e-9) };
}

async function checkOne(db: DuckDBConnection, segment: SegmentExpectation, options: SegmentOptions): Promise<SegmentResult> {
  const loaded = await loadRecords(db, {
    table: 'export_raw', patterns: [segment.export], base: options.base, fields: { m: segment.match }, label: `export of segment ${segment.name}`, maxBad: options.examples ?? 5,
    fieldHint: `match names the export field that identifies a guest (default email): set it under cdp.segments[] in golive.yaml to a column the export has`,
  });
  await db.run('CREATE OR REPLACE TABLE export AS SELECT *, lower(m) AS g FROM export_raw');
  const rowCount = loaded.rows;
  const result: SegmentResult = {
    name: segment.name, export: segment.export, match: segment.match, files: loaded.files, rows: rowCount,
    guests: await one(db, 'SELECT count(DISTINCT g) FROM export WHERE g IS NOT NULL'),
    withoutMatch: await one(db, 'SELECT count(*) FROM export WHERE g IS NULL'),
    unreadable: { count: loaded.badCount, examples: loaded.bad }, checks: [],
  };
  if (segment.includes.length > 0) {
    const missing = (await locate(db, segment.includes)).filter((g) => g.at === null).map((g) => g.guest);
    result.checks.push({ kind: 'includes', ok: missing.length === 0, expected: segment.includes, missing });
  }
  if (segment.excludes.length > 0) {
    const unexpected = (await locate(db, segment.excludes)).flatMap((g) => (g.at ? [{ guest: g.guest, at: g.at }] : []));
    result.checks.push({ kind: 'excludes', ok: unexpected.length === 0, expected: segment.excludes, unexpected });
  }
  const size = segment.size;
  if (size && (size.min !== undefined || size.max !== undefined)) {
    const ok = rowCount >= (size.min ?? 0) && rowCount <= (size.max ?? Infinity);
    result.checks.push({ kind: 'size', ok, rows: rowCount, min: size.min ?? null, max: size.max ?? null });
  }
  if (size?.source !== undefined) result.checks.push(await sourceCount(db, segment, rowCount, options));
  return result;
}

/** Checks every segment; one whose export or source cannot be read carries `error` and the others go on. */
export async function checkSegments(segments: SegmentExpectation[], options: SegmentOptions): Promise<SegmentResult[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 2) });
  const db = await instance.connect();
  const results: SegmentResult[] = [];
  try {
    for (const segment of segments) {
      try {
        results.push(await checkOne(db, segment, options));
      } catch (err) {
        if (!(err instanceof GoliveError)) throw err;
        results.push({
          name: segment.name, export: segment.export, match: segment.match, files: [], rows: 0, guests: 0, withoutMatch: 0,
          unreadable: { count: 0, examples: [] }, checks: [], error: { message: err.message, ...(err.hint ? { hint: err.hint } : {}) },
        });
      }
    }
    return results;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
