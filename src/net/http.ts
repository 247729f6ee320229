import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { NetOptions } from '../checks/types.js';
import { addressFor } from './dns.js';
import { trustedCas, withSharedContext } from './tls-options.js';

/**
 * An undici connector that honours the user's network controls: names resolve through --resolve
 * overrides and --resolver servers, TLS trusts --ca-file on top of the system roots, and the
 * original host name stays the TLS server name (and Host header). Shared by every dispatcher.
 */
export function connectorFor(net: NetOptions, signal?: AbortSignal, extra: { rejectUnauthorized?: boolean; timeoutMs?: number } = {}): buildConnector.connector {
  const ca = trustedCas(net);
  const tlsOptions = ca ? withSharedContext({ ca }) : {};
  const base = buildConnector({ ...tlsOptions, rejectUnauthorized: extra.rejectUnauthorized ?? true, timeout: extra.timeoutMs ?? net.timeoutMs } as buildConnector.BuildOptions);
  return (opts, callback) => {
    const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
    addressFor(opts.hostname, port, net, signal).then(
      ({ address }) => {
        const servername = opts.servername ?? (isIP(opts.hostname) ? undefined : opts.hostname);
        base({ ...opts, hostname: address, ...(servername ? { servername } : {}) }, callback);
      },
      (err: unknown) => callback(err as Error, null),
    );
  };
}

/** An undici dispatcher on connectorFor (the network controls). Close it when done. */
export function dispatcherFor(net: NetOptions, signal?: AbortSignal, extra: { rejectUnauthorized?: boolean } = {}): Dispatcher {
  return new Agent({
    connect: connectorFor(net, signal, extra),
    connections: 4,
    headersTimeout: net.timeoutMs,
    bodyTimeout: net.timeoutMs,
    keepAliveTimeout: 1000,
  });
}
