import type { SecureVersion } from 'node:tls';
import { addressFor } from '../../net/dns.js';
import { toProbeError } from '../../net/errors.js';
import type { Probe } from '../types.js';
import { deadline, LEGACY_CLIENT, refusalReason, sniFor, withTls } from './connect.js';
import { TLS_VERSIONS, type ProtocolAttempt, type ProtocolsEvidence, type TlsVersion } from './evidence.js';
import { HandshakeInput } from './handshake.probe.js';

async function attempt(version: TlsVersion, base: { host: string; port: number; servername?: string }, signal: AbortSignal): Promise<ProtocolAttempt> {
  const v = version as SecureVersion;
  const options = {
    ...base,
    ...LEGACY_CLIENT,
    // One version per handshake, with a client that accepts anything, so legacy servers are seen.
    minVersion: v,
    maxVersion: v,
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  };
  try {
    const cipher = await withTls(options, signal, (s) => s.getCipher()?.name ?? null);
    return { version, offered: true, cipher, reason: null };
  } catch (err) {
    const reason = refusalReason(err);
    if (reason) return { version, offered: false, cipher: null, reason };
    throw err;
  }
}

export const protocolsProbe: Probe<HandshakeInput, ProtocolsEvidence> = {
  id: 'tls/protocols',
  description: 'Which TLS versions (1.0, 1.1, 1.2, 1.3) the server completes a handshake with, one version per handshake.',
  input: HandshakeInput,
  async run(input, ctx) {
    const own = new AbortController();
    const signal = AbortSignal.any([deadline(ctx), own.signal]);
    try {
      const { address } = await addressFor(input.host, input.port, ctx.net, signal);
      const servername = sniFor(input.host, input.servername);
      const base = { host: address, port: input.port, ...(servername ? { servername } : {}) };
      // In parallel: four handshakes cost one round trip of time, and share the probe's deadline.
      const versions = await Promise.all(TLS_VERSIONS.map((v) => attempt(v, base, signal)));
      return { host: input.host, port: input.port, servername: servername ?? null, address, versions };
    } catch (err) {
      throw toProbeError(err, `TLS version probe of ${input.host}:${input.port}`, signal);
    } finally {
      // A failed attempt (e.g. connection refused) leaves no other handshake running.
      own.abort();
    }
  },
};
