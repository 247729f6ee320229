import { lookup as systemLookup } from 'node:dns/promises';
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ProbeError, type NetOptions } from '../checks/types.js';
import { toProbeError } from './errors.js';

/**
 * A c-ares resolver that asks the user's --resolver servers (or the system's), gives up within
 * the probe's time limit and is cancelled when the probe's signal aborts. Never the global one.
 */
export function resolverFor(net: NetOptions, signal?: AbortSignal, servers = net.resolvers): Resolver {
  const perTry = Math.max(200, Math.min(net.timeoutMs, 5000));
  const resolver = new Resolver({ timeout: perTry, tries: 1 });
  if (servers.length > 0) resolver.setServers(servers.map(serverSpec));
  signal?.addEventListener('abort', () => resolver.cancel(), { once: true });
  return resolver;
}

/** "127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:5353" in the form setServers takes. */
export function serverSpec(spec: string): string {
  const s = spec.trim();
  if (isIP(s)) return s;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6 && isIP(v6[1]!) === 6) return v6[2] ? `[${v6[1]}]:${v6[2]}` : v6[1]!;
  const v4 = /^([\d.]+):(\d+)$/.exec(s);
  if (v4 && isIP(v4[1]!) === 4) return s;
  throw new ProbeError('INVALID_TARGET', `"${spec}" is not a DNS server address`, { hint: 'use IP or IP:PORT, e.g. 127.0.0.1:5353 or [::1]:53' });
}

/** The --resolve override for host:port (or host:*), if any. */
export function overrideFor(host: string, port: number, net: NetOptions): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return net.resolve[`${h}:${port}`] ?? net.resolve[`${h}:*`];
}

/**
 * The address to connect to for host:port: a --resolve override, the host itself when it is an
 * IP, the --resolver servers (A, then AAAA), or the system resolver (which reads /etc/hosts).
 */
export async function addressFor(host: string, port: number, net: NetOptions, signal?: AbortSignal): Promise<{ address: string; family: 4 | 6 }> {
  const override = overrideFor(host, port, net);
  const literal = override ?? host.replace(/^\[|\]$/g, '');
  const fam = isIP(literal);
  if (fam) return { address: literal, family: fam as 4 | 6 };
  const what = `resolving ${host}`;
  try {
    if (net.resolvers.length > 0) {
      const r = resolverFor(net, signal);
      const v4 = await r.resolve4(host).catch((e: unknown) => e);
      if (Array.isArray(v4) && v4.length > 0) return { address: v4[0]!, family: 4 };
      const v6 = await r.resolve6(host).catch((e: unknown) => e);
      if (Array.isArray(v6) && v6.length > 0) return { address: v6[0]!, family: 6 };
      throw v4 instanceof Error ? v4 : v6;
    }
    const found = await abortable(systemLookup(host), signal);
    return { address: found.address, family: found.family as 4 | 6 };
  } catch (err) {
    throw toProbeError(err, what, signal);
  }
}

/** Rejects as soon as the signal aborts (for calls such as the system lookup that cannot be cancelled). */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}
