import { isIP } from 'node:net';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { withSharedContext } from '../../net/tls-options.js';
import type { ProbeContext } from '../types.js';

/** Client settings that still talk to TLS 1.0/1.1 servers and SHA-1/RSA-1024 certificates (OpenSSL 3 refuses them at level 1). */
export const LEGACY_CLIENT: ConnectionOptions = { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' };

/**
 * The probe's signal: the runner's, plus the probe's own limit, so a server that accepts and never
 * answers ends as TIMEOUT (toProbeError reads the TimeoutError reason) within net.timeoutMs.
 */
export function deadline(ctx: ProbeContext): AbortSignal {
  return AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.net.timeoutMs)]);
}

/** The SNI name: the given server name or the host; none for an IP address (RFC 6066 forbids IP literals). */
export function sniFor(host: string, servername?: string): string | undefined {
  const name = (servername ?? host).replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return isIP(name) ? undefined : name;
}

/**
 * Connect, complete one handshake, let `read` look at the socket, and always destroy it.
 * Rejects with the socket's error, or the signal's reason on abort.
 */
export function withTls<T>(options: ConnectionOptions, signal: AbortSignal, read: (socket: TLSSocket) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const socket = connect(withSharedContext(options));
    const onAbort = () => {
      socket.destroy();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
    };
    socket.once('secureConnect', () => {
      try {
        resolve(read(socket));
      } catch (err) {
        reject(err as Error);
      } finally {
        done();
      }
    });
    socket.on('error', (err) => {
      done();
      reject(err);
    });
  });
}

const codeOf = (err: unknown): string | undefined => {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/** OpenSSL ended the handshake (an alert, no shared version or cipher, not TLS at all): ERR_SSL_*. */
export const isTlsAlert = (err: unknown): boolean => codeOf(err)?.startsWith('ERR_SSL_') ?? false;

/**
 * A short reason when the server refused the handshake itself (protocol version, no shared cipher,
 * a reset mid-handshake); undefined for errors that are not about TLS (refused, DNS, time-out).
 */
export function refusalReason(err: unknown): string | undefined {
  const code = codeOf(err);
  if (code === 'ECONNRESET') return 'connection reset during the handshake';
  if (code === undefined || !isTlsAlert(err)) return undefined;
  const message = err instanceof Error ? err.message : '';
  // "...:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../deps/..." -> "tlsv1 alert protocol version"
  return /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1] ?? code.slice('ERR_SSL_'.length).toLowerCase().replaceAll('_', ' ');
}
