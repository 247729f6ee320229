import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatcherFor } from '../net/http.js';
import { SHOP_APEX, startSprykerLaunch, type SprykerLaunch } from './spryker-launch.js';

/** The network of golive demo spryker: every application by name through its DNS server and CA. */
describe('the Spryker-like demo launch', () => {
  const dirs: string[] = [];
  const launches: SprykerLaunch[] = [];
  const validity = () => ({ from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 30 * 86_400_000) });
  async function start(fixed: boolean) {
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-spryker-launch-'));
    dirs.push(dir);
    const launch = await startSprykerLaunch(dir, validity(), fixed);
    launches.push(launch);
    const net = { resolvers: launch.network.resolvers, resolve: {}, ca: [readFileSync(path.join(dir, launch.network.caFile), 'utf8')], timeoutMs: 5000 };
    const dispatcher = dispatcherFor(net);
    const get = async (url: string) => {
      const res = await request(url, { dispatcher });
      await res.body.dump();
      return [res.statusCode, res.headers['x-golive-demo']];
    };
    return { dir, launch, get, close: () => dispatcher.close() };
  }
  let planted: Awaited<ReturnType<typeof start>>;
  let fixed: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    planted = await start(false);
    fixed = await start(true);
  });
  afterAll(async () => {
    await Promise.all([planted?.close(), fixed?.close(), ...launches.map((l) => l.close())]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('serves the shop by name through its DNS and CA, marked as the demo, with the storefront lock planted', async () => {
    const port = new URL(planted.launch.url).port;
    expect(await planted.get(`https://glue.${SHOP_APEX}:${port}/abstract-products/001`)).toEqual([404, expect.stringContaining('not Spryker')]);
    expect((await planted.get(planted.launch.url))[0]).toBe(401);
    expect((await fixed.get(fixed.launch.url))[0]).toBe(200);
    expect((await fixed.get(`${fixed.launch.vars.healthUrl}`))[0]).toBe(200);
  });

  it('redirects plain HTTP to the storefront in one hop and writes the deploy file it describes', async () => {
    expect((await fixed.get(fixed.launch.vars.apexUrl!))[0]).toBe(301);
    const deploy = readFileSync(path.join(planted.dir, planted.launch.deployFile), 'utf8');
    expect(deploy).toMatch(/engine: basic/);
    expect(readFileSync(path.join(fixed.dir, fixed.launch.deployFile), 'utf8')).not.toMatch(/engine: basic/);
  });
});
