/**
 * The few facts the checks read from HTML, found with tag-level regexes rather than a DOM: the
 * `<link rel=canonical>`, `<meta http-equiv=Content-Security-Policy>` and `<meta name=referrer>`.
 * Pure; comments, scripts and styles are removed first so commented-out tags do not count.
 */

const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#34': '"' };

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#39|#34);/gi, (_m, e: string) => ENTITIES[e.toLowerCase()] ?? _m);
}

/** The attributes of one tag's source text, names lower-cased. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const inner = tag.replace(/^<\s*[a-z0-9-]+/i, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(ATTR)) {
    const name = m[1]!.toLowerCase();
    if (!(name in out)) out[name] = unescape(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

function stripNoise(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '');
}

function tags(html: string, name: string): Record<string, string>[] {
  const re = new RegExp(`<${name}\\b[^>]*>`, 'gi');
  return [...stripNoise(html).matchAll(re)].map((m) => attributes(m[0]));
}

function resolve(href: string, base: string): string | null {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

/** `<link rel="canonical" href>` targets, resolved against the page URL. */
export function htmlCanonicals(html: string, pageUrl: string): string[] {
  return tags(html, 'link')
    .filter((a) => (a.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') && a.href)
    .map((a) => resolve(a.href!, pageUrl))
    .filter((u): u is string => u !== null);
}

/** rel=canonical targets of a Link header: `<https://x/>; rel="canonical", <...>; rel=alternate`. */
export function linkHeaderCanonicals(link: string | undefined, pageUrl: string): string[] {
  if (!link) return [];
  const out: string[] = [];
  for (const m of link.matchAll(/<([^>]*)>([^,]*)/g)) {
    const rel = /rel\s*=\s*"?([^";]+)"?/i.exec(m[2] ?? '')?.[1] ?? '';
    if (!rel.toLowerCase().split(/\s+/).includes('canonical')) continue;
    const u = resolve(m[1]!, pageUrl);
    if (u) out.push(u);
  }
  return out;
}

/** Content-Security-Policy from meta http-equiv tags, and the meta referrer policy. */
export function htmlMetaPolicies(html: string): { metaCsp: string[]; metaReferrer: string | null } {
  const metaCsp: string[] = [];
  let metaReferrer: string | null = null;
  for (const a of tags(html, 'meta')) {
    const equiv = a['http-equiv']?.trim().toLowerCase();
    if (equiv !== undefined && a.content !== undefined) {
      if (equiv === 'content-security-policy' && a.content) metaCsp.push(a.content);
    } else if (a.name?.trim().toLowerCase() === 'referrer' && a.content) {
      metaReferrer = a.content;
    }
  }
  return { metaCsp, metaReferrer };
}

export function isHtml(contentType: string | null): boolean {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return mime === 'text/html' || mime === 'application/xhtml+xml';
}
