import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startZoneServer, type Rr, type ZoneServer } from '../../../test/support/dns-server.js';
import type { ProbeError } from '../types.js';
import { dkimProbe, type DkimEvidence } from './dkim.probe.js';
import { dkimRule } from './dkim.rule.js';
import { probeContext, RULE_CONTEXT, timedRejection } from './test-helpers.js';

/** The base64 SubjectPublicKeyInfo of a fresh RSA key, as a DKIM p= value. */
const rsaKey = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
/** RFC 8463: the bare 32-byte Ed25519 key. */
const ed25519Key = () => generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
/** TXT character-strings are at most 255 bytes: long keys come in pieces. */
const chunks = (text: string) => text.match(/.{1,200}/g)!;
const key = (name: string, record: string): Rr => ({ name: `${name}._domainkey.example.test`, type: 'TXT', data: chunks(record) });

let server: ZoneServer;
beforeAll(async () => {
  const strong = rsaKey(2048);
  server = await startZoneServer({
    records: [
      key('google', `v=DKIM1; k=rsa; p=${strong}`),
      key('weak', `v=DKIM1; k=rsa; p=${rsaKey(1024)}`),
      key('tiny', `v=DKIM1; p=${rsaKey(512)}`),
      key('ed', `v=DKIM1; k=ed25519; p=${ed25519Key()}`),
      key('revoked', 'v=DKIM1; k=rsa; p='),
      key('garbled', 'v=DKIM1; k=rsa; p=AAAAB3NzaC1yc2EAAAADAQAB'),
      { name: 'other._domainkey.example.test', type: 'TXT', data: 'google-site-verification=abc' },
      { name: 's1._domainkey.example.test', type: 'CNAME', domain: 's1.domainkey.u1.wl.sendgrid.test' },
      { name: 's1.domainkey.u1.wl.sendgrid.test', type: 'TXT', data: chunks(`k=rsa; p=${strong}`) },
      { name: 's2._domainkey.example.test', type: 'CNAME', domain: 's2.gone.test' },
    ],
    behaviour: { 'broken._domainkey.example.test': 'servfail' },
  });
});
afterAll(() => server.close());

const probe = (selectors: string[]) => dkimProbe.run({ domain: 'example.test', selectors }, probeContext([server.spec]));
const judge = (ev: DkimEvidence, options: Record<string, unknown>) => dkimRule.judge(ev, dkimRule.options.parse({ selectors: ['x'], ...options }), RULE_CONTEXT);
const codes = (ev: DkimEvidence, options: Record<string, unknown> = {}) => judge(ev, options).findings.map((f) => f.code);

describe('email/dkim probe', () => {
  test('parses RSA and Ed25519 keys split across TXT strings', async () => {
    const ev = await probe(['google', 'weak', 'ed']);
    expect(ev.selectors.map((s) => [s.selector, s.key])).toEqual([['google', { type: 'rsa', bits: 2048 }], ['weak', { type: 'rsa', bits: 1024 }], ['ed', { type: 'ed25519', bits: 256 }]]);
    expect(ev.selectors[0]!.records[0]).toMatch(/^v=DKIM1; k=rsa; p=MIIB.{12}…\(392 chars\)$/);
    expect(JSON.stringify(ev).length).toBeLessThan(2000);
    expect(codes(ev)).toEqual(['dkim-key-short']);
  });

  test.each([
    ['tiny', 'dkim-key-too-short'],
    ['revoked', 'dkim-revoked'],
    ['garbled', 'dkim-invalid-key'],
    ['other', 'dkim-missing'],
    ['absent', 'dkim-missing'],
    ['s2', 'dkim-missing'],
  ])('selector %s: %s', async (selector, code) => {
    expect(codes(await probe([selector]))).toEqual([code]);
  });

  test('follows a CNAME to the provider', async () => {
    const ev = await probe(['s1']);
    expect(ev.selectors[0]).toMatchObject({ cnames: ['s1.domainkey.u1.wl.sendgrid.test'], status: 'found', key: { type: 'rsa', bits: 2048 } });
    expect(judge(ev, { cnameSuffix: 'sendgrid.test' }).status).toBe('pass');
    expect(codes(ev, { cnameSuffix: 'amazonses.test' })).toEqual(['dkim-cname-mismatch']);
  });

  test('a dangling CNAME is reported with its target', async () => {
    const ev = await probe(['s2']);
    expect(ev.selectors[0]).toMatchObject({ cnames: ['s2.gone.test'], status: 'nxdomain', records: [] });
    expect(judge(ev, {}).summary).toContain('s2.gone.test');
  });

  test('SERVFAIL is an error', async () => {
    const { error } = await timedRejection(probe(['google', 'broken']));
    expect((error as ProbeError).code).toBe('DNS_SERVFAIL');
  });
});

describe('email/dkim probe against a server that never answers', () => {
  test('ends with DNS_TIMEOUT within the time limit + 1 s', async () => {
    const silent = await startZoneServer({ records: [], behaviour: { '*': 'drop' } });
    try {
      const { error, ms } = await timedRejection(dkimProbe.run({ domain: 'example.test', selectors: ['a', 'b'] }, probeContext([silent.spec], 700)));
      expect((error as ProbeError).code).toBe('DNS_TIMEOUT');
      expect(ms).toBeLessThan(1700);
    } finally {
      await silent.close();
    }
  });
});
