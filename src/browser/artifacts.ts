import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Files that back evidence (a page's screenshot). They live next to the project's store, in
 * `.golive/artifacts/`, named by their SHA-256, so evidence refers to them by path and digest,
 * a stored result stays small, and the same picture is kept once. The folder is kept out of
 * version control like the rest of `.golive/`.
 */
export interface Artifact {
  /** Relative to the project (or working) directory, e.g. `.golive/artifacts/<sha256>.png`. */
  path: string;
  sha256: string;
  bytes: number;
  mediaType: string;
}

const GITIGNORE = '# golive embedded store: local state, not for version control\n*\n';

export async function saveArtifact(cwd: string, data: Buffer, ext: 'png', mediaType = 'image/png'): Promise<Artifact> {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const root = path.join(cwd, '.golive');
  const dir = path.join(root, 'artifacts');
  const fresh = !existsSync(root);
  await mkdir(dir, { recursive: true });
  if (fresh) await writeFile(path.join(root, '.gitignore'), GITIGNORE);
  const file = path.join(dir, `${sha256}.${ext}`);
  if (!existsSync(file)) {
    // Written aside and renamed: a reader never sees half a file under its digest. Two pages of one
    // run can take the same picture at once, so each writer has its own partial file; the rename of
    // identical bytes onto the same name is harmless whichever lands last.
    const partial = `${file}.${process.pid}.${randomUUID()}.partial`;
    await writeFile(partial, data);
    await rename(partial, file);
  }
  return { path: path.relative(cwd, file).split(path.sep).join('/'), sha256, bytes: data.length, mediaType };
}
