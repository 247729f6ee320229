import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZoneServer, type Rr, type ZoneServer } from '../../../test/support/dns-server.js';
import { formatServer, parseServer, query } from './wire.js';
import { expectProbeError } from './test-helpers.js';

const Z = 'wire.test';
const records: Rr[] = [
  { name: Z, type: 'SOA', primary: `ns1.${Z}`, admin: `hostmaster.${Z}`, serial: 42, refresh: 3600, retry: 600, expiration: 86400, minimum: 120, ttl: 900 },
  { name: Z, type: 'A', address: '192.0.2.10', ttl: 60 },
  { name: Z, type: 'AAAA', address: '2001:0db8:0000:0000:0000:0000:0000:0010' },
  { name: Z, type: 'MX', exchange: `mx.${Z}`, priority: 10 },
  { name: Z, type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' },
  { name: Z, type: 'TXT', data: ['v=spf1 ', '-all'] },
  // Too big for 1232 bytes over UDP: the server truncates, the client retries over TCP.
  ...Array.from({ length: 8 }, (_, i): Rr => ({ name: `big.${Z}`, type: 'TXT', data: `${i}-${'x'.repeat(250)}` })),
  { name: `www.${Z}`, type: 'CNAME', domain: Z },
];

let server: ZoneServer;
beforeAll(async () => {
  server = await startZoneServer({ address: '127.53.1.1', records, tcp: true, behaviour: { [`slow.${Z}`]: 'drop', [`bad.${Z}`]: 'servfail', [`tc.${Z}`]: 'truncate' } });
});
afterAll(() => server.close());

const ask = (name: string, type: string, timeoutMs = 800, signal?: AbortSignal) => query(parseServer(server.spec), name, type, { recursive: false, timeoutMs, ...(signal ? { signal } : {}) });

describe('wire: raw DNS queries', () => {
  it('reads the AA bit, TTLs and every type in presentation form', async () => {
    const a = await ask(Z, 'A');
    expect(a).toMatchObject({ rcode: 'NOERROR', aa: true, transport: 'udp', answers: [{ name: Z, type: 'A', ttl: 60, value: '192.0.2.10' }] });
    expect((await ask(Z, 'AAAA')).answers[0]?.value).toBe('2001:db8::10');
    expect((await ask(Z, 'MX')).answers[0]?.value).toBe(`10 mx.${Z}`);
    expect((await ask(Z, 'CAA')).answers[0]?.value).toBe('0 issue "letsencrypt.org"');
    expect((await ask(Z, 'TXT')).answers[0]?.value).toBe('v=spf1 -all');
    expect((await ask(Z, 'SOA')).answers[0]?.value).toBe(`ns1.${Z} hostmaster.${Z} 42 3600 600 86400 120`);
    expect((await ask(`WWW.${Z}.`, 'A')).answers[0]).toMatchObject({ type: 'CNAME', value: Z });
  });

  it('returns NXDOMAIN with the SOA in the authority section, and SERVFAIL as an answer', async () => {
    const nx = await ask(`nope.${Z}`, 'A');
    expect(nx.rcode).toBe('NXDOMAIN');
    expect(nx.authorities[0]?.type).toBe('SOA');
    expect((await ask(`bad.${Z}`, 'A')).rcode).toBe('SERVFAIL');
  });

  it('retries over TCP when the answer is truncated', async () => {
    const big = await ask(`big.${Z}`, 'TXT');
    expect(big.transport).toBe('tcp');
    expect(big.answers).toHaveLength(8);
    const tc = await ask(`tc.${Z}`, 'A');
    expect(tc).toMatchObject({ transport: 'tcp', tc: false, rcode: 'NXDOMAIN' });
  });

  it('server never answers: DNS_TIMEOUT within the timeout', async () => {
    await expectProbeError(() => ask(`slow.${Z}`, 'A', 500), ['DNS_TIMEOUT'], 1500);
  });

  it('honours the abort signal before its own timer', async () => {
    const err = await expectProbeError(() => ask(`slow.${Z}`, 'A', 5000, AbortSignal.timeout(300)), ['TIMEOUT'], 1300);
    expect(err.message).toContain(`slow.${Z}`);
  });

  it('a closed port is CONNECTION_REFUSED, not a time-out', async () => {
    await expectProbeError(() => query({ address: '127.53.1.2', port: server.port }, Z, 'A', { recursive: false, timeoutMs: 1000 }), ['CONNECTION_REFUSED'], 900);
  });

  it('parses and formats server specs', () => {
    expect(parseServer('192.0.2.1')).toEqual({ address: '192.0.2.1', port: 53 });
    expect(parseServer('192.0.2.1:5353')).toEqual({ address: '192.0.2.1', port: 5353 });
    expect(parseServer('[2001:db8::1]:5353')).toEqual({ address: '2001:db8::1', port: 5353 });
    expect(formatServer({ address: '2001:db8::1', port: 53 })).toBe('[2001:db8::1]:53');
    expect(() => parseServer('dns.example.com')).toThrow(/not a DNS server address/);
  });
});
