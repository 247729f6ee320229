import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCertificates, type Certificates } from '../../../test/support/certs.js';
import { dispatcherFor } from '../../net/http.js';
import { startSprykerShop, type ShopHosts, type ShopProblems, type SprykerShop } from './shop.js';

const HOSTS: Required<ShopHosts> = { yves: 'www.shop.test', glue: 'glue.shop.test', glueBackend: 'glue-backend.shop.test', backoffice: 'backoffice.shop.test', apex: 'shop.test' };
const JSON_API = 'application/vnd.api+json';

let certs: Certificates;
let tls: { key: string; cert: string; chain: string };
const shops: SprykerShop[] = [];

beforeAll(async () => {
  certs = await makeCertificates();
  tls = await certs.leafFor(Object.values(HOSTS));
});
afterAll(async () => {
  await Promise.all(shops.map((s) => s.close()));
});

async function shop(problems: Partial<ShopProblems> = {}): Promise<SprykerShop> {
  const s = await startSprykerShop({ hosts: HOSTS, problems, tls });
  shops.push(s);
  return s;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** One request through golive's own dispatcher: the host names reach the shop through --resolve overrides. */
async function send(s: SprykerShop, url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; insecure?: boolean } = {}): Promise<Reply> {
  const dispatcher = dispatcherFor({ resolvers: [], resolve: s.resolve, ca: certs.ca, timeoutMs: 5000 }, undefined, { rejectUnauthorized: !init.insecure });
  try {
    const res = await request(url, { dispatcher, method: init.method ?? 'GET', headers: init.headers ?? {}, ...(init.body === undefined ? {} : { body: init.body }) });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, text, json };
  } finally {
    await dispatcher.close();
  }
}

const login = (s: SprykerShop, type: 'access-tokens' | 'agent-access-tokens', username: string, password: string) =>
  send(s, `${s.urls.glue}/${type}`, { method: 'POST', headers: { 'content-type': JSON_API }, body: JSON.stringify({ data: { type, attributes: { username, password } } }) });
const backendToken = (s: SprykerShop, fields: Record<string, string>) =>
  send(s, `${s.urls.glueBackend}/token/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

describe('the Spryker-like test shop', () => {
  it('answers Glue customer logins as documented: 201 with tokens, 401 code 003, 422 code 901', async () => {
    const s = await shop({ demoCustomersLogIn: true });
    const ok = await login(s, 'access-tokens', 'Spencor.Hopkin@spryker.com', 'change123');
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ data: { type: 'access-tokens', attributes: { tokenType: 'Bearer', accessToken: expect.stringMatching(/^golive-demo-/), refreshToken: expect.any(String) } } });
    const wrong = await login(s, 'access-tokens', 'spencor.hopkin@spryker.com', 'not-it');
    expect([wrong.status, wrong.json]).toEqual([401, { errors: [{ code: '003', status: 401, detail: 'Failed to authenticate user.' }] }]);
    const empty = await login(s, 'access-tokens', '', '');
    expect([empty.status, (empty.json as { errors: { code: string }[] }).errors[0]?.code]).toEqual([422, '901']);
    expect(ok.headers['x-golive-demo']).toMatch(/not Spryker/);
  });

  it('refuses demo customers in a clean shop and blocks an account with 429 after N failures', async () => {
    const s = await shop({ throttleAfter: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await login(s, 'access-tokens', 'maria.williams@spryker.com', 'change123')).status);
    expect(statuses).toEqual([401, 401, 429]);
    // The blocker counts per account: another account still gets its own answer.
    expect((await login(s, 'access-tokens', 'andrew@ottom.de', 'change123')).status).toBe(401);
  });

  it('lets the installer admin in as an agent and on the backend API when planted, else 401 (4001)', async () => {
    const s = await shop({ demoAdminLogsIn: true });
    expect((await login(s, 'agent-access-tokens', 'admin@spryker.com', 'change123')).status).toBe(201);
    const notAgent = await login(s, 'agent-access-tokens', 'admin_de@spryker.com', 'change123');
    expect([notAgent.status, (notAgent.json as { errors: { code: string }[] }).errors[0]?.code]).toEqual([401, '4001']);
    const token = await backendToken(s, { grant_type: 'password', username: 'admin_de@spryker.com', password: 'change123' });
    expect([token.status, typeof (token.json as { access_token?: unknown }).access_token]).toEqual([201, 'string']);
    expect((await backendToken(s, { grant_type: 'password', username: 'admin@spryker.com', password: 'x' })).status).toBe(401);
    expect((await backendToken(s, { grant_type: 'client_credentials' })).status).toBe(400);
    const clean = await shop();
    expect((await login(clean, 'agent-access-tokens', 'admin@spryker.com', 'change123')).status).toBe(401);
  });

  it('logs every request with the username tried and never the password', async () => {
    const s = await shop();
    await login(s, 'access-tokens', 'karl@spryker.com', 'change123');
    await backendToken(s, { grant_type: 'password', username: 'admin@spryker.com', password: 'change123' });
    await send(s, `${s.urls.yves}/`);
    expect(s.requests).toEqual([
      { app: 'glue', method: 'POST', host: HOSTS.glue, path: '/access-tokens', status: 401, login: 'customer', username: 'karl@spryker.com' },
      { app: 'glue-backend', method: 'POST', host: HOSTS.glueBackend, path: '/token/', status: 401, login: 'backoffice-user', username: 'admin@spryker.com' },
      { app: 'yves', method: 'GET', host: HOSTS.yves, path: '/', status: 200 },
    ]);
    expect(JSON.stringify(s.requests)).not.toContain('change123');
  });

  it('serves the demo catalogue and CMS pages only when planted', async () => {
    const planted = await shop({ demoCatalogue: true });
    const product = await send(planted, `${planted.urls.glue}/abstract-products/001`);
    expect([product.status, (product.json as { data: { attributes: { name: string } } }).data.attributes.name]).toEqual([200, 'Canon IXUS 160']);
    const page = await send(planted, `${planted.urls.yves}/en/demo-landing-page`);
    expect([page.status, page.text.includes('golive demo shop'), page.text.includes('info@spryker.com')]).toEqual([200, true, true]);
    const clean = await shop();
    expect((await send(clean, `${clean.urls.glue}/abstract-products/001`)).status).toBe(404);
    expect((await send(clean, `${clean.urls.yves}/en/demo-landing-page`)).status).toBe(404);
    const soft = await shop({ softNotFound: true });
    expect((await send(soft, `${soft.urls.yves}/en/anything`)).status).toBe(200);
  });

  it('shows the Back Office login to everyone only when public, and guards the storefront with basic auth when planted', async () => {
    const open = await shop({ backofficePublic: true, basicAuthOnStorefront: true });
    const form = await send(open, `${open.urls.backoffice}/security-gui/login`);
    expect([form.status, /type="password"/.test(form.text)]).toEqual([200, true]);
    const yves = await send(open, `${open.urls.yves}/`);
    expect([yves.status, yves.headers['www-authenticate']]).toEqual([401, 'Basic realm="golive demo storefront"']);
    const closed = await shop();
    expect((await send(closed, `${closed.urls.backoffice}/security-gui/login`)).status).toBe(403);
  });

  it('answers /health-check with 200, 503 or 403, redirects the apex and refuses unknown hosts', async () => {
    const ok = await shop();
    const health = await send(ok, `${ok.urls.glue}/health-check`);
    expect([health.status, (health.json as { status: string }).status]).toEqual([200, 'healthy']);
    const failing = await shop({ healthCheck: 'failing' });
    expect((await send(failing, `${failing.urls.backoffice}/health-check`)).status).toBe(503);
    const off = await shop({ healthCheck: 'disabled' });
    expect((await send(off, `${off.urls.yves}/health-check`)).status).toBe(403);
    const apex = await send(ok, `${ok.urls.apex}/en/x?y=1`);
    expect([apex.status, apex.headers.location]).toEqual([301, `${ok.urls.yves}/en/x?y=1`]);
    const stranger = await send(ok, `https://127.0.0.1:${ok.port}/`, { insecure: true });
    expect(stranger.status).toBe(421);
  });
});
