import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/** True when the file starts with the gzip magic bytes (the name may not say so). */
export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Decompresses the whole file and discards the output. DuckDB reads a truncated gzip
 * without any error (it returns the lines it got), so integrity is checked here first.
 * Returns a problem message, or undefined when the stream is complete.
 */
export async function gzipProblem(path: string): Promise<string | undefined> {
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  try {
    await pipeline(createReadStream(path), createGunzip(), sink);
    return undefined;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return `truncated or corrupt gzip (${message}); the file was not validated`;
  }
}
