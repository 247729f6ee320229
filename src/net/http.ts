import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { NetOptions } from '../checks/types.js';
import { addressFor } from './dns.js';
import { trustedCas, withSharedContext } from './tls-options.js';

/**
 * An undici dispatcher that honours the user's network controls: names resolve through
 * --resolve overrides and --resolver servers, TLS trusts --ca-file on top of the system roots,
 * and the original host name stays the TLS server name and Host header. Close it when done.
 */
export function dispatcherFor(net: NetOptions, signal?: AbortSignal, extra: { rejectUnauthorized?: boolean } = {}): Dispatcher {
  const ca = trustedCas(net);
  const tlsOptions = ca ? withSharedContext({ ca }) : {};
  const base = buildConnector({ ...tlsOptions, rejectUnauthorized: extra.rejectUnauthorized ?? true, timeout: net.timeoutMs } as buildConnector.BuildOptions);
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
  return new Agent({
    connect,
    connections: 4,
    headersTimeout: net.timeoutMs,
    bodyTimeout: net.timeoutMs,
    keepAliveTimeout: 1000,
  });
}
