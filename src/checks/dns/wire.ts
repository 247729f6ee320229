// A raw DNS client (dgram/net + dns-packet) for what Node's c-ares resolver hides: the AA bit,
// RD=0 queries to authoritative servers, the authority and additional sections, and TTLs of every
// type. UDP with EDNS (1232-byte payload), one retransmission, TCP when the answer is truncated.
// Usable by any pack: it knows nothing about rules.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { isIP } from 'node:net';
import { randomInt } from 'node:crypto';
import * as packet from 'dns-packet';
import { ProbeError } from '../types.js';
import { toProbeError } from '../../net/errors.js';
import { serverSpec } from '../../net/dns.js';
import { toDnsRecord } from './present.js';
import { normName, type DnsAnswer, type DnsRecord } from './evidence.js';

export interface ServerAddress {
  address: string;
  port: number;
}

export interface QueryOptions {
  /** RD bit: true for a recursive resolver, false for an authoritative server. */
  recursive: boolean;
  /** Time for this query (UDP with one retransmission halfway, then TCP if truncated). */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface WireResponse {
  server: string;
  rcode: string;
  aa: boolean;
  tc: boolean;
  ra: boolean;
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
  transport: 'udp' | 'tcp';
}

/** "192.0.2.1", "192.0.2.1:5353", "2001:db8::1", "[2001:db8::1]:5353" -> address and port. */
export function parseServer(spec: string, defaultPort = 53): ServerAddress {
  const s = serverSpec(spec);
  if (isIP(s)) return { address: s, port: defaultPort };
  const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(s);
  if (v6) return { address: v6[1]!, port: Number(v6[2]) };
  const i = s.lastIndexOf(':');
  return { address: s.slice(0, i), port: Number(s.slice(i + 1)) };
}

/** "192.0.2.1:53" or "[2001:db8::1]:53". */
export function formatServer(server: ServerAddress): string {
  return isIP(server.address) === 6 ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`;
}

/**
 * Ask one server one question. Resolves with any response code (NXDOMAIN, SERVFAIL and REFUSED
 * are answers too); rejects with a ProbeError when no valid answer arrives in time
 * (DNS_TIMEOUT), the port is closed (CONNECTION_REFUSED), or the signal aborts (TIMEOUT/ABORTED).
 */
export async function query(server: ServerAddress, name: string, type: string, options: QueryOptions): Promise<WireResponse> {
  const where = formatServer(server);
  const what = `asking ${where} for ${normName(name) || '.'} ${type}`;
  const started = performance.now();
  try {
    if (options.signal?.aborted) throw options.signal.reason;
    const question = { name: normName(name) || '.', type: type as packet.RecordType, class: 'IN' as const };
    const id = randomInt(0, 65536);
    const message: packet.Packet = {
      type: 'query',
      id,
      flags: options.recursive ? packet.RECURSION_DESIRED : 0,
      questions: [question],
      additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
    };
    const matches = (p: packet.DecodedPacket) => p.id === id && p.type === 'response' && sameQuestion(p, question);
    let decoded = await udpExchange(server, packet.encode(message), matches, options);
    let transport: WireResponse['transport'] = 'udp';
    if (decoded.flag_tc) {
      const left = Math.max(1, options.timeoutMs - (performance.now() - started));
      decoded = await tcpExchange(server, packet.streamEncode(message), matches, { ...options, timeoutMs: left });
      transport = 'tcp';
    }
    return toResponse(where, decoded, transport);
  } catch (err) {
    throw toProbeError(err, what, options.signal);
  }
}

/** A response as evidence: the answer section, and the negative-caching TTL for NXDOMAIN/NODATA. */
export function toAnswer(name: string, type: string, response: WireResponse): DnsAnswer {
  const answer: DnsAnswer = { name: normName(name), type, rcode: response.rcode, aa: response.aa, records: response.answers.slice(0, 50), server: response.server };
  if (!response.answers.some((r) => r.type === type)) {
    const soa = response.authorities.find((r) => r.type === 'SOA');
    const minimum = soa ? Number(soa.value.split(/\s+/)[6]) : NaN;
    if (soa && Number.isFinite(minimum)) answer.negativeTtl = Math.min(soa.ttl, minimum);
  }
  return answer;
}

/** An error for a response code that means "this server could not answer", for lookups that need an answer. */
export function rcodeError(response: WireResponse, what: string): ProbeError | undefined {
  const byRcode: Record<string, string> = { SERVFAIL: 'ESERVFAIL', REFUSED: 'EREFUSED' };
  if (response.rcode === 'NOERROR' || response.rcode === 'NXDOMAIN') return undefined;
  const code = byRcode[response.rcode];
  if (code) return toProbeError(Object.assign(new Error(`${response.server} answered ${response.rcode}`), { code }), what);
  return new ProbeError('DNS_ERROR', `${what}: ${response.server} answered ${response.rcode}`, { hint: 'the DNS server rejected the query; check that it is a DNS server for this name' });
}

function sameQuestion(p: packet.DecodedPacket, q: { name: string; type: string }): boolean {
  const got = p.questions?.[0];
  return !!got && normName(got.name === '.' ? '' : got.name) === normName(q.name === '.' ? '' : q.name) && got.type === q.type;
}

function toResponse(server: string, p: packet.DecodedPacket, transport: WireResponse['transport']): WireResponse {
  const rcode = (p as { rcode?: string }).rcode ?? 'NOERROR';
  const records = (list: packet.Answer[] | undefined) => (list ?? []).filter((a) => a.type !== 'OPT').map(toDnsRecord);
  return { server, rcode, aa: p.flag_aa, tc: p.flag_tc, ra: p.flag_ra, answers: records(p.answers), authorities: records(p.authorities), additionals: records(p.additionals), transport };
}

function timeoutError(server: ServerAddress, ms: number): Error {
  return Object.assign(new Error(`no answer from ${formatServer(server)} within ${ms} ms`), { code: 'ETIMEOUT' });
}

/** Run `body` with a timer and the abort signal; `done` settles once and releases everything. */
function exchange<T>(options: QueryOptions, server: ServerAddress, body: (done: (err: unknown, value?: T) => void) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let release: () => void = () => undefined;
    let settled = false;
    const done = (err: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      release();
      if (err === undefined) resolve(value as T);
      else reject(err as Error);
    };
    const onAbort = () => done(options.signal?.reason ?? new Error('aborted'));
    const timer = setTimeout(() => done(timeoutError(server, options.timeoutMs)), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    release = body(done);
    if (settled) release();
  });
}

function udpExchange(server: ServerAddress, bytes: Buffer, matches: (p: packet.DecodedPacket) => boolean, options: QueryOptions): Promise<packet.DecodedPacket> {
  return exchange<packet.DecodedPacket>(options, server, (done) => {
    const socket = createSocket(isIP(server.address) === 6 ? 'udp6' : 'udp4');
    const send = () => socket.send(bytes, (err) => err && done(err));
    // One retransmission halfway through: a lost datagram should not read as a dead server.
    const resend = setTimeout(send, Math.max(50, Math.floor(options.timeoutMs / 2)));
    socket.on('error', (err) => done(err));
    socket.on('message', (msg) => {
      let p: packet.DecodedPacket;
      try {
        p = packet.decode(msg);
      } catch {
        return; // not a DNS message for us: keep waiting, as stub resolvers do
      }
      if (matches(p)) done(undefined, p);
    });
    // A connected socket hears ICMP port-unreachable as ECONNREFUSED and accepts replies only from the server.
    socket.connect(server.port, server.address, send);
    return () => {
      clearTimeout(resend);
      socket.close();
    };
  });
}

function tcpExchange(server: ServerAddress, bytes: Buffer, matches: (p: packet.DecodedPacket) => boolean, options: QueryOptions): Promise<packet.DecodedPacket> {
  return exchange<packet.DecodedPacket>(options, server, (done) => {
    const socket = connect({ host: server.address, port: server.port });
    let buffered = Buffer.alloc(0);
    socket.on('connect', () => socket.write(bytes));
    socket.on('error', (err) => done(err));
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const size = buffered.readUInt16BE(0);
        const msg = buffered.subarray(2, 2 + size);
        buffered = buffered.subarray(2 + size);
        try {
          const p = packet.decode(msg);
          if (matches(p)) return done(undefined, p);
        } catch (err) {
          return done(new ProbeError('DNS_ERROR', `${formatServer(server)} sent a malformed DNS message over TCP: ${(err as Error).message}`, { hint: 'the server is not speaking DNS on this port, or is broken' }));
        }
      }
    });
    socket.on('end', () => done(Object.assign(new Error('the server closed the TCP connection without an answer'), { code: 'ECONNRESET' })));
    return () => socket.destroy();
  });
}
