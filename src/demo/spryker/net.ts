import { readFileSync } from 'node:fs';
import { makeDemoCerts } from '../certs.js';
import { startDemoDns, type DemoRecord } from '../dns.js';
import { startSprykerShop } from './shop.js';
import type { ShopHosts, ShopProblems, SprykerShop } from './types.js';

/** The zone of the Spryker-like demo: a reserved .example name, so it cannot be a real shop. */
export const SPRYKER_DEMO_APEX = 'spryker-like.golive-demo.example';

export const SPRYKER_DEMO_HOSTS: Required<ShopHosts> = {
  yves: `www.${SPRYKER_DEMO_APEX}`,
  glue: `glue.${SPRYKER_DEMO_APEX}`,
  glueBackend: `glue-backend.${SPRYKER_DEMO_APEX}`,
  backoffice: `backoffice.${SPRYKER_DEMO_APEX}`,
  apex: SPRYKER_DEMO_APEX,
};

/** What `golive demo spryker` plants unless told otherwise: every demo-data problem at once. */
export const SPRYKER_DEMO_PROBLEMS: Partial<ShopProblems> = {
  demoAdminLogsIn: true,
  demoCustomersLogIn: true,
  demoCatalogue: true,
  backofficePublic: true,
  healthCheck: 'disabled',
};

export interface SprykerDemoNet {
  shop: SprykerShop;
  /** Base URLs of the applications, with the shop's port. */
  urls: SprykerShop['urls'];
  /** What golive.yaml needs to reach them: the demo DNS server and the demo CA (a file in `dir`). */
  network: { resolvers: string[]; caFile: string; timeout: string };
  close(): Promise<void>;
}

/** The demo zone's records (every host at 127.0.0.1), for a DNS server of its own or one shared with another demo zone. */
export function sprykerDemoRecords(): DemoRecord[] {
  const zone = SPRYKER_DEMO_APEX;
  const a = (name: string): DemoRecord => ({ name, type: 'A', ttl: 300, data: '127.0.0.1' });
  return [
    { name: zone, type: 'SOA', data: { mname: `ns1.${zone}`, rname: `hostmaster.${zone}`, serial: 2026112201, refresh: 3600, retry: 600, expire: 604800, minimum: 300 } },
    { name: zone, type: 'NS', data: `ns1.${zone}` },
    a(`ns1.${zone}`),
    ...Object.values(SPRYKER_DEMO_HOSTS).map(a),
  ];
}

/**
 * Start the Spryker-like demo on loopback: a CA and certificate made with openssl in `dir`, a DNS
 * server for the demo zone and the shop on one port. Close it when done.
 */
export async function startSprykerDemoNet(dir: string, validity: { from: Date; to: Date }, problems: Partial<ShopProblems> = SPRYKER_DEMO_PROBLEMS): Promise<SprykerDemoNet> {
  const certs = await makeDemoCerts(dir, Object.values(SPRYKER_DEMO_HOSTS), validity);
  const dns = await startDemoDns(sprykerDemoRecords(), SPRYKER_DEMO_APEX);
  let shop: SprykerShop;
  try {
    shop = await startSprykerShop({ hosts: SPRYKER_DEMO_HOSTS, problems, tls: { key: readFileSync(certs.key, 'utf8'), cert: readFileSync(certs.cert, 'utf8') } });
  } catch (err) {
    await dns.close();
    throw err;
  }
  return {
    shop,
    urls: shop.urls,
    network: { resolvers: [dns.spec], caFile: 'demo-ca.pem', timeout: '5s' },
    close: async () => {
      await Promise.all([dns.close(), shop.close()]);
    },
  };
}
