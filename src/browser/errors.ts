import { ProbeError, type ProbeErrorCode } from '../checks/types.js';
import { toProbeError } from '../net/errors.js';

/** Chromium's net error names -> probe error codes, with what to do. */
const NET_ERRORS: [RegExp, ProbeErrorCode, string, boolean?][] = [
  [/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/, 'DNS_NOT_FOUND', 'the browser could not resolve the name: check its spelling and DNS, or pass --resolve host:port:address to rehearse before the DNS switch'],
  [/ERR_CONNECTION_REFUSED/, 'CONNECTION_REFUSED', 'nothing listens on that port: is the site up, and is it the right address?'],
  [/ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/, 'CONNECTION_RESET', 'the server closed the connection before the page arrived', true],
  [/ERR_CERT_|certificate not trusted/, 'TLS_CERT', 'the browser does not trust the certificate for this name: the tls/* rules say exactly why; for a private CA pass --ca-file'],
  [/ERR_SSL_|ERR_TLS_/, 'TLS_HANDSHAKE', 'the TLS handshake failed: the server may not speak TLS on this port'],
  [/ERR_ADDRESS_UNREACHABLE|ERR_NETWORK_ACCESS_DENIED/, 'HOST_UNREACHABLE', 'no route to the host: check the address and firewalls'],
  [/ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT/, 'TIMEOUT', 'the site did not answer in time: raise --timeout or check the service', true],
  [/ERR_TOO_MANY_REDIRECTS/, 'HTTP_REDIRECT_LOOP', 'the page redirects in a loop: check the http/* redirect checks'],
  [/ERR_INVALID_HTTP_RESPONSE|ERR_INVALID_RESPONSE|ERR_RESPONSE_HEADERS/, 'HTTP_PROTOCOL', 'the server sent an invalid HTTP response'],
];

/**
 * A failure while driving the page as a ProbeError: the probe's time limit or Ctrl-C first (the
 * context was closed under the browser), then Chromium's net errors, then anything else.
 */
export function pageError(err: unknown, what: string, signal: AbortSignal): ProbeError {
  if (err instanceof ProbeError) return err;
  if (signal.aborted) return toProbeError(err, what, signal);
  const message = err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err);
  for (const [re, code, hint, transient] of NET_ERRORS) {
    if (re.test(message)) return new ProbeError(code, `${what}: ${message}`, { cause: err, hint, transient: transient ?? false });
  }
  return new ProbeError('NETWORK', `${what}: ${message}`, { cause: err, hint: 'the browser could not load the page; run with GOLIVE_DEBUG=1 for details' });
}
