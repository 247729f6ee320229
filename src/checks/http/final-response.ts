import { headerText } from './client.js';
import type { FinalResponse, HttpHop } from './evidence.js';
import { htmlCanonicals, htmlMetaPolicies, isHtml, linkHeaderCanonicals } from './html.js';
import { parseRobots } from './robots-txt.js';

/**
 * The final response as evidence: the whole body (up to maxBodyBytes) is read for the facts the
 * rules need (canonical links, meta policies, JSON, robots groups); only its start is kept as text.
 */

export const BODY_EXCERPT_CHARS = 4096;
const JSON_KEEP_BYTES = 16 * 1024;

export interface Extract {
  /** Parse the body as robots.txt. */
  robots?: boolean;
}

function parseJson(text: string, contentType: string | null, bytes: number): { json?: unknown } {
  const looksJson = /[/+]json\b/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (!looksJson || bytes > JSON_KEEP_BYTES) return {};
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return {};
  }
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

export function finalResponse(hop: HttpHop, body: Buffer | null, extract: Extract = {}): FinalResponse {
  const contentType = headerText(hop.headers, 'content-type') ?? null;
  const text = body ? new TextDecoder('utf-8').decode(body) : '';
  const html = body && isHtml(contentType) ? text : '';
  const canonicals = unique([...linkHeaderCanonicals(headerText(hop.headers, 'link'), hop.url), ...(html ? htmlCanonicals(html, hop.url) : [])]);
  return {
    url: hop.url,
    status: hop.status,
    headers: hop.headers,
    contentType,
    bodyBytes: body?.length ?? 0,
    body: text.slice(0, BODY_EXCERPT_CHARS),
    bodyTruncated: text.length > BODY_EXCERPT_CHARS,
    canonicals,
    ...parseJson(text, contentType, body?.length ?? 0),
    ...(html ? { html: htmlMetaPolicies(html) } : {}),
    ...(extract.robots && body ? { robots: parseRobots(text) } : {}),
  };
}
