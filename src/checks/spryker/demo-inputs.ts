import { z } from 'zod';
import type { LoginEndpoint } from './demo-evidence.js';

/** The inputs of the demo-data probes, kept apart from the probes so that pure rules can build them. */

const HttpUrl = z.url({ protocol: /^https?$/ });

export const DemoLoginInput = z.strictObject({
  glueUrl: HttpUrl,
  /** null: no backend API to try. */
  glueBackendUrl: HttpUrl.nullable(),
  customers: z.array(z.string().min(1).max(254)).max(50),
  admins: z.array(z.string().min(1).max(254)).max(20),
  password: z.string().min(1).max(200),
});
export type DemoLoginInput = z.infer<typeof DemoLoginInput>;

export const DemoCatalogueInput = z.strictObject({
  glueUrl: HttpUrl,
  /** null: no storefront pages to look at. */
  yvesUrl: HttpUrl.nullable(),
  skus: z.array(z.string().min(1).max(64)).max(20),
  pages: z.array(z.string().regex(/^\//)).max(20),
});
export type DemoCatalogueInput = z.infer<typeof DemoCatalogueInput>;

export const DemoBackofficeInput = z.strictObject({ url: HttpUrl });
export type DemoBackofficeInput = z.infer<typeof DemoBackofficeInput>;

/** `rel` under `base`, keeping a path prefix the base may have (https://x/api + token/ -> https://x/api/token/). */
export function joinUrl(base: string, rel: string): string {
  const u = new URL(base);
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname = `${u.pathname}/`;
  return new URL(rel.replace(/^\//, ''), u).toString();
}

/** Which brute-force counter a login counts against: each kind of user has its own in the demo shops. */
export type LoginKind = 'customer' | 'agent' | 'backoffice-user';

export interface PlannedLogin {
  endpoint: LoginEndpoint;
  kind: LoginKind;
  url: string;
  username: string;
}

/** The key that says "this account was tried": one per kind of user and username, whatever the host. */
export const loginKey = (p: Pick<PlannedLogin, 'kind' | 'username'>): string => `${p.kind}:${p.username.trim().toLowerCase()}`;

/**
 * Every login the input asks for, in order, each account once per kind: customers on Glue,
 * admins as agents on Glue, admins as Back Office users on the backend API.
 */
export function loginPlan(input: DemoLoginInput): PlannedLogin[] {
  const wanted: PlannedLogin[] = [
    ...input.customers.map((username) => ({ endpoint: 'access-tokens' as const, kind: 'customer' as const, url: joinUrl(input.glueUrl, 'access-tokens'), username })),
    ...input.admins.map((username) => ({ endpoint: 'agent-access-tokens' as const, kind: 'agent' as const, url: joinUrl(input.glueUrl, 'agent-access-tokens'), username })),
    ...(input.glueBackendUrl === null ? [] : input.admins.map((username) => ({ endpoint: 'backend-token' as const, kind: 'backoffice-user' as const, url: joinUrl(input.glueBackendUrl!, 'token/'), username }))),
  ];
  const seen = new Set<string>();
  return wanted
    .map((p) => ({ ...p, username: p.username.trim() }))
    .filter((p) => {
      const key = loginKey(p);
      if (p.username === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
