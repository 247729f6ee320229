/** Identifier keys as text again, and keys shared by suspiciously many browsers (a test address, "undefined"). */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Pairs } from './identities-graph.js';
import { LINE_MASK, rows } from './identities-sql.js';

export interface KeyExample {
  provider: string;
  id: string;
}

export interface Where {
  file: string;
  line: number;
}

export interface SharedKey extends KeyExample {
  browsers: number;
  /** The first IDENTITY events carrying the key, in file order. */
  lines: Where[];
}

const numbers = (values: readonly number[]) => (values.length === 0 ? '-1' : values.map((v) => String(Math.trunc(v))).join(','));

/** Unpacks (position, line) from identities-sql.ts `packed`. */
export function where(files: readonly string[], packed: number): Where {
  return { file: files[Math.floor(packed / LINE_MASK)] ?? '', line: packed % LINE_MASK };
}

export async function keyExamples(db: DuckDBConnection, keys: readonly number[]): Promise<Map<number, KeyExample>> {
  const found = await rows(db, `SELECT rowid AS k, provider, id FROM ev_keys WHERE rowid IN (${numbers(keys)})`);
  return new Map(found.map((r) => [Number(r.k), { provider: String(r.provider), id: String(r.id) }]));
}

/** Keys on more than `threshold` browsers, most browsers first (ties by key order). edges: a = browser, b = key, each pair once. */
export function keysOver(edges: Pairs, keys: number, threshold: number): { key: number; browsers: number }[] {
  const counts = new Int32Array(keys);
  for (let i = 0; i < edges.length; i++) counts[edges.b[i]!]! += 1;
  const over: { key: number; browsers: number }[] = [];
  for (let k = 0; k < keys; k++) if (counts[k]! > threshold) over.push({ key: k, browsers: counts[k]! });
  return over.sort((x, y) => y.browsers - x.browsers || x.key - y.key);
}

/** Keys linking more than `threshold` browsers: how many, and the first ones with their first lines. */
export async function sharedKeys(db: DuckDBConnection, edges: Pairs, keys: number, o: { threshold: number; examples: number; files: readonly string[] }): Promise<{ count: number; examples: SharedKey[] }> {
  const over = keysOver(edges, keys, o.threshold);
  const shown = over.slice(0, o.examples);
  const text = await keyExamples(db, shown.map((s) => s.key));
  const examples: SharedKey[] = [];
  for (const s of shown) {
    const key = text.get(s.key) ?? { provider: '', id: '' };
    const lines = await rows(db, `SELECT pos * ${LINE_MASK} + line AS at FROM ev_ids WHERE provider = $provider AND id = $id ORDER BY pos, line LIMIT ${Math.trunc(o.examples)}`, { ...key });
    examples.push({ ...key, browsers: s.browsers, lines: lines.map((l) => where(o.files, Number(l.at))) });
  }
  return { count: over.length, examples };
}
