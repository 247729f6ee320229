import { Pool } from 'undici';
import type { NetOptions } from '../checks/types.js';
import { connectorFor } from '../net/http.js';

/**
 * A connection pool to one origin for load: `connections` sockets at most, one request on each at
 * a time (pipelining queues requests behind a slow one and inflates the tail). It honours the
 * network controls like every probe: --resolve overrides and --resolver servers pick the address,
 * --ca-file is trusted on top of the system roots, and the URL's host stays the TLS server name
 * and Host header. Names resolve once per new connection, not per request.
 */
export function openPool(url: string, net: NetOptions, connections: number, timeoutMs: number, signal?: AbortSignal): Pool {
  const connect = connectorFor(net, signal, { timeoutMs: Math.min(timeoutMs, net.timeoutMs) });
  // undici's own timeouts are a backstop only: the generator times each request from its intended start.
  const backstop = timeoutMs + 5000;
  return new Pool(new URL(url).origin, { connect, connections, pipelining: 1, headersTimeout: backstop, bodyTimeout: backstop, keepAliveTimeout: 10_000 });
}
