import { generateKeyPairSync } from 'node:crypto';
import { makeDemoCerts } from './certs.js';
import { startDemoDns, type DemoRecord } from './dns.js';
import { startDemoWeb } from './web.js';

export const DEMO_APEX = 'shop.example';
export const DEMO_HOST = `www.${DEMO_APEX}`;

/** The demo's loopback network: its DNS server, its web servers and what golive.yaml needs to reach them. */
export interface DemoNet {
  url: string;
  vars: Record<string, string>;
  network: { resolvers: string[]; caFile: string; timeout: string };
  close(): Promise<void>;
}

function records(dkimKey: string): DemoRecord[] {
  const zone = DEMO_APEX;
  const a = (name: string): DemoRecord => ({ name, type: 'A', ttl: 3600, data: '127.0.0.1' });
  return [
    { name: zone, type: 'SOA', data: { mname: `ns1.${zone}`, rname: `hostmaster.${zone}`, serial: 2026112201, refresh: 3600, retry: 600, expire: 604800, minimum: 300 } },
    { name: zone, type: 'NS', data: `ns1.${zone}` },
    { name: zone, type: 'NS', data: `ns2.${zone}` },
    a(`ns1.${zone}`), a(`ns2.${zone}`), a(zone), a(DEMO_HOST), a(`mail.${zone}`),
    { name: zone, type: 'CAA', data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } },
    { name: zone, type: 'MX', data: { preference: 10, exchange: `mail.${zone}` } },
    { name: zone, type: 'TXT', data: ['v=spf1 mx include:_spf.mail.shop.example -all'] },
    { name: `_spf.mail.${zone}`, type: 'TXT', data: ['v=spf1 ip4:192.0.2.0/24 -all'] },
    // A TXT character-string holds at most 255 bytes: a 2048-bit key is split, as DNS hosts do.
    { name: `s1._domainkey.${zone}`, type: 'TXT', data: `v=DKIM1; k=rsa; p=${dkimKey}`.match(/.{1,255}/g) ?? [] },
    // Monitoring only: the DMARC policy is still p=none, which the email/dmarc rule reports.
    { name: `_dmarc.${zone}`, type: 'TXT', data: [`v=DMARC1; p=none; rua=mailto:dmarc@${zone}`] },
  ];
}

/**
 * Start the demo's servers on loopback. The demo sets the certificate to run out before the
 * go-live day plus 30 days, so tls/cert-expiry has a real finding.
 */
export async function startDemoNet(dir: string, validity: { from: Date; to: Date }): Promise<DemoNet> {
  const certs = await makeDemoCerts(dir, [DEMO_HOST, DEMO_APEX], validity);
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkim = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const dns = await startDemoDns(records(dkim), DEMO_APEX);
  const web = await startDemoWeb(DEMO_HOST, certs);
  const url = `https://${DEMO_HOST}:${web.httpsPort}/`;
  return {
    url,
    vars: {
      apex: DEMO_APEX,
      emailDomain: DEMO_APEX,
      dkimSelector: 's1',
      healthUrl: `https://${DEMO_HOST}:${web.httpsPort}/health`,
      httpUrl: `http://${DEMO_HOST}:${web.httpPort}/`,
      apexUrl: `http://${DEMO_APEX}:${web.httpPort}/`,
    },
    network: { resolvers: [dns.spec], caFile: 'demo-ca.pem', timeout: '5s' },
    close: async () => {
      await Promise.all([dns.close(), web.close()]);
    },
  };
}
