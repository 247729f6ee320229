import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { makeDemoCerts } from './certs.js';
import { startDemoDns, type DemoRecord } from './dns.js';
import { startSprykerShop } from './spryker/shop.js';
import { CLEAN_SHOP } from './spryker/types.js';
import { sprykerDeployFile } from './spryker-deploy.js';

/**
 * `golive demo spryker`: a Spryker-like shop on loopback with its DNS, certificate, mail-sender
 * records and deploy file. Planted problems (unless `fixed`): the installer admin logs in as it
 * is still there, the certificate misses the backend gateway's name, the apex is a CNAME,
 * DMARC is p=none without reports, and the storefront still asks for basic auth.
 */
export const SHOP_APEX = 'spryker-like.golive-demo.example';
const H = {
  yves: `www.${SHOP_APEX}`,
  glue: `glue.${SHOP_APEX}`,
  glueBackend: `glue-backend.${SHOP_APEX}`,
  backoffice: `backoffice.${SHOP_APEX}`,
  gateway: `backend-gateway.${SHOP_APEX}`,
};
export const DKIM_SELECTOR = 'golive1';

export interface SprykerLaunch {
  url: string;
  deployFile: string;
  vars: Record<string, string>;
  network: { resolvers: string[]; caFile: string; timeout: string };
  close(): Promise<void>;
}

function records(fixed: boolean, dkimKey: string): DemoRecord[] {
  const a = (name: string): DemoRecord => ({ name, type: 'A', ttl: 300, data: '127.0.0.1' });
  const txt = (name: string, text: string): DemoRecord => ({ name, type: 'TXT', data: text.match(/.{1,255}/g) ?? [] });
  return [
    { name: SHOP_APEX, type: 'SOA', data: { mname: `ns1.${SHOP_APEX}`, rname: `hostmaster.${SHOP_APEX}`, serial: 2026112201, refresh: 3600, retry: 600, expire: 604800, minimum: 300 } },
    { name: SHOP_APEX, type: 'NS', data: `ns1.${SHOP_APEX}` },
    a(`ns1.${SHOP_APEX}`), ...Object.values(H).map(a), a(`mail.${SHOP_APEX}`), a(`lb.${SHOP_APEX}`),
    // The planted apex CNAME: what a DNS provider refuses and a load-balancer hostname tempts people into.
    fixed ? a(SHOP_APEX) : { name: SHOP_APEX, type: 'CNAME', data: `lb.${SHOP_APEX}` },
    { name: SHOP_APEX, type: 'MX', data: { preference: 10, exchange: `mail.${SHOP_APEX}` } },
    txt(SHOP_APEX, 'v=spf1 include:amazonses.com -all'),
    txt(`_dmarc.${SHOP_APEX}`, fixed ? `v=DMARC1; p=reject; rua=mailto:dmarc@${SHOP_APEX}` : 'v=DMARC1; p=none'),
    { name: `${DKIM_SELECTOR}._domainkey.${SHOP_APEX}`, type: 'CNAME', data: `${DKIM_SELECTOR}.dkim.amazonses.com` },
    // The mail provider's side, as the demo's resolver answers it (loopback only, documentation addresses).
    { name: 'amazonses.com', type: 'SOA', data: { mname: 'ns.amazonses.com', rname: 'hostmaster.amazonses.com', serial: 1, refresh: 3600, retry: 600, expire: 604800, minimum: 300 } },
    txt('amazonses.com', 'v=spf1 ip4:192.0.2.0/24 -all'),
    txt(`${DKIM_SELECTOR}.dkim.amazonses.com`, `v=DKIM1; k=rsa; p=${dkimKey}`),
  ];
}

/** Plain HTTP: every request goes in one permanent hop to the storefront over https. */
async function startRedirector(target: string): Promise<Server & { port: number }> {
  const server = createServer((req, res) => res.writeHead(301, { location: `${target}${req.url ?? '/'}` }).end());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

export async function startSprykerLaunch(dir: string, validity: { from: Date; to: Date }, fixed: boolean): Promise<SprykerLaunch> {
  // Planted: the certificate was requested before the backend gateway's name was added to the deploy file.
  const covered = [...Object.values(H), SHOP_APEX].filter((h) => fixed || h !== H.gateway);
  const certs = await makeDemoCerts(dir, covered, validity);
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dns = await startDemoDns(records(fixed, publicKey.export({ format: 'der', type: 'spki' }).toString('base64')), [SHOP_APEX, 'amazonses.com']);
  const problems = fixed ? CLEAN_SHOP : { ...CLEAN_SHOP, demoAdminLogsIn: true, basicAuthOnStorefront: true };
  const shop = await startSprykerShop({ hosts: { yves: H.yves, glue: H.glue, glueBackend: H.glueBackend, backoffice: H.backoffice, apex: SHOP_APEX }, problems, tls: { key: readFileSync(certs.key, 'utf8'), cert: readFileSync(certs.cert, 'utf8') } });
  const https = (host: string) => `https://${host}:${shop.port}`;
  const redirector = await startRedirector(https(H.yves));
  const deployFile = path.join(dir, 'deploy.spryker-like-production.yml');
  writeFileSync(deployFile, sprykerDeployFile({ hosts: H, apex: SHOP_APEX, httpsPort: shop.port, httpPort: redirector.port, basicAuth: !fixed }));
  return {
    url: `${https(H.yves)}/`,
    deployFile: path.basename(deployFile),
    vars: { apex: SHOP_APEX, emailDomain: SHOP_APEX, dkimSelectors: DKIM_SELECTOR, httpUrl: `http://${H.yves}:${redirector.port}/`, apexUrl: `http://${SHOP_APEX}:${redirector.port}/`, healthUrl: `${https(H.yves)}/health-check` },
    network: { resolvers: [dns.spec], caFile: 'demo-ca.pem', timeout: '5s' },
    close: async () => {
      redirector.closeAllConnections();
      await Promise.all([dns.close(), shop.close(), new Promise<void>((resolve) => redirector.close(() => resolve()))]);
    },
  };
}
