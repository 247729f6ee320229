// A local Sitecore Edge for the page-check test site, following what Cloud SDK 0.6.1 calls
// (reference §1a): browser creation, events, and decisions (flow execution), with CORS as a
// browser needs it. It records what it receives, so tests can compare with what golive captured.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EdgeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

/** Decision content per flow (friendlyId): what the experience's template outputs. */
export const DECISIONS: Record<string, Record<string, string>> = {
  homepage_hero: { variant: 'B', experience: 'homepage_hero', title: 'Autumn sale: 20% off boots', link: '/sale', image: '/img/boots.png' },
  homepage_hero_tokens: { variant: 'A', experience: 'homepage_hero_tokens', title: 'Hello {{first_name}}, ${offer.name} is waiting', link: '/sale', image: '/img/boots.png' },
  member_offers: { variant: 'A', experience: 'member_offers', title: 'Members save 10%', link: '/members', image: '/img/boots.png' },
};

export const CONTEXT_ID = 'ctx-golive-test';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, x-library-version, x-client-software-id, x-sc-correlation-id',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...CORS, 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

/** The edge's request handler; `calls` records every call but CORS preflights. */
export function edgeHandler(calls: EdgeCall[]) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const call: EdgeCall = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), ...(body !== undefined ? { body } : {}) };
    calls.push(call);
    if (url.searchParams.get('sitecoreContextId') !== CONTEXT_ID) return send(res, 401, { status: 401, code: 'unauthorized', message: 'unknown context ID' });
    if (url.pathname === '/v1/events/v1.2/browser/create.json') return send(res, 200, { status: 'OK', version: '1.2', client_key: '', ref: randomUUID(), customer_ref: randomUUID() });
    if (url.pathname === '/v1/events/v1.2/events' && req.method === 'POST') {
      const event = body as Record<string, unknown> | undefined;
      if (!event?.browser_id || !event.type) return send(res, 400, { status: 400, code: 'bad_request', message: 'browser_id and type are required' });
      return send(res, 201, { ref: randomUUID(), status: 'OK' });
    }
    if (url.pathname === '/v1/personalize' && req.method === 'POST') {
      const flow = DECISIONS[String((body as { friendlyId?: unknown } | undefined)?.friendlyId)];
      return flow ? send(res, 200, flow) : send(res, 404, { status: 404, code: 'not_found', message: 'no such flow' });
    }
    return send(res, 404, { status: 404, code: 'not_found', message: 'no such resource' });
  };
}
