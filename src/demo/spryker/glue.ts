import { randomBytes } from 'node:crypto';
import type { LoginResult } from './accounts.js';
import { readJson, readText, sendErrors, sendHealth, sendJson, stringAt, type Exchange, type Route } from './respond.js';
import type { LoginKind } from './types.js';

/**
 * The Glue storefront API and the Glue backend API of the test shop, after the documented
 * contract: JSON:API logins that answer 201 with tokens, 401 (code 003 for customers, 4001 for
 * agents), 422 (code 901) for empty fields and 429 once the account is blocked.
 */

/** Tokens that are obviously not real ones. */
const token = (kind: string) => `golive-demo-${kind}-token-${randomBytes(12).toString('hex')}`;

function record(x: Exchange, kind: LoginKind, username: string): void {
  x.entry.login = kind;
  x.entry.username = username.slice(0, 200);
}

interface JsonLogin {
  type: 'access-tokens' | 'agent-access-tokens';
  kind: LoginKind;
  /** The JSON:API error code of a wrong password. */
  failCode: string;
  failDetail: string;
}

const CUSTOMER: JsonLogin = { type: 'access-tokens', kind: 'customer', failCode: '003', failDetail: 'Failed to authenticate user.' };
const AGENT: JsonLogin = { type: 'agent-access-tokens', kind: 'agent', failCode: '4001', failDetail: 'Failed to authenticate an agent.' };

function jsonLogin(login: JsonLogin): Route {
  return async (x) => {
    const body = await readJson(x.req);
    const username = stringAt(body, 'data', 'attributes', 'username');
    const password = stringAt(body, 'data', 'attributes', 'password');
    record(x, login.kind, username);
    if (body === undefined) return sendErrors(x, 400, 'Request body is not valid JSON.');
    if (!username || !password) return sendErrors(x, 422, `${username ? 'password' : 'username'} => This value should not be blank.`, '901');
    const result: LoginResult = x.book.login(login.kind, username, password);
    if (result === 'throttled') return sendErrors(x, 429, 'Too many failed login attempts; try again later.');
    if (result === 'rejected') return sendErrors(x, 401, login.failDetail, login.failCode);
    const attributes = { tokenType: 'Bearer', expiresIn: 28800, accessToken: token(login.kind), refreshTokenExpiresIn: 2592000, refreshToken: token('refresh') };
    sendJson(x, 201, { data: { type: login.type, id: null, attributes, links: { self: `${x.url.origin}/${login.type}` } } });
  };
}

const DEMO_PRODUCT = {
  sku: '001',
  name: 'Canon IXUS 160',
  description: 'Demo catalogue entry of the golive test shop (the name matches the public demo data).',
};

const abstractProduct: Route = (x) => {
  const sku = decodeURIComponent(x.url.pathname.split('/')[2] ?? '');
  if (!x.problems.demoCatalogue || sku !== DEMO_PRODUCT.sku) return sendErrors(x, 404, 'Abstract product is not found.', '301');
  sendJson(x, 200, { data: { type: 'abstract-products', id: sku, attributes: DEMO_PRODUCT, links: { self: `${x.url.origin}/abstract-products/${sku}` } } });
};

/** The OAuth-style password grant of the backend API (form-encoded, answers 201 with tokens). */
const backendToken: Route = async (x) => {
  const form = new URLSearchParams(await readText(x.req));
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  record(x, 'backoffice-user', username);
  const oauthError = (status: number, error: string, description: string) => sendJson(x, status, { error, error_description: description, message: 'golive demo shop' }, 'application/json');
  if (form.get('grant_type') !== 'password') return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported.');
  if (!username || !password) return oauthError(400, 'invalid_request', 'The request is missing a required parameter.');
  const result = x.book.login('backoffice-user', username, password);
  if (result === 'throttled') return oauthError(429, 'too_many_requests', 'Too many failed login attempts; try again later.');
  if (result === 'rejected') return oauthError(401, 'invalid_grant', 'The user credentials were incorrect.');
  sendJson(x, 201, { token_type: 'Bearer', expires_in: 28800, access_token: token('backend'), refresh_token: token('refresh') }, 'application/json');
};

/** "METHOD /path" -> route; a path ending in "/*" matches one more segment. */
type Table = Record<string, Route>;

export const GLUE_ROUTES: Table = {
  'POST /access-tokens': jsonLogin(CUSTOMER),
  'POST /agent-access-tokens': jsonLogin(AGENT),
  'GET /abstract-products/*': abstractProduct,
  'GET /health-check': (x) => sendHealth(x, ['storage', 'search', 'zed-request']),
};

export const GLUE_BACKEND_ROUTES: Table = {
  'POST /token': backendToken,
  'POST /token/': backendToken,
  'GET /health-check': (x) => sendHealth(x, ['storage', 'search', 'zed-request']),
};

export function findRoute(table: Table, method: string, path: string): Route | undefined {
  const exact = table[`${method} ${path}`];
  if (exact) return exact;
  const parent = path.replace(/\/[^/]+$/, '/*');
  return /^\/[^/]+\/\*$/.test(parent) ? table[`${method} ${parent}`] : undefined;
}

/** Glue's answer to anything else: a JSON:API 404. */
export const glueNotFound: Route = (x) => sendErrors(x, 404, 'Not Found (golive demo shop)');
