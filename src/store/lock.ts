import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
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

/** A lock file still empty or half-written this long after its creation belongs to a dead process. */
const UNREADABLE_GRACE_MS = 5_000;

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // a pid reused after a restart: the owner was not us
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return typeof owner.pid === 'number' ? owner : undefined;
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

/** Is the lock at `file` abandoned? An unreadable one only once it is old enough not to be mid-write. */
function abandoned(file: string, owner: Owner | undefined, host: string): boolean {
  if (owner) return owner.host === host && !alive(owner.pid);
  try {
    return Date.now() - statSync(file).mtimeMs > UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

/**
 * Move an abandoned lock aside, atomically: of several processes doing this at once, one wins the
 * rename. If what it moved turns out to be a fresh lock of a live process (created after we looked),
 * it is put back.
 */
function takeOver(file: string, seen: Owner | undefined): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else moved or removed it first
  }
  const moved = readOwner(aside);
  if (moved && seen && moved.pid !== seen.pid) {
    try {
      linkSync(aside, file); // put the live lock back, unless a new one already exists
    } catch {
      /* a newer lock exists; the live owner will find its file replaced and keep running */
    }
  }
  rmSync(aside, { force: true });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function acquireLock(file: string, waitMs: number, command: string): Promise<StoreLock> {
  const me: Owner = { pid: process.pid, host: hostname(), command };
  const deadline = Date.now() + waitMs;
  while (!tryCreate(file, me)) {
    const owner = readOwner(file);
    if (abandoned(file, owner, me.host)) {
      takeOver(file, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = owner ? `pid ${owner.pid}: ${owner.command}` : 'a process that is starting';
      throw new StoreError(`the store is in use by another golive process (${who})`, { hint: `wait for it to finish; if no such process runs, delete ${file}` });
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
