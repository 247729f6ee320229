import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from './lock.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'golive-lock-'));

describe('store lock', () => {
  it('is exclusive: a second taker waits, then gives up with the owner named', async () => {
    const file = path.join(dir(), 'lock');
    const first = await acquireLock(file, 0, 'golive first');
    // Pretend the holder is another live process (our parent).
    writeFileSync(file, JSON.stringify({ pid: process.ppid, host: hostname(), command: 'golive first' }));
    await expect(acquireLock(file, 200, 'golive second')).rejects.toThrow(/in use by another golive process \(pid \d+: golive first\)/);
    first.release();
  });

  it('takes over the lock of a process that is gone', async () => {
    const file = path.join(dir(), 'lock');
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => child.on('exit', r));
    writeFileSync(file, JSON.stringify({ pid: child.pid, host: hostname(), command: 'golive killed' }));
    const lock = await acquireLock(file, 1000, 'golive next');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, command: 'golive next' });
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('treats an empty lock file as being written, until it is old', async () => {
    const file = path.join(dir(), 'lock');
    writeFileSync(file, '');
    await expect(acquireLock(file, 150, 'golive')).rejects.toThrow(/a process that is starting/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const lock = await acquireLock(file, 150, 'golive');
    lock.release();
  });
});
