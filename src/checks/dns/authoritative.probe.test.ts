import { afterEach, describe, expect, it } from 'vitest';
import { authoritativeProbe, type AuthoritativeEvidence } from './authoritative.probe.js';
import { rule as delegation } from './delegation.rule.js';
import { rule as consistency } from './consistency.rule.js';
import { rule as ttl } from './ttl-before-cutover.rule.js';
import type { AnyRule } from '../types.js';
import { expectProbeError, probeCtx, ruleCtx } from './test-helpers.js';
import { startZoneServers, type Behaviour, type Rr, type ZoneServer } from '../../../test/support/dns-server.js';

// A small DNS world on loopback: a resolver, the parent zone "test" on <net>.1 and the child
// zone's nameservers on <net>.2, <net>.3, ..., all on one port.
const soa = (zone: string, serial = 1, minimum = 300): Rr => ({ name: zone, type: 'SOA', primary: `ns1.${zone}`, admin: `hostmaster.${zone}`, serial, refresh: 3600, retry: 600, expiration: 86400, minimum, ttl: 3600 });

interface ChildSpec {
  /** Extra records (beyond SOA, NS and the nameservers' A records). */
  records?: Rr[];
  serial?: number;
  /** NS names this server lists for the zone (default: the world's). */
  ns?: string[];
  authoritative?: boolean;
  behaviour?: Record<string, Behaviour>;
}

interface WorldSpec {
  /** First three octets, e.g. "127.53.4": parent on .1, children on .2 and up, resolver on .100. */
  net: string;
  zone?: string;
  /** NS names of the zone (default ns1/ns2 inside the zone), in the order of the children. */
  ns?: string[];
  /** NS names the parent delegates to (default: all of `ns`). */
  parentNs?: string[];
  /** The parent delegates the zone (default true), with glue (default true). */
  delegated?: boolean;
  glue?: boolean;
  parentBehaviour?: Record<string, Behaviour>;
  resolverBehaviour?: Record<string, Behaviour>;
  children: ChildSpec[];
}

interface World {
  port: number;
  resolver: string;
  servers: ZoneServer[];
  close(): Promise<void>;
}

async function startWorld(spec: WorldSpec): Promise<World> {
  const zone = spec.zone ?? 'example.test';
  const ns = spec.ns ?? spec.children.map((_, i) => `ns${i + 1}.${zone}`);
  const addressOf = (name: string) => `${spec.net}.${ns.indexOf(name) + 2}`;
  const nsRecords = (names: string[]): Rr[] => [...names.map((n): Rr => ({ name: zone, type: 'NS', ns: n, ttl: 3600 })), ...ns.map((n): Rr => ({ name: n, type: 'A', address: addressOf(n) }))];
  const parentRecords: Rr[] = [soa('test'), { name: 'test', type: 'NS', ns: 'a.nic.test' }];
  const delegations = spec.delegated === false ? [] : [{ zone, ns: (spec.parentNs ?? ns).map((n) => ({ name: n, ...(spec.glue === false ? {} : { address: addressOf(n) }) })) }];
  const children = spec.children.map((c, i) => ({
    address: `${spec.net}.${i + 2}`,
    records: [soa(zone, c.serial ?? 1), ...nsRecords(c.ns ?? ns), ...(c.records ?? [])],
    ...(c.authoritative === undefined ? {} : { authoritative: c.authoritative }),
    ...(c.behaviour ? { behaviour: c.behaviour } : {}),
  }));
  // The resolver knows everything a recursive resolver would find: the parent's NS and the zone.
  const resolverRecords: Rr[] = [...parentRecords, { name: 'a.nic.test', type: 'A', address: `${spec.net}.1` }, ...(spec.delegated === false ? [] : children[0]?.records ?? [])];
  const servers = await startZoneServers([
    { address: `${spec.net}.1`, records: parentRecords, delegations, ...(spec.parentBehaviour ? { behaviour: spec.parentBehaviour } : {}) },
    ...children,
    { address: `${spec.net}.100`, records: resolverRecords, authoritative: false, ...(spec.resolverBehaviour ? { behaviour: spec.resolverBehaviour } : {}) },
  ]);
  return { port: servers[0]!.port, resolver: servers.at(-1)!.spec, servers, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const NET = '127.53.4';
async function probe(spec: WorldSpec, input: Record<string, unknown> = {}, timeoutMs = 1200): Promise<AuthoritativeEvidence> {
  world = await startWorld(spec);
  return authoritativeProbe.run(authoritativeProbe.input.parse({ name: 'example.test', port: world.port, ...input }), probeCtx([world.resolver], timeoutMs));
}
const verdict = (rule: AnyRule, ev: AuthoritativeEvidence, options: object = {}, ctx = ruleCtx()) => {
  const v = rule.judge(ev, rule.options.parse(options), ctx);
  return { status: v.status, codes: v.findings.map((f) => f.code) };
};
const two = [{}, {}];

describe('dns/authoritative probe', () => {
  it('asks the parent for the referral and each nameserver without recursion', async () => {
    const ev = await probe({ net: NET, children: two });
    expect(ev.parent).toMatchObject({ zone: 'test', servers: [{ name: 'a.nic.test', addresses: [`${NET}.1`] }] });
    expect(ev.referrals).toMatchObject([{ aa: false, ns: ['ns1.example.test', 'ns2.example.test'], glue: [{ name: 'ns1.example.test', address: `${NET}.2` }, { name: 'ns2.example.test', address: `${NET}.3` }] }]);
    expect(ev.nameservers.map((n) => [n.name, n.source])).toEqual([['ns1.example.test', 'glue'], ['ns2.example.test', 'glue']]);
    expect(ev.servers.map((s) => [s.address, s.answers.map((a) => `${a.type} ${a.rcode} aa=${a.aa}`)])).toEqual([
      [`${NET}.2`, ['SOA NOERROR aa=true', 'NS NOERROR aa=true']],
      [`${NET}.3`, ['SOA NOERROR aa=true', 'NS NOERROR aa=true']],
    ]);
    expect(world!.servers[1]!.queries).toEqual(['example.test SOA', 'example.test NS']);
    expect(verdict(delegation, ev)).toMatchObject({ status: 'pass' });
    expect(verdict(consistency, ev)).toMatchObject({ status: 'pass' });
  });

  it('a lame nameserver (no AA, or REFUSED) fails dns/delegation', async () => {
    const noAa = await probe({ net: NET, children: [{}, { authoritative: false }] });
    expect(verdict(delegation, noAa).codes).toContain('server-not-authoritative');
    await world!.close();
    const refused = await probe({ net: NET, children: [{}, { behaviour: { '*': 'refused' } }] });
    expect(verdict(delegation, refused)).toMatchObject({ status: 'fail', codes: expect.arrayContaining(['server-not-authoritative']) });
  });

  it('a dead nameserver is a finding, within the time limit', async () => {
    const t0 = performance.now();
    const ev = await probe({ net: NET, children: [{}, { behaviour: { '*': 'drop' } }] }, {}, 1200);
    expect(performance.now() - t0).toBeLessThan(2200);
    expect(ev.servers[1]).toMatchObject({ answers: [], error: { code: 'DNS_TIMEOUT' } });
    expect(verdict(delegation, ev).codes).toContain('server-not-answering');
    expect(verdict(consistency, ev)).toMatchObject({ status: 'warn', codes: expect.arrayContaining(['server-not-compared']) });
  });

  it('missing glue for in-zone nameservers fails (addresses come from the resolver)', async () => {
    const ev = await probe({ net: NET, glue: false, children: two });
    expect(ev.nameservers.map((n) => n.source)).toEqual(['resolver', 'resolver']);
    expect(verdict(delegation, ev).codes).toContain('glue-missing');
  });

  it('parent and child NS sets that differ fail; the child-only server is asked too', async () => {
    const all = ['ns1.example.test', 'ns2.example.test', 'ns3.example.test'];
    const childNs = ['ns1.example.test', 'ns3.example.test'];
    // The resolver copies the first child, which agrees with the parent: ns3 is found only by asking ns2.
    const ev = await probe({ net: NET, ns: all, parentNs: all.slice(0, 2), children: [{ ns: all.slice(0, 2) }, { ns: childNs }, { ns: childNs }] });
    expect(ev.recursiveNs.ns).toEqual(all.slice(0, 2));
    expect(ev.referrals[0]?.ns).toEqual(all.slice(0, 2));
    expect(ev.nameservers.map((n) => [n.name, n.source])).toEqual([['ns1.example.test', 'glue'], ['ns2.example.test', 'glue'], ['ns3.example.test', 'resolver']]);
    expect(ev.servers.map((s) => s.ns)).toEqual(all);
    expect(verdict(delegation, ev).codes).toContain('ns-set-mismatch');
  });

  it('a zone the parent does not know fails as not delegated', async () => {
    const ev = await probe({ net: NET, delegated: false, children: two });
    expect(ev.referrals[0]).toMatchObject({ rcode: 'NXDOMAIN', ns: [] });
    expect(verdict(delegation, ev)).toEqual({ status: 'fail', codes: ['not-delegated'] });
    expect(verdict(consistency, ev)).toMatchObject({ status: 'error' });
  });

  it('different serials and answers fail dns/consistency', async () => {
    const rr = (address: string) => [{ name: 'example.test', type: 'A' as const, address }];
    const ev = await probe({ net: NET, children: [{ serial: 2, records: rr('192.0.2.1') }, { serial: 1, records: rr('192.0.2.2') }] }, { queries: [{ name: 'example.test', type: 'A' }] });
    expect(verdict(consistency, ev, { records: [{ name: '@', type: 'A' }] }).codes).toEqual(expect.arrayContaining(['serial-mismatch', 'answer-mismatch']));
  });

  it('finds the zone of a name and reads the authoritative TTL for dns/ttl-before-cutover', async () => {
    const shop = [{ name: 'shop.example.test', type: 'A' as const, address: '192.0.2.10', ttl: 3600 }];
    const ev = await probe({ net: NET, children: [{ records: shop }, { records: shop }] }, { name: 'shop.example.test', findZone: true, queries: [{ name: 'shop.example.test', type: 'A' }] });
    expect(ev).toMatchObject({ name: 'shop.example.test', zone: 'example.test' });
    expect(verdict(ttl, ev, {}, ruleCtx('2030-01-19T12:00:00Z'))).toMatchObject({ status: 'fail', codes: expect.arrayContaining(['ttl-too-high']) });
    expect(verdict(ttl, ev, {}, ruleCtx('2030-01-01T12:00:00Z'))).toMatchObject({ status: 'pass', codes: expect.arrayContaining(['ttl-deadline']) });
  });

  it('an unreachable parent is an error for dns/delegation only', async () => {
    const ev = await probe({ net: NET, parentBehaviour: { '*': 'drop' }, children: two });
    expect(ev.referrals[0]?.error?.code).toBe('DNS_TIMEOUT');
    expect(verdict(delegation, ev)).toMatchObject({ status: 'error' });
    expect(verdict(consistency, ev)).toMatchObject({ status: 'pass' });
  });

  it('a resolver SERVFAIL for the zone (as lame delegations cause) is recorded; the nameservers are still asked', async () => {
    const ev = await probe({ net: NET, resolverBehaviour: { 'example.test': 'servfail' }, children: two });
    expect(ev.recursiveNs).toMatchObject({ ns: [], error: { code: 'DNS_SERVFAIL' } });
    expect(ev.servers).toHaveLength(2);
    expect(verdict(delegation, ev).status).toBe('pass');
  });

  it('server never answers (every nameserver): DNS_TIMEOUT within the timeout', async () => {
    await expectProbeError(() => probe({ net: NET, children: [{ behaviour: { '*': 'drop' } }, { behaviour: { '*': 'drop' } }] }, {}, 1200), ['DNS_TIMEOUT', 'TIMEOUT'], 2200);
  });

  it('resolver never answers: DNS_TIMEOUT within the timeout', async () => {
    await expectProbeError(() => probe({ net: NET, resolverBehaviour: { '*': 'drop' }, children: two }, {}, 1200), ['DNS_TIMEOUT', 'TIMEOUT'], 2200);
  });
});
