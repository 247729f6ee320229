/**
 * The inputs of the cdp probes, apart from the probes so that pure rules can build them. An input
 * names the environment variables that hold the credentials, never their values: the probe reads
 * them when it runs, so no secret sits in a check's options, the probe cache key or the store.
 */
import { z } from 'zod';

const Base = z.url({ protocol: /^https?$/ });
const Variable = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/);

export const BrowserInput = z.strictObject({ baseUrl: Base, clientKeyVariable: Variable });
export type BrowserInput = z.infer<typeof BrowserInput>;

export const Identity = z.strictObject({ provider: z.string().min(1).max(100), id: z.string().min(1).max(254) });
export type Identity = z.infer<typeof Identity>;

export const GuestLookupInput = z.strictObject({
  baseUrl: Base,
  identities: z.array(Identity).min(1).max(50),
  clientKeyVariable: Variable,
  apiTokenVariable: Variable,
});
export type GuestLookupInput = z.infer<typeof GuestLookupInput>;

export const BatchInspectInput = z.strictObject({ baseUrl: Base, clientKeyVariable: Variable, apiTokenVariable: Variable });
export type BatchInspectInput = z.infer<typeof BatchInspectInput>;

/**
 * Identities as options give them: "provider:id" texts (several separated by commas, which is what
 * one ${env.*} variable or `--with identities=a:1,b:2` yields) or {provider, id} mappings. The
 * provider ends at the first colon; spaces around entries are dropped; repeats are removed.
 */
export function identitiesFrom(items: (string | Identity)[]): Identity[] {
  const out: Identity[] = [];
  const seen = new Set<string>();
  const add = (i: Identity) => {
    const key = `${i.provider}\u0000${i.id}`;
    if (!seen.has(key)) out.push(i);
    seen.add(key);
  };
  for (const item of items) {
    if (typeof item !== 'string') add({ provider: item.provider.trim(), id: item.id.trim() });
    else for (const part of item.split(',')) {
      const at = part.indexOf(':');
      if (at > 0) add({ provider: part.slice(0, at).trim(), id: part.slice(at + 1).trim() });
    }
  }
  return out.filter((i) => i.provider !== '' && i.id !== '');
}

/** `rel` under `base`, keeping a path prefix the base may have. */
export function joinUrl(base: string, rel: string): URL {
  const u = new URL(base);
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname = `${u.pathname}/`;
  return new URL(rel.replace(/^\//, ''), u);
}
