import type { NotConfigured } from './evidence.js';

/**
 * The credentials a cdp probe needs, read from the environment when the probe runs. Configuration
 * by variable name keeps the values out of golive.yaml, the check's options and the evidence.
 */
export interface Credentials {
  clientKey: string;
  apiToken?: string;
  /** Every value to scrub from anything the probe records. */
  secrets: string[];
}

export interface CredentialNames {
  clientKey: string;
  apiToken?: string;
}

/** The values, or which variables are missing (unset or blank). */
export function readCredentials(names: CredentialNames, env: NodeJS.ProcessEnv): Credentials | NotConfigured {
  const wanted = [names.clientKey, ...(names.apiToken ? [names.apiToken] : [])];
  const missing = wanted.filter((n) => (env[n] ?? '').trim() === '');
  if (missing.length > 0) return { configured: false, missing };
  const clientKey = env[names.clientKey]!.trim();
  const apiToken = names.apiToken ? env[names.apiToken]!.trim() : undefined;
  const secrets = [clientKey, ...(apiToken ? [apiToken, Buffer.from(`${clientKey}:${apiToken}`).toString('base64')] : [])];
  return { clientKey, ...(apiToken ? { apiToken } : {}), secrets };
}

/** The Basic authorization of the REST APIs: client key as user name, API token as password. */
export function basicAuth(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.clientKey}:${c.apiToken ?? ''}`).toString('base64')}`;
}
