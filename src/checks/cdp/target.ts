/**
 * Pure parts the cdp rules share: the API target (a base URL, or a region shorthand), the options
 * that name the environment variables holding the credentials, and the verdicts every rule gives
 * when the credentials are not set or are refused. No I/O: rules import it.
 */
import { z } from 'zod';
import type { Finding, Verdict } from '../types.js';
import { fail } from '../verdict.js';

/** The regional API hosts of Sitecore CDP and Personalize (the Guest REST API's server list). */
export const REGIONS = {
  eu: 'https://api-engage-eu.sitecorecloud.io',
  us: 'https://api-engage-us.sitecorecloud.io',
  ap: 'https://api-engage-ap.sitecorecloud.io',
  jpe: 'https://api-engage-jpe.sitecorecloud.io',
} as const;

export const TARGET_HELP = 'the CDP API base URL, e.g. https://api-engage-eu.sitecorecloud.io, or its region: eu, us, ap or jpe';

function plainBase(text: string): boolean {
  try {
    const u = new URL(text);
    return u.username === '' && u.password === '' && u.search === '' && u.hash === '';
  } catch {
    return false;
  }
}

export const CdpApiTarget = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, message: 'expected the CDP API base URL such as https://api-engage-eu.sitecorecloud.io, or a region: eu, us, ap, jpe' })
    .refine(plainBase, { message: 'the base URL takes no user name, password, query or fragment: the credentials come from environment variables' })
    .describe('The CDP API base URL, e.g. https://api-engage-eu.sitecorecloud.io.'),
});
export type CdpApiTarget = z.infer<typeof CdpApiTarget>;

/** "eu" -> the EU host; a URL as it is; a bare host gets https://. */
export function cdpTargetFromString(text: string): unknown {
  const s = text.trim();
  const region = REGIONS[s.toLowerCase() as keyof typeof REGIONS];
  if (region) return { url: region };
  return { url: /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}` };
}

export const targetParts = { target: CdpApiTarget, targetFromString: cdpTargetFromString };

export const DEFAULT_CLIENT_KEY_VARIABLE = 'SITECORE_CDP_CLIENT_KEY';
export const DEFAULT_API_TOKEN_VARIABLE = 'SITECORE_CDP_API_TOKEN';

const VariableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'expected an environment variable name such as SITECORE_CDP_CLIENT_KEY' });

export const clientKeyVariable = VariableName.default(DEFAULT_CLIENT_KEY_VARIABLE).describe(
  'Environment variable holding the client key (Settings > API access in CDP). Its value is used, never recorded.',
);
export const apiTokenVariable = VariableName.default(DEFAULT_API_TOKEN_VARIABLE).describe(
  'Environment variable holding the API token (Settings > API access in CDP). Its value is used, never recorded.',
);

/**
 * Credentials not set: the check did not run, and says which variables would make it run. `what`:
 * "no browser was created"; `source`: where in the tenant the values are found.
 */
export function notConfiguredVerdict(what: string, missing: string[], source = 'Settings > API access in the tenant'): Verdict {
  const names = missing.join(' and ');
  const message = `${names} ${missing.length === 1 ? 'is' : 'are'} not set, so ${what}`;
  const hint = `export ${missing.map((m) => `${m}=…`).join(' ')} (from ${source}; keep ${missing.length === 1 ? 'it' : 'them'} in your secrets store) and run the check again`;
  return { status: 'skipped', summary: `Not checked: ${message}`, findings: [{ severity: 'info', code: 'credentials-not-set', message, hint }] };
}

/** What a refused request looked like, as the probes record it. */
export interface Refusal {
  status: number;
  /** An earlier request of this run with the same credentials was refused, so this one was not sent. */
  reused?: boolean;
  /** The answer's message, cut short and scrubbed of credentials. */
  detail?: string;
}

/** The API refused the client key and API token (401/403). */
export function refusedFinding(r: Refusal, variables: string[], subject: string): Finding {
  const again = r.reused ? ' (refused earlier in this run; not sent again)' : '';
  return fail(
    'api-credentials-rejected',
    `the API answered ${r.status} to the client key and API token${again}${r.detail ? `: ${r.detail}` : ''}`,
    `check that ${variables.join(' and ')} hold the client key and API token of this tenant (Settings > API access) and that the base URL is the tenant's region; a token that was rotated must be replaced here too`,
    subject,
  );
}

/** "a, b and 3 more" for messages. */
export function listOf(items: string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
