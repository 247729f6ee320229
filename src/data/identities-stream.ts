/**
 * Integer columns out of DuckDB into typed arrays, chunk by chunk: no JavaScript object per row,
 * so tens of millions of edges cost a few bytes each and nothing for the garbage collector.
 */
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { Pairs } from './identities-graph.js';

function grown(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const next = new Int32Array(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/** Calls `take` with every chunk of the query's result; the chunk is valid only during the call. */
async function eachChunk(db: DuckDBConnection, sql: string, take: (chunk: DuckDBDataChunk) => void): Promise<void> {
  const result = await db.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) return;
    take(chunk);
  }
}

/** Copies column `column` of a chunk (INTEGER, no NULLs: a NULL reads as -1) into `target` from `at`. */
function copyColumn(chunk: DuckDBDataChunk, column: number, target: Int32Array, at: number): void {
  const vector = chunk.getColumnVector(column);
  const n = chunk.rowCount;
  for (let i = 0; i < n; i++) target[at + i] = (vector.getItem(i) as number | null) ?? -1;
}

/** The first column of the result (INTEGER) as an Int32Array. */
export async function intColumn(db: DuckDBConnection, sql: string): Promise<Int32Array> {
  let values = new Int32Array(1024);
  let length = 0;
  await eachChunk(db, sql, (chunk) => {
    values = grown(values, length + chunk.rowCount);
    copyColumn(chunk, 0, values, length);
    length += chunk.rowCount;
  });
  return values.subarray(0, length);
}

/** The first two columns of the result (INTEGER) as parallel Int32Arrays. */
export async function intPairs(db: DuckDBConnection, sql: string): Promise<Pairs> {
  let a = new Int32Array(1024);
  let b = new Int32Array(1024);
  let length = 0;
  await eachChunk(db, sql, (chunk) => {
    a = grown(a, length + chunk.rowCount);
    b = grown(b, length + chunk.rowCount);
    copyColumn(chunk, 0, a, length);
    copyColumn(chunk, 1, b, length);
    length += chunk.rowCount;
  });
  return { a: a.subarray(0, length), b: b.subarray(0, length), length };
}
