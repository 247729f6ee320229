// Parent side of the sweep's server process (sweep-world-child.ts): fork it, start the DNS world
// and the sites in it, read and clear its logs, stop it. The child inherits this process's
// execArgv, i.e. tsx's loader, so it runs the TypeScript sources as the parent does.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SeenRequest } from './sweep-sites.js';

export interface ServerLog {
  address: string;
  port: number;
  /** Gets RD=1 queries (the resolver), not an authoritative server. */
  recursive: boolean;
  /** "name TYPE", in order. */
  queries: string[];
}

export type ToWorld =
  | { id: number; type: 'start'; hosts: number; tls: { key: string; cert: string } }
  | { id: number; type: 'reset' | 'logs' | 'stop' };

export type FromWorld =
  | { id: number; type: 'ready'; httpsPort: number; httpPort: number; dnsPort: number; resolver: string }
  | { id: number; type: 'ok' }
  | { id: number; type: 'logs'; dns: ServerLog[]; requests: SeenRequest[] }
  | { id: number; type: 'error'; message: string };

export interface World {
  httpsPort: number;
  httpPort: number;
  dnsPort: number;
  /** "127.53.0.100:PORT" */
  resolver: string;
  /** Clear the DNS query and HTTP request logs. */
  reset(): Promise<void>;
  logs(): Promise<{ dns: ServerLog[]; requests: SeenRequest[] }>;
  stop(): Promise<void>;
}

type Without<T> = T extends unknown ? Omit<T, 'id'> : never;

function caller(child: ChildProcess) {
  let next = 0;
  const waiting = new Map<number, { resolve: (m: FromWorld) => void; reject: (e: Error) => void }>();
  child.on('message', (m: FromWorld) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.type === 'error') w?.reject(new Error(`sweep world: ${m.message}`));
    else w?.resolve(m);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`sweep world exited with ${code}`));
    waiting.clear();
  });
  return (msg: Without<ToWorld>) =>
    new Promise<FromWorld>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ ...msg, id });
    });
}

export async function startWorld(hosts: number, tls: { key: string; cert: string }): Promise<World> {
  const child = fork(fileURLToPath(new URL('./sweep-world-child.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const call = caller(child);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await call({ type: 'stop' }).catch(() => undefined);
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const ready = await call({ type: 'start', hosts, tls });
    if (ready.type !== 'ready') throw new Error(`sweep world: unexpected answer ${ready.type}`);
    return {
      ...ready,
      reset: async () => void (await call({ type: 'reset' })),
      logs: async () => {
        const m = await call({ type: 'logs' });
        if (m.type !== 'logs') throw new Error(`sweep world: unexpected answer ${m.type}`);
        return m;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
