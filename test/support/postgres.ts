import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/**
 * A real PostgreSQL server from Debian's package, private to one test file: its own data
 * directory, listening on a Unix socket only (no TCP port to collide with), stopped by `stop()`.
 */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions.map((v) => path.join(root, v, 'bin')).find((d) => existsSync(path.join(d, 'initdb')));
  if (!dir) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: install Debian\'s postgresql package (.ci/run does)');
  return dir;
}

/** initdb and postgres refuse to run as root; run them as the postgres user then. */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-pg-'));
  chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'sock');
  execFileSync('mkdir', ['-p', data, socket]);
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    for (const p of [dir, data, socket]) chownSync(p, uid, gid);
  }
  const [initCmd, initArgs] = asServerUser(path.join(bin, 'initdb'), ['-D', data, '-U', 'golive', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const [cmd, args] = asServerUser(path.join(bin, 'postgres'), ['-D', data, '-k', socket, '-c', "listen_addresses=", '-c', 'fsync=off', '-p', '5432']);
  const server: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `postgres://golive@localhost/postgres?host=${encodeURIComponent(socket)}`;
  const deadline = Date.now() + 30_000;
  while (!existsSync(path.join(socket, '.s.PGSQL.5432'))) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      // runuser does not pass signals on: stop the whole process group (fast shutdown).
      const exited = new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
      if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
