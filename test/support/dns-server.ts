// A real DNS server on loopback for tests, built on dns2: it serves whatever records it is given,
// including what real servers refuse (a CNAME at the apex), and can misbehave on purpose
// (never answer, SERVFAIL, REFUSED). Records are plain objects; names are matched case-insensitively.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const require = createRequire(import.meta.url);
// dns2 ships CommonJS without types.
const dns2 = require('dns2') as Dns2;

export type RrType = 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX' | 'NS' | 'SOA' | 'CAA' | 'SRV' | 'PTR' | 'SPF';

/** One resource record. `data` depends on the type (see the examples on each field). */
export interface Rr {
  name: string;
  type: RrType;
  ttl?: number;
  /** A/AAAA: "127.0.0.1" */
  address?: string;
  /** CNAME/PTR: target name */
  domain?: string;
  /** TXT/SPF: one string or several character-strings */
  data?: string | string[];
  /** MX */
  exchange?: string;
  priority?: number;
  /** NS */
  ns?: string;
  /** SOA */
  primary?: string;
  admin?: string;
  serial?: number;
  refresh?: number;
  retry?: number;
  expiration?: number;
  minimum?: number;
  /** CAA */
  flags?: number;
  tag?: string;
  value?: string;
}

/**
 * What the server does with a query for a name: answer from the records, or misbehave.
 * `truncate` answers over UDP with the TC bit and no records (the full answer comes over TCP,
 * when the server was started with `tcp: true`).
 */
export type Behaviour = 'answer' | 'drop' | 'servfail' | 'refused' | 'nxdomain' | 'truncate';

export interface ZoneServerOptions {
  records: Rr[];
  /** Loopback address to listen on (default 127.0.0.1); any of 127.0.0.0/8 works. */
  address?: string;
  /** Port (default 0: any free one). */
  port?: number;
  /** Set the AA bit (default true). */
  authoritative?: boolean;
  /** Names (lower case) that misbehave; "*" for every query. */
  behaviour?: Record<string, Behaviour>;
  /** Referral: NS records returned in the authority section (with A or AAAA glue) for names under a delegated child. */
  delegations?: { zone: string; ns: { name: string; address?: string }[] }[];
  /** Also serve TCP on the same address and port (default false). */
  tcp?: boolean;
}

export interface ZoneServer {
  address: string;
  port: number;
  /** "address:port", ready for --resolver. */
  spec: string;
  /** Queries received, as "name TYPE", in order. */
  queries: string[];
  /** Replace the records (e.g. to simulate a change). */
  setRecords(records: Rr[]): void;
  close(): Promise<void>;
}

const norm = (n: string) => n.toLowerCase().replace(/\.$/, '');

/** Start a DNS server on UDP (and TCP with `tcp: true`). Close it in afterAll/afterEach. */
export async function startZoneServer(options: ZoneServerOptions): Promise<ZoneServer> {
  const { Packet } = dns2;
  let records = options.records;
  const queries: string[] = [];
  const behaviour = options.behaviour ?? {};
  const handle = (transport: 'udp' | 'tcp') => (request: Dns2Packet, send: (res: Dns2Packet) => void) => {
    const response = Packet.createResponseFromRequest(request);
    const [q] = request.questions;
    if (!q) return send(response);
    const name = norm(q.name);
    const typeName = Object.keys(Packet.TYPE).find((k) => Packet.TYPE[k] === q.type) ?? String(q.type);
    queries.push(`${name} ${typeName}`);
    const how = behaviour[name] ?? behaviour['*'] ?? 'answer';
    if (how === 'drop') return;
    response.header.aa = options.authoritative === false ? 0 : 1;
    response.header.ra = 0;
    if (how === 'truncate' && transport === 'udp') {
      response.header.tc = 1;
      return send(response);
    }
    if (how === 'servfail' || how === 'refused' || how === 'nxdomain') {
      response.header.rcode = how === 'servfail' ? 2 : how === 'refused' ? 5 : 3;
      return send(response);
    }
    answer(response, name, q.type, records, options, Packet);
    send(response);
  };
  const address = options.address ?? '127.0.0.1';
  // With TCP on a free port, the UDP port may be taken for TCP: try a few ports.
  for (let attempt = 0; ; attempt++) {
    try {
      const { port, close } = await listen(handle, address, options.port ?? 0, options.tcp ?? false);
      const setRecords = (r: Rr[]) => {
        records = r;
      };
      return { address, port, spec: `${address}:${port}`, queries, setRecords, close };
    } catch (err) {
      if ((err as { code?: string }).code !== 'EADDRINUSE' || options.port || attempt >= 5) throw err;
    }
  }
}

type Handler = (req: Dns2Packet, send: (res: Dns2Packet) => void) => void;

async function listen(handle: (t: 'udp' | 'tcp') => Handler, address: string, wanted: number, withTcp: boolean): Promise<{ port: number; close: () => Promise<void> }> {
  const server = dns2.createUDPServer(handle('udp'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.bind(wanted, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const closeUdp = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const tcp = withTcp ? dns2.createTCPServer(handle('tcp')) : undefined;
  if (tcp) {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', (e) => void closeUdp().then(() => reject(e)));
      tcp.listen(port, address, () => resolve());
    });
  }
  const closeTcp = () => new Promise<void>((resolve) => (tcp ? tcp.close(() => resolve()) : resolve()));
  return { port, close: () => Promise.all([closeUdp(), closeTcp()]).then(() => undefined) };
}

/**
 * Start several servers on different loopback addresses and the same port (authoritative servers
 * all listen on one port, as on port 53): the first binds port 0, the others reuse its port. If that
 * port is taken on another address, start over on a fresh port (a few times).
 */
export async function startZoneServers(list: (ZoneServerOptions & { address: string })[]): Promise<ZoneServer[]> {
  for (let attempt = 0; ; attempt++) {
    const started: ZoneServer[] = [];
    try {
      for (const options of list) started.push(await startZoneServer({ ...options, port: started[0]?.port ?? options.port ?? 0 }));
      return started;
    } catch (err) {
      await Promise.all(started.map((s) => s.close()));
      if ((err as { code?: string }).code !== 'EADDRINUSE' || attempt >= 5) throw err;
    }
  }
}

function toResource(rr: Rr, Packet: Dns2['Packet']): Record<string, unknown> {
  return { ...rr, name: norm(rr.name), type: Packet.TYPE[rr.type], class: Packet.CLASS.IN, ttl: rr.ttl ?? 300 };
}

function answer(response: Dns2Packet, name: string, type: number, records: Rr[], options: ZoneServerOptions, Packet: Dns2['Packet']): void {
  const atName = records.filter((r) => norm(r.name) === name);
  const exact = atName.filter((r) => Packet.TYPE[r.type] === type);
  const cname = atName.filter((r) => r.type === 'CNAME' && type !== Packet.TYPE.CNAME);
  // A CNAME answers every type at its name (this server does not chase it: resolvers do).
  const chosen = exact.length > 0 ? exact : cname;
  response.answers.push(...chosen.map((r) => toResource(r, Packet)));
  if (chosen.length > 0 || atName.length > 0) return;
  const delegation = options.delegations?.find((d) => name === norm(d.zone) || name.endsWith(`.${norm(d.zone)}`));
  if (delegation) {
    response.header.aa = 0;
    for (const ns of delegation.ns) {
      response.authorities.push({ name: norm(delegation.zone), type: Packet.TYPE.NS, class: Packet.CLASS.IN, ttl: 3600, ns: ns.name });
      if (ns.address) response.additionals.push({ name: norm(ns.name), type: ns.address.includes(':') ? Packet.TYPE.AAAA : Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 3600, address: ns.address });
    }
    return;
  }
  const exists = records.some((r) => norm(r.name) === name || norm(r.name).endsWith(`.${name}`));
  if (!exists) response.header.rcode = 3; // NXDOMAIN
  const soa = records.find((r) => r.type === 'SOA' && (name === norm(r.name) || name.endsWith(`.${norm(r.name)}`)));
  if (soa) response.authorities.push(toResource(soa, Packet));
}

interface Dns2Packet {
  header: { aa: number; ra: number; rcode: number; tc: number };
  questions: { name: string; type: number }[];
  answers: Record<string, unknown>[];
  authorities: Record<string, unknown>[];
  additionals: Record<string, unknown>[];
}

interface Dns2Socket {
  once(event: 'error', fn: (e: Error) => void): void;
  bind(port: number, address: string, cb: () => void): void;
  address(): AddressInfo;
  close(cb: () => void): void;
}

interface Dns2 {
  Packet: {
    TYPE: Record<string, number>;
    CLASS: Record<string, number>;
    RCODE: Record<string, number>;
    createResponseFromRequest(req: Dns2Packet): Dns2Packet;
  };
  createUDPServer(handler: (req: Dns2Packet, send: (res: Dns2Packet) => void) => void): Dns2Socket;
  createTCPServer(handler: (req: Dns2Packet, send: (res: Dns2Packet) => void) => void): Dns2TcpServer;
}

interface Dns2TcpServer {
  once(event: 'error', fn: (e: Error) => void): void;
  listen(port: number, address: string, cb: () => void): void;
  close(cb: () => void): void;
}
