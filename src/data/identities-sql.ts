/**
 * The DuckDB half of `golive data identities`: extracts browsers, identifier keys and the edges
 * between them from event exports (and guests with their identifiers from a guest export), each
 * numbered densely in sorted order, so that JavaScript only ever sees integer columns.
 * Sorted numbering makes "the smallest browser id" the smallest number: examples come out in
 * the same order whatever the order of the input lines.
 */
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { sqlString, type LineColumn } from './read.js';

/** An identifier as read: each item of a JSON array straight into the struct (see IDENTIFIER_TYPE). */
const IDENTIFIER_SPEC = '[{"provider":"VARCHAR","id":"VARCHAR"}]';
const IDENTIFIER_TYPE = 'STRUCT(provider VARCHAR, id VARCHAR)[]';

/**
 * One JSON parse per event line (DuckDB evaluates the shared from_json once per row) gives `b`, the
 * browser_id, and `ids`, the identifiers of an IDENTITY event, typed: an array's items are read
 * straight into {provider, id} structs (a string, number or boolean as its text, an object or array
 * as its JSON text; an item that is no object gives NULL for both), and anything but an array gives
 * NULL. Nothing is kept as JSON text to be parsed a second time.
 */
const EVENT_JSON = `from_json(CASE WHEN valid THEN raw END, '{"browser_id":"VARCHAR","type":"VARCHAR","identifiers":${IDENTIFIER_SPEC}}')`;
export const EVENT_COLUMNS: readonly LineColumn[] = [
  { name: 'b', type: 'VARCHAR', sql: `${EVENT_JSON}.browser_id` },
  { name: 'ids', type: IDENTIFIER_TYPE, sql: `CASE WHEN ${EVENT_JSON}.type = 'IDENTITY' THEN ${EVENT_JSON}.identifiers END` },
];

/**
 * Guest REST shape {ref, guestType, identifiers} or batch record {ref, schema, mode, value: {guestType,
 * identifiers}}, in one typed parse per line as for events: `ref` and `schema` as text (a number as
 * its text, an object as its JSON text), `guest_type` and `ids` from the shape the line has.
 */
const GUEST_JSON = `from_json(CASE WHEN valid THEN raw END, '{"ref":"VARCHAR","schema":"VARCHAR","guestType":"VARCHAR","identifiers":${IDENTIFIER_SPEC},"value":{"guestType":"VARCHAR","identifiers":${IDENTIFIER_SPEC}}}')`;
export const GUEST_COLUMNS: readonly LineColumn[] = [
  { name: 'ref', type: 'VARCHAR', sql: `${GUEST_JSON}.ref` },
  { name: 'schema', type: 'VARCHAR', sql: `${GUEST_JSON}.schema` },
  { name: 'guest_type', type: 'VARCHAR', sql: `CASE WHEN ${GUEST_JSON}.schema IS NULL THEN ${GUEST_JSON}.guestType ELSE ${GUEST_JSON}.value.guestType END` },
  { name: 'ids', type: IDENTIFIER_TYPE, sql: `CASE WHEN ${GUEST_JSON}.schema IS NULL THEN ${GUEST_JSON}.identifiers ELSE ${GUEST_JSON}.value.identifiers END` },
];

/** The position of a file in the order given, so (position, line) sorts examples in file order. */
export function positionSql(files: readonly string[]): string {
  if (files.length === 0) return '0';
  return `CASE file ${files.map((f, i) => `WHEN ${sqlString(f)} THEN ${i}`).join(' ')} ELSE ${files.length} END`;
}

/** (position, line) packed into one BIGINT: min() of it is the first line in file order. */
export const packed = (pos: string, line: string) => `((${pos})::BIGINT * 1099511627776 + ${line})`;
export const LINE_MASK = 1099511627776;

export const listParam = (values: readonly string[]): DuckDBValue => listValue([...values]);

/** Rows as JSON-friendly objects; `lists` names the parameters that are lists of strings. */
export async function rows(db: DuckDBConnection, sql: string, params: Record<string, DuckDBValue> = {}, lists: readonly string[] = []): Promise<Record<string, unknown>[]> {
  const types = Object.fromEntries(lists.map((name) => [name, LIST(VARCHAR)]));
  return (await db.runAndReadAll(sql, params, types)).getRowObjectsJson() as Record<string, unknown>[];
}

export async function scalar(db: DuckDBConnection, sql: string, params: Record<string, DuckDBValue> = {}, lists: readonly string[] = []): Promise<number> {
  const row = (await rows(db, sql, params, lists))[0] ?? {};
  return Number(Object.values(row)[0] ?? 0);
}

/**
 * From `lines` (events, read with EVENT_COLUMNS): `ev_browsers(browser_id, events, first)` in
 * browser_id order, so that rowid is the browser number, and `ev_ids(pos, line, browser_id,
 * provider, id)`, one row per identifier of an IDENTITY event. (A CTAS keeps the order of its
 * ORDER BY; a sort into a table costs about half of row_number() OVER (ORDER BY ...).)
 */
export async function extractEvents(db: DuckDBConnection, files: readonly string[]): Promise<void> {
  const pos = positionSql(files);
  await db.run(`CREATE OR REPLACE TEMP TABLE ev_browsers AS
    SELECT b AS browser_id, count(*)::INTEGER AS events, min(${packed(pos, 'line')}) AS first
    FROM lines WHERE valid AND b IS NOT NULL GROUP BY 1 ORDER BY 1`);
  await db.run(`CREATE OR REPLACE TEMP TABLE ev_ids AS
    SELECT pos, line, browser_id, item.provider AS provider, item.id AS id FROM (
      SELECT ${pos} AS pos, line, b AS browser_id, unnest(ids) AS item
      FROM lines WHERE valid AND b IS NOT NULL AND ids IS NOT NULL)`);
}

/** Providers of the identifiers in the events, most used first: the stand-in rules when none are declared. */
export async function providersSeen(db: DuckDBConnection): Promise<string[]> {
  const found = await rows(db, `SELECT provider FROM ev_ids WHERE provider IS NOT NULL AND provider <> ''
    GROUP BY provider ORDER BY count(*) DESC, provider`);
  return found.map((r) => String(r.provider));
}

/** `ev_keys(provider, id)` (rowid = key number) for rule providers and non-empty ids, and `ev_edges(b, k)`, each pair once. */
export async function buildKeys(db: DuckDBConnection, rules: readonly string[]): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ev_keys AS
    SELECT provider, id FROM ev_ids WHERE list_contains($rules, provider) AND id <> '' GROUP BY ALL ORDER BY provider, id`,
  { rules: listParam(rules) }, { rules: LIST(VARCHAR) });
  await db.run(`CREATE OR REPLACE TEMP TABLE ev_edges AS
    SELECT DISTINCT b.rowid::INTEGER AS b, k.rowid::INTEGER AS k FROM ev_ids i JOIN ev_browsers b USING (browser_id) JOIN ev_keys k USING (provider, id)`);
}

/** Identifiers a CDP tenant with these rules ignores: provider not a rule (case-sensitive), or no id. */
export async function ignoredIdentifiers(db: DuckDBConnection, rules: readonly string[]): Promise<{ provider: string | null; reason: 'not a rule' | 'empty id'; count: number }[]> {
  const found = await rows(db, `SELECT provider, CASE WHEN coalesce(list_contains($rules, provider), false) THEN 'empty id' ELSE 'not a rule' END AS reason, count(*) AS n
    FROM ev_ids WHERE NOT coalesce(list_contains($rules, provider) AND id <> '', false)
    GROUP BY ALL ORDER BY n DESC, provider NULLS LAST, reason`, { rules: listParam(rules) }, ['rules']);
  return found.map((r) => ({ provider: r.provider === null ? null : String(r.provider), reason: r.reason === 'empty id' ? 'empty id' : 'not a rule', count: Number(r.n) }));
}

/**
 * From `lines` (guests, read with GUEST_COLUMNS): `gu_rows` (every valid line, its shape decided),
 * `gu_guests(ref, guest_type, first, ids)` in ref order (rowid = guest number) and `gu_ids(g, provider, id)`.
 * A batch record counts when its schema is guest; a line without a ref is not a guest record.
 */
export async function extractGuests(db: DuckDBConnection, files: readonly string[]): Promise<void> {
  // A view: the lines already hold the extracted fields, so copying them would only cost time.
  await db.run(`CREATE OR REPLACE TEMP VIEW gu_rows AS
    SELECT ${positionSql(files)} AS pos, line, ref, schema, guest_type, ids,
      coalesce(ref <> '', false) AND coalesce(schema, 'guest') = 'guest' AS is_guest
    FROM lines WHERE valid`);
  // A guest export holds each ref once as a rule: then a sort numbers the guests, and grouping
  // (which collects the identifier arrays of a ref in a list, twice the cost) is only needed when
  // some ref repeats. Either way the identifiers travel with their guest and need no join on ref.
  const unique = (await rows(db, 'SELECT count(DISTINCT ref) = count(*) AS u FROM gu_rows WHERE is_guest'))[0]?.u === true;
  await db.run(unique
    ? `CREATE OR REPLACE TEMP TABLE gu_guests AS
      SELECT ref, guest_type, ${packed('pos', 'line')} AS first, ids FROM gu_rows WHERE is_guest ORDER BY ref`
    : `CREATE OR REPLACE TEMP TABLE gu_guests AS
      SELECT ref, min(guest_type) AS guest_type, min(${packed('pos', 'line')}) AS first, list(ids) FILTER (WHERE ids IS NOT NULL) AS ids
      FROM gu_rows WHERE is_guest GROUP BY ref ORDER BY ref`);
  await db.run(`CREATE OR REPLACE TEMP TABLE gu_ids AS
    SELECT g, item.provider AS provider, item.id AS id FROM (
      SELECT g, unnest(ids) AS item FROM (SELECT rowid::INTEGER AS g, ${unique ? 'ids' : 'unnest(ids) AS ids'} FROM gu_guests))`);
}
