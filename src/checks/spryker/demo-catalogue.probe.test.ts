import { describe, expect, it } from 'vitest';
import { shopHosts, useSprykerShops } from '../../../test/support/spryker-shop.js';
import { startStallServer } from '../../../test/support/tls-server.js';
import { type ShopProblems } from '../../demo/spryker/shop.js';
import { failure, probeCtx } from '../http/test-helpers.js';
import { demoCatalogueProbe } from './demo-catalogue.probe.js';
import type { DemoCatalogueInput } from './demo-inputs.js';

const PAGES = ['/en/demo-landing-page', '/en/lorem'];

const shops = useSprykerShops(shopHosts('catalogue.test'));

async function look(problems: Partial<ShopProblems>) {
  const s = await shops.shop(problems);
  const input: DemoCatalogueInput = { glueUrl: s.urls.glue, yvesUrl: s.urls.yves, skus: ['001', '002'], pages: PAGES };
  return { s, e: await demoCatalogueProbe.run(input, { ...probeCtx({ resolve: s.resolve, ca: shops.ca() }), allowLogin: false }) };
}

describe('spryker/demo-catalogue against the Spryker-like test shop', () => {
  it('finds the demo product and the demo pages with their demo texts, and sends no login', async () => {
    const { s, e } = await look({ demoCatalogue: true });
    expect(e.products.map((p) => [p.sku, p.status, p.name])).toEqual([['001', 200, 'Canon IXUS 160'], ['002', 404, undefined]]);
    expect(e.pages.map((p) => [p.path, p.status, p.markers])).toEqual([['/en/demo-landing-page', 200, ['info@spryker.com']], ['/en/lorem', 200, []]]);
    expect(e.pages[0]?.title).toBe('Demo landing page | golive demo shop');
    expect(e.control?.status).toBe(404);
    expect(e.demoShop).toBe(true);
    expect(s.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('sees a clean shop answer 404, a catch-all storefront answer 200 for anything, and basic auth', async () => {
    const clean = await look({});
    expect([...clean.e.products, ...clean.e.pages].map((x) => x.status)).toEqual([404, 404, 404, 404]);
    const catchAll = await look({ softNotFound: true });
    expect([catchAll.e.pages.map((p) => p.status), catchAll.e.control?.status]).toEqual([[200, 200], 200]);
    const locked = await look({ basicAuthOnStorefront: true });
    expect(locked.e.pages.map((p) => [p.status, p.basicAuth])).toEqual([[401, true], [401, true]]);
  });

  it('ends against a server that never answers with TIMEOUT within the time limit + 1 s', async () => {
    const stall = await startStallServer();
    try {
      const url = `https://127.0.0.1:${stall.port}`;
      const r = await failure(() => demoCatalogueProbe.run({ glueUrl: url, yvesUrl: url, skus: ['001'], pages: ['/en/lorem'] }, { ...probeCtx({ timeoutMs: 800 }), allowLogin: false }));
      expect({ code: r.code, inTime: r.ms < 800 + 1000 }).toEqual({ code: 'TIMEOUT', inTime: true });
    } finally {
      await stall.close();
    }
  });
});
