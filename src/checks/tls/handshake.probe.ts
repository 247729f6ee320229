import type { X509Certificate } from 'node:crypto';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { z } from 'zod';
import { addressFor } from '../../net/dns.js';
import { toProbeError } from '../../net/errors.js';
import { trustedCas } from '../../net/tls-options.js';
import { HostName, Port } from '../targets.js';
import type { Probe, ProbeContext } from '../types.js';
import { describeCertificate, extraCaCount, peerChain, trustSource, trustStore } from './cert-info.js';
import { deadline, isTlsAlert, LEGACY_CLIENT, refusalReason, sniFor, withTls } from './connect.js';
import type { HandshakeEvidence } from './evidence.js';

export const HandshakeInput = z.strictObject({
  host: HostName,
  port: Port.default(443),
  servername: HostName.optional().describe('SNI name when it differs from host (default: host).'),
});
export type HandshakeInput = z.infer<typeof HandshakeInput>;

interface Seen {
  protocol: string | null;
  cipher: string | null;
  authorized: boolean;
  authorizationError: HandshakeEvidence['authorizationError'];
  chain: X509Certificate[];
}

/**
 * Node keeps only the code in socket.authorizationError, and for some failures the code is
 * "UNSPECIFIED" while the message says what happened ("CA signature digest algorithm too weak").
 * The handle's verifyError() (internal, present since Node 0.x) has both; fall back to the code.
 */
function authorizationErrorOf(socket: TLSSocket): HandshakeEvidence['authorizationError'] {
  if (socket.authorized) return null;
  const handle = (socket as unknown as { _handle?: { verifyError?: () => Error | null } })._handle;
  const verifyError = handle?.verifyError?.();
  const code = (verifyError as { code?: unknown } | null | undefined)?.code;
  if (verifyError && typeof code === 'string') return { code, message: verifyError.message };
  const fallback = String(socket.authorizationError ?? 'UNKNOWN');
  return { code: fallback, message: fallback };
}

function observe(socket: TLSSocket): Seen {
  return {
    protocol: socket.getProtocol(),
    cipher: socket.getCipher()?.name ?? null,
    authorized: socket.authorized,
    authorizationError: authorizationErrorOf(socket),
    chain: peerChain(socket),
  };
}

/**
 * One handshake with a client like a modern browser's (Node defaults: TLS 1.2+, security level 1);
 * when the server refuses that handshake, a second one with legacy settings, so certificate
 * evidence is still gathered (tls/protocols judges the protocols).
 */
async function handshake(options: ConnectionOptions, signal: AbortSignal, ctx: ProbeContext): Promise<{ seen: Seen; legacy: boolean }> {
  try {
    return { seen: await withTls(options, signal, observe), legacy: false };
  } catch (err) {
    if (!isTlsAlert(err)) throw err;
    ctx.log.debug('tls/handshake: modern handshake refused, trying legacy settings', { reason: refusalReason(err) });
    try {
      return { seen: await withTls({ ...options, ...LEGACY_CLIENT }, signal, observe), legacy: true };
    } catch {
      throw err;
    }
  }
}

export const handshakeProbe: Probe<HandshakeInput, HandshakeEvidence> = {
  id: 'tls/handshake',
  description: 'One TLS handshake: protocol, cipher, the certificate chain with keys, signatures and dates, and whether it verifies to a trusted root.',
  input: HandshakeInput,
  async run(input, ctx) {
    const signal = deadline(ctx);
    try {
      const { address } = await addressFor(input.host, input.port, ctx.net, signal);
      const servername = sniFor(input.host, input.servername);
      const ca = trustedCas(ctx.net);
      const options: ConnectionOptions = {
        host: address,
        port: input.port,
        ...(servername ? { servername } : {}),
        ...(ca ? { ca } : {}),
        // Gather evidence from bad servers too; the rules judge. The host name is tls/hostname's job.
        rejectUnauthorized: false,
        checkServerIdentity: () => undefined,
      };
      const { seen, legacy } = await handshake(options, signal, ctx);
      const store = trustStore(ctx.net);
      const chain = seen.chain.map((x) => describeCertificate(x, store));
      const anchor = seen.chain.at(-1);
      return {
        host: input.host,
        port: input.port,
        servername: servername ?? null,
        address,
        protocol: seen.protocol,
        cipher: seen.cipher,
        legacyHandshake: legacy,
        authorized: seen.authorized,
        authorizationError: seen.authorizationError,
        chain,
        chainReachesTrustedRoot: chain.at(-1)?.inTrustStore ?? false,
        trustAnchorSource: anchor ? trustSource(anchor, store) : null,
        extraTrustedCas: extraCaCount(ctx.net),
      };
    } catch (err) {
      throw toProbeError(err, `TLS handshake with ${input.host}:${input.port}`, signal);
    }
  },
};
