import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatcherFor } from '../../net/http.js';
import { SPRYKER_DEMO_HOSTS, startSprykerDemoNet, type SprykerDemoNet } from './net.js';

describe('the Spryker-like demo network', () => {
  let dir: string;
  let demo: SprykerDemoNet;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-spryker-demo-'));
    const now = Date.now();
    demo = await startSprykerDemoNet(dir, { from: new Date(now - 86_400_000), to: new Date(now + 30 * 86_400_000) });
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every application by name through its DNS server and its CA, with the demo problems planted', async () => {
    const net = { resolvers: demo.network.resolvers, resolve: {}, ca: [readFileSync(path.join(dir, demo.network.caFile), 'utf8')], timeoutMs: 5000 };
    const dispatcher = dispatcherFor(net);
    try {
      const get = async (url: string) => {
        const res = await request(url, { dispatcher });
        await res.body.dump();
        return [res.statusCode, res.headers['x-golive-demo']];
      };
      expect(demo.urls.glue).toBe(`https://${SPRYKER_DEMO_HOSTS.glue}:${demo.shop.port}`);
      expect(await get(`${demo.urls.glue}/abstract-products/001`)).toEqual([200, expect.stringContaining('not Spryker')]);
      expect((await get(`${demo.urls.backoffice}/security-gui/login`))[0]).toBe(200);
      expect((await get(`${demo.urls.yves}/health-check`))[0]).toBe(403);
      expect((await get(`${demo.urls.apex}/`))[0]).toBe(301);
    } finally {
      await dispatcher.close();
    }
  });
});
