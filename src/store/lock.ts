import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { StoreError } from '../errors.js';

/**
 * An exclusive lock on the embedded store: PGlite is a single-process database, so two golive
 * commands must not open the same directory at once. The lock file holds the owner's pid; a lock
 * whose process is gone (killed, crashed) is taken over.
 */
export interface StoreLock {
  release(): void;
}

interface Owner {
  pid: number;
  host: string;
  command: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

function tryCreate(file: string, owner: Owner): boolean {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StoreError(`cannot create the lock file ${file}`, { cause: err, hint: 'check that the directory is writable' });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function acquireLock(file: string, waitMs: number, command: string): Promise<StoreLock> {
  const me: Owner = { pid: process.pid, host: hostname(), command };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(file, me)) break;
    const owner = readOwner(file);
    const stale = !owner || (owner.host === me.host && !alive(owner.pid));
    if (stale) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new StoreError(`the store is in use by another golive process (pid ${owner.pid}: ${owner.command})`, {
        hint: `wait for it to finish; if no such process runs, delete ${file}`,
      });
    }
    await sleep(50);
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return { release };
}
