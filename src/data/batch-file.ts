import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

/** The batch API's limit on one upload file (gzipped). */
export const MAX_BATCH_BYTES = 50 * 1024 * 1024;

export interface BatchFileFacts {
  /** Size on disk in bytes (the allocation call's `size`). */
  bytes: number;
  /** Hex MD5 of the file as uploaded (the allocation call's `checksum`). */
  md5: string;
  /** gzip members; 0 = not gzip; null = not counted (file over the size limit). */
  members: number | null;
}

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;

/** Offset of the deflate data of the member at `at`, or undefined when no gzip header is there. */
function dataStart(buf: Buffer, at: number): number | undefined {
  if (buf.length < at + 10 || buf[at] !== 0x1f || buf[at + 1] !== 0x8b || buf[at + 2] !== 8) return undefined;
  const flags = buf[at + 3] ?? 0;
  let pos = at + 10;
  if (flags & FEXTRA) pos += 2 + buf.readUInt16LE(pos);
  for (const flag of [FNAME, FCOMMENT]) {
    if (flags & flag) pos = buf.indexOf(0, pos) + 1;
  }
  if (flags & FHCRC) pos += 2;
  return pos > at && pos <= buf.length ? pos : undefined;
}

/** Compressed bytes of one raw deflate stream starting at `start`; output is discarded. */
function deflateLength(buf: Buffer, start: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    inflate.on('data', () => undefined);
    inflate.on('end', () => resolve(inflate.bytesWritten));
    inflate.on('error', reject);
    inflate.end(buf.subarray(start));
  });
}

/**
 * Counts gzip members by inflating each one and stepping over its 8-byte trailer. Node's gunzip
 * (and DuckDB) read concatenated members as one stream, so the count has to be taken here.
 * A corrupt member stops the count; gzip.ts reports the corruption itself.
 */
export async function countMembers(buf: Buffer): Promise<number> {
  let members = 0;
  let at = 0;
  while (at < buf.length) {
    const start = dataStart(buf, at);
    if (start === undefined) break;
    members += 1;
    try {
      at = start + (await deflateLength(buf, start)) + 8;
    } catch {
      break;
    }
  }
  return members;
}

async function md5OfStream(path: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Size, MD5 and gzip member count; a file over `maxBytes` is hashed as a stream and not inflated. */
export async function batchFileFacts(path: string, maxBytes = MAX_BATCH_BYTES): Promise<BatchFileFacts> {
  const { size } = await stat(path);
  if (size > maxBytes) return { bytes: size, md5: await md5OfStream(path), members: null };
  const buf = await readFile(path);
  return { bytes: size, md5: createHash('md5').update(buf).digest('hex'), members: await countMembers(buf) };
}
