import { z } from 'zod';

/**
 * The shapes of check targets shared by the rules. In YAML a target is an object or a string;
 * a string (and every target given on the command line) is read by the rule's targetFromString.
 */

const HOST = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.?$/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export const HostName = z
  .string()
  .min(1)
  .refine((h) => HOST.test(h) || IPV4.test(h) || (h.includes(':') && /^[0-9a-f:.]+$/i.test(h)), {
    message: 'expected a host name such as shop.example.com (no scheme, path or port)',
  })
  .describe('A host name, e.g. shop.example.com.');

export const Port = z.number().int().min(1).max(65535);

export const HostTarget = z.strictObject({ host: HostName, port: Port.optional().describe('TCP port (default 443).') });
export type HostTarget = z.infer<typeof HostTarget>;

export const DomainTarget = z.strictObject({ domain: HostName.describe('A DNS name, e.g. example.com.') });
export type DomainTarget = z.infer<typeof DomainTarget>;

export const UrlTarget = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL such as https://www.example.com/' })
    .describe('An http:// or https:// URL.'),
});
export type UrlTarget = z.infer<typeof UrlTarget>;

/** "shop.example.com", "shop.example.com:8443", "[::1]:8443", or a URL whose host and port are used. */
export function hostTargetFromString(text: string): unknown {
  const s = text.trim();
  if (/^https?:\/\//i.test(s)) {
    try {
      const u = new URL(s);
      const host = u.hostname.replace(/^\[|\]$/g, '');
      return { host, ...(u.port ? { port: Number(u.port) } : u.protocol === 'http:' ? { port: 80 } : {}) };
    } catch {
      return { host: s };
    }
  }
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) return { host: v6[1], ...(v6[2] ? { port: Number(v6[2]) } : {}) };
  const m = /^([^:]+):(\d+)$/.exec(s);
  if (m) return { host: m[1], port: Number(m[2]) };
  return { host: s };
}

/** "example.com" or "https://example.com/..." (the URL's host). */
export function domainTargetFromString(text: string): unknown {
  const s = text.trim();
  if (/^https?:\/\//i.test(s)) {
    try {
      return { domain: new URL(s).hostname };
    } catch {
      return { domain: s };
    }
  }
  return { domain: s.replace(/\.$/, '') };
}

/** A URL; a bare host gets https://. */
export function urlTargetFromString(text: string): unknown {
  const s = text.trim();
  return { url: /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}/` };
}

/** A stable, short text form of a target for reports and the store: "shop.example.com:443", "https://...", "example.com". */
export function targetLabel(target: unknown): string {
  if (typeof target !== 'object' || target === null) return String(target);
  const t = target as Record<string, unknown>;
  if (typeof t.url === 'string') return t.url;
  if (typeof t.host === 'string') return t.port === undefined ? t.host : `${t.host.includes(':') ? `[${t.host}]` : t.host}:${String(t.port)}`;
  if (typeof t.domain === 'string') return t.domain;
  if (typeof t.file === 'string') return t.file;
  if (typeof t.files === 'string') return t.files;
  if (typeof t.segment === 'string') return t.segment;
  return JSON.stringify(target);
}
