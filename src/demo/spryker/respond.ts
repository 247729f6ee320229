import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountBook } from './accounts.js';
import type { ShopProblems, ShopRequest } from './types.js';

/** One request in flight: what the routes read and where they record what they saw. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The log entry of this request (already in the shop's log; routes add the login fields). */
  entry: ShopRequest;
  problems: ShopProblems;
  book: AccountBook;
}

export type Route = (x: Exchange) => void | Promise<void>;

export const JSON_API = 'application/vnd.api+json';
const BODY_LIMIT = 64 * 1024;

export function sendJson(x: Exchange, status: number, body: unknown, contentType = JSON_API): void {
  x.res.writeHead(status, { 'content-type': contentType }).end(JSON.stringify(body));
}

/** A JSON:API error document, as Glue sends it. */
export function sendErrors(x: Exchange, status: number, detail: string, code?: string): void {
  sendJson(x, status, { errors: [{ ...(code ? { code } : {}), status, detail }] });
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** An HTML page that says on its face that it is golive's demo shop. */
export function sendPage(x: Exchange, status: number, title: string, body: string, headers: Record<string, string> = {}): void {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | golive demo shop</title></head>`
    + `<body><p class="golive-demo">golive demo shop: a Spryker-like stand-in on loopback for tests. It is not Spryker and holds no real data.</p>${body}</body></html>`;
  x.res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(page);
}

export function sendText(x: Exchange, status: number, text: string, headers: Record<string, string> = {}): void {
  x.res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n(golive demo shop, not Spryker)\n`);
}

/** The request body as text, at most 64 KiB (a larger one is cut: the routes need only a few fields). */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size < BODY_LIMIT) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT);
}

/** A JSON body, or undefined when it does not parse. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readText(req)) as unknown;
  } catch {
    return undefined;
  }
}

/** The value at obj.a.b.c when it is a string, else ''. */
export function stringAt(root: unknown, ...path: string[]): string {
  let node = root;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'string' ? node : '';
}

/** Health-check answers, shared by every application. */
export function sendHealth(x: Exchange, services: string[]): void {
  const mode = x.problems.healthCheck;
  if (mode === 'disabled') return sendText(x, 403, 'HealthCheck endpoint is disabled.');
  const failing = mode === 'failing' ? new Set(['search']) : new Set<string>();
  const status = failing.size > 0 ? 503 : 200;
  const body = {
    status: failing.size > 0 ? 'unhealthy' : 'healthy',
    message: 'golive demo shop health report (not Spryker)',
    services: services.map((name) => ({ name, status: !failing.has(name), message: failing.has(name) ? `${name} is unavailable in the demo` : '' })),
  };
  sendJson(x, status, body, 'application/json');
}
