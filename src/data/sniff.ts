import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { isGzip } from './gzip.js';

/**
 * A first look at an input file before it is validated: is there anything in it, and is it the kind
 * of data the user said (event export or batch upload)? Reads at most the first 256 KiB (after gzip).
 * A wrong-kind file would otherwise fail every rule on every line and bury the real mistake.
 */
export type DataKind = 'events' | 'batch';

const PEEK_BYTES = 256 * 1024;

/** Up to `limit` bytes of the (decompressed) file; undefined when a gzip breaks before that (the reader reports it). */
async function head(path: string, limit: number): Promise<Buffer | undefined> {
  const gzip = await isGzip(path);
  const source = createReadStream(path, { end: gzip ? undefined : limit - 1 });
  const stream = gzip ? source.pipe(createGunzip()) : source;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break;
    }
  } catch {
    // A truncated or corrupt gzip: the reader reports it with its own message.
    if (size < limit) return undefined;
  } finally {
    source.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/** The first line that parses as a JSON object, among the first lines of the head. */
function firstObject(text: string): Record<string, unknown> | undefined {
  for (const line of text.split('\n').slice(0, 50)) {
    try {
      const value: unknown = JSON.parse(line.replace(/^\uFEFF/, ''));
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // Not JSON: look at the next line.
    }
  }
  return undefined;
}

const isBatchRecord = (o: Record<string, unknown>) => 'schema' in o && 'value' in o && !('type' in o) && !('browser_id' in o);
const isEvent = (o: Record<string, unknown>) => ('type' in o || 'browser_id' in o) && !('schema' in o && 'value' in o);

/** Why the file cannot be validated as `kind`, or undefined when it looks right (or too broken to tell: the reader says why). */
export async function kindProblem(path: string, kind: DataKind): Promise<string | undefined> {
  let bytes: Buffer | undefined;
  try {
    bytes = await head(path, PEEK_BYTES);
  } catch {
    return undefined;
  }
  if (bytes === undefined) return undefined;
  const text = bytes.toString('utf8');
  if (text.trim() === '') return bytes.length === 0 ? 'empty file: there is nothing to validate; export the data again' : 'the file holds only blank lines: there is nothing to validate';
  const first = firstObject(text);
  const firstLine = (text.split('\n')[0] ?? '').replace(/^\uFEFF/, '').trim().slice(0, 80);
  if (first === undefined) {
    if (/^[\w" ]+([,;\t|][\w" ]+)+$/.test(firstLine)) return `looks like CSV, not NDJSON (first line: ${JSON.stringify(firstLine)}); export one JSON object per line`;
    if (firstLine.startsWith('[')) return 'looks like one JSON array, not NDJSON; export one JSON object per line (e.g. jq -c \'.[]\')';
    return undefined;
  }
  if (kind === 'events' && isBatchRecord(first)) return 'looks like a batch upload file (records with schema and value), not an event export: run with --kind batch';
  if (kind === 'batch' && isEvent(first)) return 'looks like an event export (events with type and browser_id), not a batch upload file: run with --kind events';
  return undefined;
}
