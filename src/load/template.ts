import { randomUUID } from 'node:crypto';

/**
 * Placeholders a load request's body may hold, filled afresh for every request: `{{uuid}}` a new
 * random UUID, `{{n}}` the request's number (1, 2, ...). The same body sent again and again may be
 * answered by a cache in front of the service, or by the service's own cache for that browser or
 * guest: a fresh value per request measures what a new visitor gets.
 */
export const BODY_PLACEHOLDERS = ['{{uuid}}', '{{n}}'] as const;

const SPLIT = /(\{\{uuid\}\}|\{\{n\}\})/;

/** The body of request n, or undefined when `body` holds no placeholder (it is then sent as it is). */
export function bodyTemplate(body: string): ((n: number) => string) | undefined {
  const parts = body.split(SPLIT);
  if (parts.length === 1) return undefined;
  return (n) => parts.map((p) => (p === '{{uuid}}' ? randomUUID() : p === '{{n}}' ? String(n) : p)).join('');
}
