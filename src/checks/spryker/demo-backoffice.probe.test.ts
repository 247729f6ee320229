import { describe, expect, it } from 'vitest';
import { shopHosts, useSprykerShops } from '../../../test/support/spryker-shop.js';
import { startStallServer } from '../../../test/support/tls-server.js';
import { type ShopProblems } from '../../demo/spryker/shop.js';
import { failure, probeCtx } from '../http/test-helpers.js';
import { backofficeExposureRule } from './backoffice-exposure.rule.js';
import { demoBackofficeProbe } from './demo-backoffice.probe.js';
import type { DemoBackofficeInput } from './demo-inputs.js';

const shops = useSprykerShops(shopHosts('bo.test'));

async function visit(problems: Partial<ShopProblems>) {
  const s = await shops.shop(problems);
  const input = backofficeExposureRule.probeInput({ url: s.urls.backoffice }, backofficeExposureRule.options.parse({})) as DemoBackofficeInput;
  return { s, e: await demoBackofficeProbe.run(input, { ...probeCtx({ resolve: s.resolve, ca: shops.ca() }), allowLogin: true }) };
}

describe('spryker/demo-backoffice against the Spryker-like test shop', () => {
  it('sees the public login form, with one GET and no login', async () => {
    const { s, e } = await visit({ backofficePublic: true });
    expect(e).toEqual({ url: `${s.urls.backoffice}/security-gui/login`, status: 200, passwordField: true, title: 'Back Office login | golive demo shop', demoShop: true });
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /security-gui/login']);
  });

  it('sees a Back Office behind an allow-list as 403 without a password field', async () => {
    const { e } = await visit({});
    expect([e.status, e.passwordField]).toEqual([403, false]);
  });

  it('ends against a server that never answers with TIMEOUT within the time limit + 1 s', async () => {
    const stall = await startStallServer();
    try {
      const r = await failure(() => demoBackofficeProbe.run({ url: `https://127.0.0.1:${stall.port}/security-gui/login` }, { ...probeCtx({ timeoutMs: 800 }), allowLogin: false }));
      expect({ code: r.code, inTime: r.ms < 800 + 1000 }).toEqual({ code: 'TIMEOUT', inTime: true });
    } finally {
      await stall.close();
    }
  });
});
