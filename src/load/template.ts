import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';

/**
 * Placeholders a load request's body may hold, filled afresh for every request: `{{uuid}}` a new
 * random UUID, `{{n}}` the request's number (1, 2, ... across every phase of a run). The same body
 * sent again and again may be answered by a cache in front of the service, or by the service's own
 * cache for that browser or guest: a fresh value per request measures what a new visitor gets.
 */
const SPLIT = /(\{\{uuid\}\}|\{\{n\}\})/;

/**
 * The body of request n, or undefined when `body` holds no placeholder (it is then sent as it is).
 * A body read from a file is bytes: it is filled as text only when it is UTF-8, so a binary body
 * (protobuf, gzip) is never rewritten.
 */
export function bodyTemplate(body: string | Buffer): ((n: number) => string) | undefined {
  const text = typeof body === 'string' ? body : isUtf8(body) ? body.toString('utf8') : undefined;
  if (text === undefined) return undefined;
  const parts = text.split(SPLIT);
  if (parts.length === 1) return undefined;
  return (n) => parts.map((p) => (p === '{{uuid}}' ? randomUUID() : p === '{{n}}' ? String(n) : p)).join('');
}

/** Requests sent so far per request definition: the phases of one run (warm-up, steps of --find-peak) share it. */
const sentOf = new WeakMap<object, { n: number }>();

/** The number of the next request of `request` (1 for the first one of the run). */
export function nextNumber(request: object): number {
  const counter = sentOf.get(request) ?? { n: 0 };
  sentOf.set(request, counter);
  counter.n += 1;
  return counter.n;
}
