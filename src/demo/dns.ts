import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';

/** A small authoritative DNS server on loopback for the demo: answers from a fixed list of records. */
export interface DemoRecord {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX' | 'NS' | 'SOA' | 'CAA';
  ttl?: number;
  data: unknown;
}

export interface DemoDns {
  spec: string;
  close(): Promise<void>;
}

const norm = (n: string) => n.toLowerCase().replace(/\.$/, '');

/** An authoritative server for `zones` (one or several); names outside them do not exist. */
export async function startDemoDns(records: DemoRecord[], zones: string | string[]): Promise<DemoDns> {
  const served = (Array.isArray(zones) ? zones : [zones]).map(norm);
  const socket = createSocket('udp4');
  socket.on('message', (msg, peer) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const q = query.questions?.[0];
    if (!q) return;
    const name = norm(q.name);
    const atName = records.filter((r) => norm(r.name) === name);
    const exact = atName.filter((r) => r.type === q.type);
    const chosen = exact.length > 0 ? exact : atName.filter((r) => r.type === 'CNAME');
    // Like an authoritative server, follow a CNAME to data it also holds, in the same answer.
    const followed = exact.length === 0 ? chosen.flatMap((c) => records.filter((r) => norm(r.name) === norm(String(c.data)) && r.type === q.type)) : [];
    const answers = [...chosen, ...followed].map((r) => ({ name: r.name, type: r.type, class: 'IN', ttl: r.ttl ?? 300, data: r.data }));
    const inZone = served.some((zone) => name === zone || name.endsWith(`.${zone}`));
    const known = records.some((r) => norm(r.name) === name || norm(r.name).endsWith(`.${name}`));
    const soa = records.find((r) => r.type === 'SOA' && (name === norm(r.name) || name.endsWith(`.${norm(r.name)}`)));
    const response = {
      type: 'response' as const,
      id: query.id ?? 0,
      // Names outside the zone do not exist as far as the demo's little world goes (NXDOMAIN).
      flags: (inZone ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | (known ? 0 : 3),
      questions: [q],
      answers,
      authorities: answers.length === 0 && soa && inZone ? [{ name: soa.name, type: 'SOA', class: 'IN', ttl: 300, data: soa.data }] : [],
    };
    socket.send(dnsPacket.encode(response as dnsPacket.Packet), peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address() as AddressInfo;
  return { spec: `127.0.0.1:${port}`, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}
