import { isIP } from 'node:net';
import { buildConnector, Pool } from 'undici';
import type { NetOptions } from '../checks/types.js';
import { addressFor } from '../net/dns.js';
import { trustedCas, withSharedContext } from '../net/tls-options.js';

/**
 * A connection pool to one origin for load: `connections` sockets at most, one request on each at
 * a time (pipelining queues requests behind a slow one and inflates the tail). It honours the
 * network controls like every probe: --resolve overrides and --resolver servers pick the address,
 * --ca-file is trusted on top of the system roots, and the URL's host stays the TLS server name
 * and Host header. Names resolve once per new connection, not per request.
 */
export function openPool(url: string, net: NetOptions, connections: number, timeoutMs: number, signal?: AbortSignal): Pool {
  const ca = trustedCas(net);
  const tls = ca ? withSharedContext({ ca }) : {};
  const base = buildConnector({ ...tls, rejectUnauthorized: true, timeout: Math.min(timeoutMs, net.timeoutMs) } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (opts, callback) => {
    const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
    addressFor(opts.hostname, port, net, signal).then(
      ({ address }) => {
        const servername = opts.servername ?? (isIP(opts.hostname) ? undefined : opts.hostname);
        base({ ...opts, hostname: address, ...(servername ? { servername } : {}) }, callback);
      },
      (err: unknown) => callback(err as Error, null),
    );
  };
  // undici's own timeouts are a backstop only: the generator times each request from its intended start.
  const backstop = timeoutMs + 5000;
  return new Pool(new URL(url).origin, { connect, connections, pipelining: 1, headersTimeout: backstop, bodyTimeout: backstop, keepAliveTimeout: 10_000 });
}
