// A Sitecore Personalize REST API stand-in for tests: a real HTTPS server on loopback (port 0) that
// follows the documented contract of the endpoints golive's personalize checks call
// (../shared/reference/sitecore-cdp-personalize.md section 4 and "What a checking tool can verify").
// Tests reach it under the real host names (the regional api-engage hosts and auth.sitecorecloud.io)
// through NetOptions.resolve and trust its certificate through NetOptions.ca; nothing in src knows it.
//
// API
//   const api = await startPersonalizeApi({ apiKey, apiSecret, region: 'eu', flows, decisionModels, connections })
//   api.baseUrl('eu')  -> "https://api-engage-eu.sitecorecloud.io:PORT"
//   api.tokenUrl()     -> "https://auth.sitecorecloud.io:PORT/oauth/token"
//   api.net()          -> { resolve, ca } to spread into NetOptions
//   api.requests       -> every request seen (method, url, headers); api.bodies -> request bodies, in order
//   await api.close()
//
// Contract kept:
//   POST auth host /oauth/token (form: client_id, client_secret, grant_type=client_credentials, audience=https://api.sitecorecloud.io)
//       200 {access_token, scope, expires_in, token_type:"Bearer"}; wrong client 401 {error:"access_denied"}; other grant 400.
//   API hosts: Authorization "Bearer <token>" (accepts: 'oauth', the default) or Basic key:secret (accepts: 'basic'), else 401;
//       a host of another region answers 401. A key without the feature (scopes) gets 403.
//   GET /v3/flowDefinitions  200 {href, items:[flow definition as documented: clientKey, href, ref, name, friendlyId, type, subtype,
//       status, archived, channels, traffic{type, weightingAlgorithm, allocation, splits, coupled}, schedule{type, startDate, endDate?},
//       sampleSizeConfig, variants, …]}. Not paged, as documented, unless `pageSize` is set (then offset/limit are honoured).
//   GET /v2/decisionModelDefinitions, /v2/decisionModelDefinitions/{ref}/variants  200 {items:[{href, ref, name, status}]}; unknown ref 404.
//   POST /v2/testDecisionModel {decisionModelRef, decisionModelVariantRef, context:{channel, guest}}  200 {error, errorCause,
//       decisionModelResultNodes:[{id, name, type, error, executionTime, outputs, dependentNodeIds}]}; unknown refs 404; no context 400.
//   GET /v2/connections, /v2/connections/{ref}  200 {items:[connection]} / the connection: {ref, name, systemType, auth, request, …}.
// Beyond the documented contract, on request of a test: `extra` fields on a flow (e.g. an audience field), connection
// summaries in the list (`connectionSummaries`), and `fault` (every request to one host answers a fixed status or body).
import { randomBytes } from 'node:crypto';
import { afterEach, vi } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cdpHost, CDP_REGIONS, type CdpRegion } from './cdp-api.js';
import { selfSignedCert, startHttpServer, type TestServer } from './http-servers.js';

export const AUTH_HOST = 'auth.sitecorecloud.io';
const AUDIENCE = 'https://api.sitecorecloud.io';

export interface FakeFlow {
  ref: string;
  friendlyId: string;
  name: string;
  type?: 'INTERACTIVE_WEB_FLOW' | 'INTERACTIVE_API_FLOW' | 'TRIGGERED_V3';
  subtype?: 'EXPERIMENT' | 'EXPERIENCE';
  status?: 'DRAFT' | 'PUBLISHING' | 'PRODUCTION' | 'SCHEDULED' | 'LIVE' | 'PAUSED' | 'COMPLETED';
  archived?: boolean;
  schedule?: { startDate: string; endDate?: string };
  traffic?: { allocation?: number; splits?: unknown[] };
  sampleSizeConfig?: { baseValue: number; minimumDetectableDifference: number; confidenceLevel: number };
  variants?: { ref: string; name: string; isControl?: boolean }[];
  /** Fields beyond the documented ones (a tenant whose answer has an audience field, say). */
  extra?: Record<string, unknown>;
}

export interface FakeNode {
  id: string;
  name: string;
  type: string;
  executionTime: number;
  outputs: unknown[];
  error?: string;
  dependentNodeIds?: string[];
}

export interface FakeDecisionModel {
  ref: string;
  name: string;
  variants: { ref: string; name: string; status: 'PRODUCTION' | 'DRAFT' | 'TEST' }[];
  /** The model's answer for a test context (channel, guest, …) on a variant. */
  decide(context: Record<string, unknown>, variantRef: string): { error?: string; errorCause?: string; nodes: FakeNode[] };
}

export type Feature = 'flows' | 'decisions' | 'connections';

export interface PersonalizeTenant {
  apiKey: string;
  apiSecret: string;
  region: CdpRegion;
  /** How the API signs in (default oauth). */
  accepts?: 'oauth' | 'basic';
  /** Features the key may use (default all); others answer 403. */
  scopes?: Feature[];
  flows?: FakeFlow[];
  decisionModels?: FakeDecisionModel[];
  /** Connections as the API returns them: {ref, name, systemType, auth, request, …}. */
  connections?: (Record<string, unknown> & { ref: string; name: string })[];
  connectionSummaries?: boolean;
  pageSize?: number;
  tokenTtlSeconds?: number;
  fault?: { on: 'token' | 'api'; status: number; body?: string };
}

export interface PersonalizeApi extends TestServer {
  tenant: PersonalizeTenant;
  bodies: string[];
  /** Access tokens issued so far (tests search the evidence for them). */
  tokens: string[];
  baseUrl(region?: CdpRegion): string;
  tokenUrl(): string;
  net(): { resolve: Record<string, string>; ca: string[] };
}

type Reply = { status: number; body: unknown; raw?: string };
const json = (status: number, body: unknown): Reply => ({ status, body });
const notFound = (): Reply => json(404, { status: 404, code: 404, message: 'Resource not found' });

interface State {
  tenant: PersonalizeTenant;
  issued: Map<string, number>;
  tokens: string[];
}

function issueToken(form: URLSearchParams, s: State): Reply {
  if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant type' });
  if (form.get('client_id') !== s.tenant.apiKey || form.get('client_secret') !== s.tenant.apiSecret) return json(401, { error: 'access_denied', error_description: 'Unauthorized' });
  if (form.get('audience') !== AUDIENCE) return json(403, { error: 'access_denied', error_description: 'Service not enabled within domain' });
  const token = `eyJ${randomBytes(24).toString('base64url')}`;
  const ttl = s.tenant.tokenTtlSeconds ?? 900;
  s.issued.set(token, Date.now() + ttl * 1000);
  s.tokens.push(token);
  return json(200, { access_token: token, scope: 'personalize.flows:manage personalize.decision_models:manage personalize.external_webservices:manage', expires_in: ttl, token_type: 'Bearer' });
}

function signedIn(req: IncomingMessage, s: State): boolean {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (host !== '127.0.0.1' && host !== cdpHost(s.tenant.region)) return false;
  const auth = req.headers.authorization ?? '';
  if ((s.tenant.accepts ?? 'oauth') === 'basic') return auth === `Basic ${Buffer.from(`${s.tenant.apiKey}:${s.tenant.apiSecret}`).toString('base64')}`;
  const expires = auth.startsWith('Bearer ') ? s.issued.get(auth.slice(7)) : undefined;
  return expires !== undefined && expires > Date.now();
}

function flowJson(f: FakeFlow, origin: string): Record<string, unknown> {
  return {
    clientKey: 'pqsPERS3tenantClientKey0000000000', href: `${origin}/v3/flowDefinitions/${f.ref}`, ref: f.ref, name: f.name,
    modifiedByRef: 'golive-test@clients', modifiedAt: '2026-11-01T10:00:00.000Z', revision: 3, archived: f.archived ?? false,
    friendlyId: f.friendlyId, type: f.type ?? 'INTERACTIVE_WEB_FLOW', subtype: f.subtype ?? 'EXPERIENCE', channels: ['WEB'], triggers: [], tags: [],
    businessProcess: 'interactive_v1',
    traffic: { type: 'simpleTraffic', weightingAlgorithm: 'USER_DEFINED', modifiedAt: '2026-11-01T10:00:00.000Z', allocation: f.traffic?.allocation ?? 100, splits: f.traffic?.splits ?? [], coupled: false },
    // Variants carry their templates: golive must not record them.
    variants: (f.variants ?? []).map((v) => ({ ...v, templateVariables: { html: '<div class="hero">${offer}</div>' } })),
    transpiledVariants: [], status: f.status ?? 'LIVE',
    schedule: f.schedule ? { type: 'simpleSchedule', ...f.schedule } : undefined,
    revisions: { href: `${origin}/v3/flowDefinitions/${f.ref}/revisions` },
    ...(f.sampleSizeConfig ? { sampleSizeConfig: f.sampleSizeConfig } : {}),
    ...f.extra,
  };
}

function page<T>(items: T[], url: URL, s: State): T[] {
  if (!s.tenant.pageSize) return items;
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const limit = Math.min(Number(url.searchParams.get('limit') ?? s.tenant.pageSize), s.tenant.pageSize);
  return items.slice(offset, offset + limit);
}

function testDecision(text: string, s: State): Reply {
  let body: { decisionModelRef?: string; decisionModelVariantRef?: string; context?: Record<string, unknown> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return json(400, { status: 400, message: 'Malformed JSON' });
  }
  if (!body.context || typeof body.context !== 'object') return json(400, { status: 400, message: 'context is required' });
  const model = (s.tenant.decisionModels ?? []).find((m) => m.ref === body.decisionModelRef);
  if (!model || !model.variants.some((v) => v.ref === body.decisionModelVariantRef)) return notFound();
  const r = model.decide(body.context, body.decisionModelVariantRef!);
  const nodes = r.nodes.map((n) => ({ id: n.id, name: n.name, type: n.type, error: n.error ?? null, executionTime: n.executionTime, outputs: n.outputs, dependentNodeIds: n.dependentNodeIds ?? [] }));
  return json(200, { error: r.error ?? null, errorCause: r.errorCause ?? null, decisionModelResultNodes: nodes });
}

type Route = [string, RegExp, Feature, (m: RegExpExecArray, url: URL, body: string) => Reply];

function routes(s: State, origin: string): Route[] {
  const models = () => s.tenant.decisionModels ?? [];
  const connections = () => s.tenant.connections ?? [];
  return [
    ['GET', /^\/v3\/flowDefinitions$/, 'flows', (_m, url) => json(200, { href: `${origin}/v3/flowDefinitions`, items: page((s.tenant.flows ?? []).map((f) => flowJson(f, origin)), url, s) })],
    ['GET', /^\/v2\/decisionModelDefinitions$/, 'decisions', (_m, url) => json(200, { items: page(models().map((m) => ({ href: `${origin}/v2/decisionModelDefinitions/${m.ref}`, ref: m.ref, name: m.name })), url, s) })],
    ['GET', /^\/v2\/decisionModelDefinitions\/([^/]+)\/variants$/, 'decisions', (m) => {
      const model = models().find((x) => x.ref === m[1]);
      return model ? json(200, { items: model.variants.map((v) => ({ href: `${origin}/v2/decisionModelVariants/${v.ref}`, ...v })) }) : notFound();
    }],
    ['POST', /^\/v2\/testDecisionModel$/, 'decisions', (_m, _url, body) => testDecision(body, s)],
    ['GET', /^\/v2\/connections$/, 'connections', (_m, url) => json(200, { items: page(connections().map((c) => (s.tenant.connectionSummaries ? { href: `${origin}/v2/connections/${c.ref}`, ref: c.ref, name: c.name } : c)), url, s) })],
    ['GET', /^\/v2\/connections\/([^/]+)$/, 'connections', (m) => json(200, connections().find((c) => c.ref === m[1])) ],
  ];
}

function route(req: IncomingMessage, body: string, s: State): Reply {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const onAuth = host === AUTH_HOST;
  const fault = s.tenant.fault;
  if (fault && (fault.on === 'token') === onAuth) return { status: fault.status, body: undefined, raw: fault.body ?? JSON.stringify({ status: fault.status, message: 'fault' }) };
  const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'x'}`);
  if (onAuth) return req.method === 'POST' && url.pathname === '/oauth/token' ? issueToken(new URLSearchParams(body), s) : notFound();
  const origin = `https://${req.headers.host ?? cdpHost(s.tenant.region)}`;
  for (const [method, re, feature, answer] of routes(s, origin)) {
    const m = re.exec(url.pathname);
    if (!m || req.method !== method) continue;
    if (!signedIn(req, s)) return json(401, { status: 401, code: 401, message: 'Unauthorized' });
    if (s.tenant.scopes && !s.tenant.scopes.includes(feature)) return json(403, { status: 403, code: 403, message: 'Forbidden: the API key has no access to this resource' });
    const reply = answer(m, url, body);
    return reply.body === undefined ? notFound() : reply;
  }
  return notFound();
}

/** Start the stand-in (HTTPS, one port for every host). */
export async function startPersonalizeApi(tenant: PersonalizeTenant): Promise<PersonalizeApi> {
  const tls = selfSignedCert([...CDP_REGIONS.map(cdpHost), AUTH_HOST]);
  const state: State = { tenant, issued: new Map(), tokens: [] };
  const bodies: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      const reply = route(req, body, state);
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.raw ?? JSON.stringify(reply.body));
    });
  };
  const server = await startHttpServer(handler, { tls });
  return {
    ...server, tenant, bodies, tokens: state.tokens,
    baseUrl: (region = tenant.region) => `https://${cdpHost(region)}:${server.port}`,
    tokenUrl: () => `https://${AUTH_HOST}:${server.port}/oauth/token`,
    net: () => ({ resolve: Object.fromEntries([...CDP_REGIONS.map((r) => cdpHost(r)), AUTH_HOST].map((h) => [`${h}:*`, '127.0.0.1'])), ca: [tls.cert] }),
  };
}

const DAY = 86_400_000;
const dayFrom = (t: Date, days: number): string => new Date(t.getTime() + days * DAY).toISOString();

export const MODEL_REF = '7a9e2c1d-4b3f-4e8a-9c6d-1f2e3d4c5b6a';
export const VARIANT_LIVE = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
export const VARIANT_DRAFT = '5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c';

/** A tenant in order for a launch at `goLive`: three running flows, one model, two connections. */
export function sampleTenant(goLive: Date, credentials: { apiKey: string; apiSecret: string }): PersonalizeTenant {
  return {
    ...credentials, region: 'eu',
    flows: [
      { ref: 'f0000001-0000-4000-8000-000000000001', friendlyId: 'home_hero', name: 'Home hero', status: 'LIVE', schedule: { startDate: dayFrom(goLive, -10) } },
      {
        ref: 'f0000001-0000-4000-8000-000000000002', friendlyId: 'pdp_layout_test', name: 'PDP layout test', subtype: 'EXPERIMENT', status: 'SCHEDULED',
        schedule: { startDate: dayFrom(goLive, -1), endDate: dayFrom(goLive, 30) },
        variants: [{ ref: 'v-control', name: 'Control', isControl: true }, { ref: 'v-b', name: 'Two columns' }],
        traffic: { allocation: 100, splits: [{ ref: 'v-control', split: 50 }, { ref: 'v-b', split: 50 }] },
        sampleSizeConfig: { baseValue: 0.03, minimumDetectableDifference: 0.1, confidenceLevel: 0.95 },
      },
      { ref: 'f0000001-0000-4000-8000-000000000003', friendlyId: 'next_offer', name: 'Next offer', type: 'INTERACTIVE_API_FLOW', status: 'LIVE', schedule: { startDate: dayFrom(goLive, -3) } },
      { ref: 'f0000001-0000-4000-8000-000000000004', friendlyId: 'old_promo', name: 'Old promo', status: 'PAUSED', schedule: { startDate: dayFrom(goLive, -90) } },
    ],
    decisionModels: [{
      ref: MODEL_REF, name: 'Next best offer',
      variants: [{ ref: VARIANT_LIVE, name: 'Version 2', status: 'PRODUCTION' }, { ref: VARIANT_DRAFT, name: 'Version 3', status: 'DRAFT' }],
      decide: (context) => {
        const tier = (context.guest as { loyaltyTier?: string } | undefined)?.loyaltyTier;
        return {
          nodes: [
            { id: 'n1', name: 'Loyalty lookup', type: 'Data System', executionTime: 40, outputs: [{ tier: tier ?? 'none' }] },
            { id: 'n2', name: 'Pick offer', type: 'Decision Table', executionTime: 12, outputs: [{ offer: tier === 'gold' ? 'GOLD10' : 'WELCOME5' }], dependentNodeIds: ['n1'] },
          ],
        };
      },
    }],
    connections: [
      { ref: 'c-loyalty', name: 'Loyalty API', systemType: 'DATA_SYSTEM', auth: { authType: 'BASIC', username: 'svc', password: 'conn-pass-Hq83-do-not-record' }, request: { requestType: 'GET', connectionUrl: 'https://loyalty.shop.example/v1/tier?apikey=conn-key-Zr71-do-not-record', connectionTimeout: 1000, socketTimeout: 1500 } },
      { ref: 'c-weather', name: 'Weather', systemType: 'DATA_SYSTEM', auth: { authType: 'NONE' }, request: { requestType: 'GET', connectionUrl: 'https://weather.example/now', connectionTimeout: 800, socketTimeout: 800 } },
    ],
  };
}

/**
 * Loopback tenants for the tests of one file: each is the sample tenant (with `change` applied),
 * and after every test the servers close and stubbed environment variables are restored.
 */
export function useTenantApis(goLive: Date, credentials: { apiKey: string; apiSecret: string }): (change?: Partial<PersonalizeTenant>) => Promise<PersonalizeApi> {
  const apis: PersonalizeApi[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all(apis.splice(0).map((a) => a.close()));
  });
  return async (change = {}) => {
    const a = await startPersonalizeApi({ ...sampleTenant(goLive, credentials), ...change });
    apis.push(a);
    return a;
  };
}
