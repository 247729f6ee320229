/**
 * Scalar functions the event rules call from SQL where JS judges better than SQL, registered on the
 * connection before a scan. DuckDB calls them per chunk, and the rules call them only on candidate
 * rows (inside CASE), so they see a small share of the events.
 */
import { DuckDBScalarFunction, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBDataChunk, type DuckDBVector } from '@duckdb/node-api';
import { scriptMismatch } from './script.js';

/** Distinct (text, language) pairs are bounded by the site's page and product names; keep at most this many answers. */
const CACHE_LIMIT = 100_000;

/** Map each row of a chunk through `fn` (NULL inputs never reach it: DuckDB returns NULL for them). */
function mapRows(input: DuckDBDataChunk, output: DuckDBVector, fn: (args: string[]) => string | number | null): void {
  const columns = Array.from({ length: input.columnCount }, (_v, i) => input.getColumnVector(i));
  for (let row = 0; row < input.rowCount; row += 1) {
    output.setItem(row, fn(columns.map((c) => String(c.getItem(row)))));
  }
  output.flush();
}

/** `golive_script_mismatch(text, language)`: "text in Cyrillic in an event declared EN", or NULL when the text fits. */
function scriptFunction(): DuckDBScalarFunction {
  const cache = new Map<string, string | null>();
  return DuckDBScalarFunction.create({
    name: 'golive_script_mismatch', returnType: VARCHAR, parameterTypes: [VARCHAR, VARCHAR],
    mainFunction: (_info, input, output) => mapRows(input, output, ([text = '', language = '']) => {
      const key = `${language}\u0000${text}`;
      let found = cache.get(key);
      if (found === undefined) {
        found = scriptMismatch(text, language)?.message ?? null;
        if (cache.size < CACHE_LIMIT) cache.set(key, found);
      }
      return found;
    }),
  });
}

/** Keys after the Cloud SDK's flattening: nested objects joined with `_`, an array is one value, `{}` none. */
export function flattenedKeyCount(value: unknown): number {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 1;
  let n = 0;
  for (const v of Object.values(value)) n += flattenedKeyCount(v);
  return n;
}

/** `golive_ext_keys(ext)`: flattened keys of an extension object (JSON text). */
function extKeysFunction(): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: 'golive_ext_keys', returnType: INTEGER, parameterTypes: [VARCHAR],
    mainFunction: (_info, input, output) => mapRows(input, output, ([text = '{}']) => flattenedKeyCount(JSON.parse(text))),
  });
}

const registered = new WeakSet<DuckDBConnection>();

/** Registers the functions once per connection. */
export function registerRuleFunctions(db: DuckDBConnection): void {
  if (registered.has(db)) return;
  db.registerScalarFunction(scriptFunction());
  db.registerScalarFunction(extKeysFunction());
  registered.add(db);
}
