import { ProbeError, type ProbeErrorCode } from '../checks/types.js';

/** Node, c-ares and undici error codes -> the closed set of probe error codes, with a hint for people. */
const CODES: Record<string, { code: ProbeErrorCode; hint: string; transient?: boolean }> = {
  ENOTFOUND: { code: 'DNS_NOT_FOUND', hint: 'the name does not exist (NXDOMAIN): check its spelling and the DNS zone, or pass --resolve host:port:address to rehearse before the DNS switch' },
  ENODATA: { code: 'DNS_NO_DATA', hint: 'the name exists but has no record of the asked type' },
  ESERVFAIL: { code: 'DNS_SERVFAIL', hint: 'the resolver could not answer (SERVFAIL): check the zone\'s delegation and DNSSEC', transient: true },
  EREFUSED: { code: 'DNS_REFUSED', hint: 'the DNS server refused the query: is it the right server, and does it allow recursion?' },
  ETIMEOUT: { code: 'DNS_TIMEOUT', hint: 'no DNS server answered in time: check --resolver and the network', transient: true },
  EBADRESP: { code: 'DNS_ERROR', hint: 'the DNS server sent a malformed answer' },
  EFORMERR: { code: 'DNS_ERROR', hint: 'the DNS server could not parse the query (FORMERR)' },
  ENOTIMP: { code: 'DNS_ERROR', hint: 'the DNS server does not implement this query (NOTIMP)' },
  EBADQUERY: { code: 'DNS_ERROR', hint: 'the name cannot be sent as a DNS query' },
  EBADNAME: { code: 'DNS_ERROR', hint: 'the name is not a valid DNS name' },
  ECONNREFUSED: { code: 'CONNECTION_REFUSED', hint: 'nothing listens on that port: is the service up, and is it the right address?' },
  ECONNRESET: { code: 'CONNECTION_RESET', hint: 'the server or something on the way closed the connection abruptly', transient: true },
  EPIPE: { code: 'CONNECTION_RESET', hint: 'the server closed the connection while we were sending', transient: true },
  UND_ERR_SOCKET: { code: 'CONNECTION_RESET', hint: 'the server closed the connection before answering', transient: true },
  EHOSTUNREACH: { code: 'HOST_UNREACHABLE', hint: 'no route to the host: check the address and firewalls' },
  ENETUNREACH: { code: 'HOST_UNREACHABLE', hint: 'no route to the network: check the address and firewalls' },
  EADDRNOTAVAIL: { code: 'HOST_UNREACHABLE', hint: 'the address cannot be reached from this machine' },
  ETIMEDOUT: { code: 'TIMEOUT', hint: 'the server did not answer in time: raise --timeout or check the service', transient: true },
  UND_ERR_CONNECT_TIMEOUT: { code: 'TIMEOUT', hint: 'the connection was not established in time', transient: true },
  UND_ERR_HEADERS_TIMEOUT: { code: 'TIMEOUT', hint: 'the server accepted the connection but sent no complete headers in time', transient: true },
  UND_ERR_BODY_TIMEOUT: { code: 'TIMEOUT', hint: 'the server stopped sending the body', transient: true },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { code: 'HTTP_PROTOCOL', hint: 'the body length differs from Content-Length: a proxy or the application cut the response' },
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: { code: 'HTTP_PROTOCOL', hint: 'the request body length differs from Content-Length' },
  UND_ERR_RES_EXCEEDED_MAX_SIZE: { code: 'HTTP_TOO_LARGE', hint: 'the response is larger than the check reads' },
  UND_ERR_INFO: { code: 'HTTP_PROTOCOL', hint: 'the server sent an invalid HTTP response' },
  HPE_INVALID_CHUNK_SIZE: { code: 'HTTP_PROTOCOL', hint: 'broken chunked encoding: a proxy or the application wrote an invalid chunk' },
  HPE_INVALID_CONSTANT: { code: 'HTTP_PROTOCOL', hint: 'the server did not speak HTTP: is it the right port, or TLS on an http:// URL?' },
};

const TLS_CERT_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED',
]);

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Any error from a network call as a ProbeError. `signal` tells a time-out (its reason is a
 * TimeoutError) from a user's Ctrl-C. Already-mapped ProbeErrors pass through.
 */
export function toProbeError(err: unknown, what: string, signal?: AbortSignal): ProbeError {
  if (err instanceof ProbeError) return err;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return timedOut
      ? new ProbeError('TIMEOUT', `${what}: no complete answer within the time limit`, { cause: err, hint: 'the server accepted but did not finish in time; raise --timeout if it is just slow', transient: true })
      : new ProbeError('ABORTED', `${what}: cancelled`, { cause: err });
  }
  // undici wraps the socket error in `cause`.
  const inner = codeOf(err) === 'UND_ERR_SOCKET' || codeOf(err) === undefined ? (err as { cause?: unknown }).cause ?? err : err;
  const code = codeOf(inner) ?? codeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code && CODES[code]) {
    const m = CODES[code];
    return new ProbeError(m.code, `${what}: ${message}`, { cause: err, hint: m.hint, transient: m.transient ?? false });
  }
  if (code && (TLS_CERT_CODES.has(code) || code.startsWith('ERR_TLS_CERT'))) {
    return new ProbeError('TLS_CERT', `${what}: ${code} ${message}`, { cause: err, hint: 'the certificate is not trusted for this name; the tls/* rules say exactly why' });
  }
  if (code && (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS|handshake/i.test(message))) {
    return new ProbeError('TLS_HANDSHAKE', `${what}: ${message}`, { cause: err, hint: 'the TLS handshake failed: the server may not speak TLS on this port, or offers no protocol or cipher we accept' });
  }
  if (code && code.startsWith('HPE_')) {
    return new ProbeError('HTTP_PROTOCOL', `${what}: ${message}`, { cause: err, hint: 'the server sent an invalid HTTP response' });
  }
  return new ProbeError('NETWORK', `${what}: ${code ? `${code} ` : ''}${message}`, { cause: err, hint: 'an unexpected network error; run with GOLIVE_DEBUG=1 for details' });
}
