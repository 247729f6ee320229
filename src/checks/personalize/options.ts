/**
 * Options and targets every personalize rule shares: the API base (the CDP target: same regional
 * hosts), how to sign in, and the flows the site calls. Pure: rules import it.
 */
import { z } from 'zod';
import { targetParts as cdpTargetParts, type CdpApiTarget } from '../cdp/target.js';
import type { ApiInput } from './inputs.js';

export const TARGET_HELP = 'the Personalize API base URL, e.g. https://api-engage-eu.sitecorecloud.io, or its region: eu, us, ap or jpe';
export const targetParts = cdpTargetParts;
export type ApiTarget = CdpApiTarget;

export const DEFAULT_TOKEN_URL = 'https://auth.sitecorecloud.io/oauth/token';
export const DEFAULT_API_KEY_VARIABLE = 'SITECORE_PERSONALIZE_API_KEY';
export const DEFAULT_API_SECRET_VARIABLE = 'SITECORE_PERSONALIZE_API_SECRET';

const VariableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'expected an environment variable name such as SITECORE_PERSONALIZE_API_KEY' });

function plainUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.username === '' && u.password === '' && u.search === '' && u.hash === '';
  } catch {
    return false;
  }
}

/** The sign-in options, spread into every rule's options. */
export const apiOptions = {
  auth: z
    .enum(['oauth', 'basic'])
    .default('oauth')
    .describe('How to sign in: oauth (an API key and secret from Settings > API keys, exchanged for a bearer token at tokenUrl, as Sitecore documents for the Personalize REST APIs) or basic (a client key and API token sent with every request, as older tenants use).'),
  tokenUrl: z
    .url({ protocol: /^https?$/, message: 'expected the OAuth token URL, e.g. https://auth.sitecorecloud.io/oauth/token' })
    .refine(plainUrl, { message: 'the token URL takes no user name, password, query or fragment: the credentials come from environment variables' })
    .default(DEFAULT_TOKEN_URL)
    .describe('Where an oauth sign-in exchanges the API key and secret for a bearer token (audience https://api.sitecorecloud.io). Unused with basic.'),
  apiKeyVariable: VariableName.default(DEFAULT_API_KEY_VARIABLE).describe(
    'Environment variable holding the API key (oauth: the client ID; basic: the client key, e.g. SITECORE_CDP_CLIENT_KEY). Its value is used, never recorded.',
  ),
  apiSecretVariable: VariableName.default(DEFAULT_API_SECRET_VARIABLE).describe(
    'Environment variable holding the API secret (oauth: the client secret; basic: the API token, e.g. SITECORE_CDP_API_TOKEN). Its value is used, never recorded.',
  ),
};

export interface ApiOptions {
  auth: 'oauth' | 'basic';
  tokenUrl: string;
  apiKeyVariable: string;
  apiSecretVariable: string;
}

export const apiInput = (target: ApiTarget, o: ApiOptions): ApiInput => ({ baseUrl: target.url, auth: o.auth, tokenUrl: o.tokenUrl, apiKeyVariable: o.apiKeyVariable, apiSecretVariable: o.apiSecretVariable });

/** Where a team finds the credentials, for hints. */
export const credentialSource = (auth: 'oauth' | 'basic'): string =>
  auth === 'oauth' ? 'an API key made in Personalize under Settings > API keys' : 'Settings > API access in the tenant';

const FlowName = z.string().min(1).max(200);

export const FlowDeclaration = z.strictObject({
  flow: FlowName.describe('Friendly ID or name of the flow, e.g. home_hero.'),
  pages: z.array(z.string().min(1).max(300)).max(100).optional().describe('Pages a web flow runs on, as paths; a trailing * matches a prefix (/products/*), * alone every page.'),
  audiences: z.array(z.string().min(1).max(200)).max(50).optional().describe('Segments the flow targets, by name as in the tenant.'),
});
export type FlowDeclaration = z.infer<typeof FlowDeclaration>;

/** The flows the site calls: friendly IDs or names, or {flow, pages, audiences}. Shared by the flow rules. */
export const flowsOption = z
  .array(z.union([FlowName, FlowDeclaration]))
  .max(200)
  .default([])
  .describe('The flows the site calls, by friendly ID (as the code passes it) or name; an entry may be {flow, pages, audiences} to say where a web flow runs and whom it targets. Empty: the rule looks at every live or scheduled flow.');

/** Declarations with defaults; a flow named twice keeps its first entry. */
export function declarations(items: (string | FlowDeclaration)[]): FlowDeclaration[] {
  const out = new Map<string, FlowDeclaration>();
  for (const item of items) {
    const d = typeof item === 'string' ? { flow: item.trim() } : { ...item, flow: item.flow.trim() };
    if (d.flow !== '' && !out.has(d.flow)) out.set(d.flow, d);
  }
  return [...out.values()];
}

/** The sentence every rule description ends with. */
export const OPT_IN =
  'Opt-in: it runs only when the API key and secret are in the environment (SITECORE_PERSONALIZE_API_KEY and SITECORE_PERSONALIZE_API_SECRET ' +
  'by default; with auth: basic, a client key and API token), otherwise it is skipped; neither is recorded, and credentials refused once are not sent again in the run.';
