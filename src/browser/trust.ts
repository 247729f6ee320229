import { isIP } from 'node:net';
import { connect } from 'node:tls';
import { ProbeError, type NetOptions } from '../checks/types.js';
import { addressFor } from '../net/dns.js';
import { toProbeError } from '../net/errors.js';
import { trustedCas, withSharedContext } from '../net/tls-options.js';

/**
 * Extra CAs (--ca-file) for the browser. Chromium trusts only its own store (it ignores
 * NODE_EXTRA_CA_CERTS, and an NSS database would need certutil on every machine), so with a CA
 * file the page's contexts accept any certificate and golive checks each HTTPS origin itself
 * first: a TLS handshake from Node to the same address (--resolve applied) that must verify
 * against the system roots plus the CA file, for the right name. A request to an origin that
 * fails is aborted and recorded with the reason. Request interception never sees a redirect's
 * next hop, so load.ts checks those origins once the browser has followed them. Without a CA file
 * Chromium verifies as usual.
 */
export type TrustResult = { ok: true } | { ok: false; reason: string; error?: ProbeError };

/**
 * Why a request to an origin that failed the check was stopped: its certificate, or (with `error`)
 * the origin was not reached at all (a name that does not resolve, a refused connection), which
 * says nothing about its certificate.
 */
export const refusal = (t: { reason: string; error?: ProbeError }): string => (t.error ? `not reached: ${t.reason}` : `certificate not trusted: ${t.reason}`);

const NOT_IN_TIME = 'not verified in time';

export async function verifyOrigin(host: string, port: number, net: NetOptions, signal?: AbortSignal): Promise<TrustResult> {
  let address: string;
  try {
    address = (await addressFor(host, port, net, signal)).address;
  } catch (err) {
    return { ok: false, reason: `cannot resolve ${host}: ${err instanceof Error ? err.message : String(err)}`, error: toProbeError(err, `resolving ${host}`, signal) };
  }
  const ca = trustedCas(net);
  const bare = host.replace(/^\[|\]$/g, '');
  return new Promise<TrustResult>((resolve) => {
    const socket = connect({
      host: address, port, ...(isIP(bare) ? {} : { servername: bare }),
      ...(ca ? withSharedContext({ ca }) : {}), rejectUnauthorized: true,
      ALPNProtocols: ['http/1.1'],
    });
    const done = (r: TrustResult) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const onAbort = () => done({ ok: false, reason: NOT_IN_TIME, error: new ProbeError('TIMEOUT', `${host}:${port}: ${NOT_IN_TIME}`, { hint: 'the site did not answer in time: raise --timeout or check the service', transient: true }) });
    const timer = setTimeout(onAbort, net.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => done({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const reason = `${err.code ? `${err.code}: ` : ''}${err.message}`;
      const mapped = toProbeError(err, `${host}:${port}`);
      // Only a TLS failure is about the certificate; anything else kept the origin out of reach.
      done(mapped.code === 'TLS_CERT' || mapped.code === 'TLS_HANDSHAKE' ? { ok: false, reason } : { ok: false, reason, error: mapped });
    });
  });
}

/** One verification per origin for the browser's life; a failed one is not retried within it. */
export class TrustCache {
  private readonly seen = new Map<string, Promise<TrustResult>>();
  constructor(private readonly net: NetOptions) {}

  check(url: URL, signal?: AbortSignal): Promise<TrustResult> {
    const port = Number(url.port) || 443;
    const key = `${url.hostname}:${port}`;
    let r = this.seen.get(key);
    if (!r) {
      r = verifyOrigin(url.hostname, port, this.net, signal);
      this.seen.set(key, r);
      // A check cut short by one page's time limit, or failed for a reason that may pass (a reset,
      // SERVFAIL), says nothing lasting about the origin: ask again next time.
      void r.then((x) => {
        if (!x.ok && x.error?.transient) this.seen.delete(key);
      });
    }
    return r;
  }
}
