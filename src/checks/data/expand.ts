import { stat } from 'node:fs/promises';
import path from 'node:path';
import { expandFiles, hasGlob } from '../../data/glob.js';
import { ProbeError } from '../types.js';

/** The files a target names: one path, or every match of a glob (sorted); none is FILE_NOT_FOUND. */
export async function expand(pattern: string, cwd: string): Promise<string[]> {
  if (!hasGlob(pattern)) {
    const absolute = path.resolve(cwd, pattern);
    const found = await stat(absolute).catch(() => undefined);
    if (!found?.isFile()) throw new ProbeError('FILE_NOT_FOUND', `${pattern}: no such file (looked in ${cwd})`, { hint: 'export the data first, or point the variable the check uses at the export (a path or a glob, relative to golive.yaml)' });
    return [absolute];
  }
  const { files } = await expandFiles([pattern], cwd);
  if (files.length === 0) throw new ProbeError('FILE_NOT_FOUND', `${pattern}: no file matches (looked in ${cwd})`, { hint: 'check the glob; it is relative to golive.yaml' });
  return files.map((f) => f.absolute);
}
