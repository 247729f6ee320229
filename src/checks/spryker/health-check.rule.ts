import { z } from 'zod';
import type { FetchEvidence } from '../http/evidence.js';
import { fetchInput, type FetchInput } from '../http/fetch-input.js';
import type { UrlTarget } from '../targets.js';
import type { Finding, Rule, RuleMeta } from '../types.js';
import { fail, info, warn } from '../verdict.js';
import { joinUrl } from './demo-inputs.js';
import { APP_URL_HELP, appUrlParts, demoShopFindings, listOf, verdictWarningAsFailure } from './demo-rule-kit.js';

export const HealthCheckOptions = z.strictObject({
  services: z.array(z.string().regex(/^[a-z-]+$/, 'a service name such as storage or zed-request')).max(10).default([]).describe('Narrow the check to these services (`?services=storage,search`); empty checks all the application has. Unknown names make Spryker answer 400.'),
  whenDisabled: z.enum(['warn', 'fail']).default('warn').describe('What a switched-off health check (403) is: `warn` (default), or `fail` where the load balancer or monitoring relies on it.'),
});
export type HealthCheckOptions = z.infer<typeof HealthCheckOptions>;

const meta: RuleMeta = {
  id: 'spryker/health-check',
  probe: 'http/fetch',
  title: 'Spryker health check reports every service available',
  failureTitle: 'Spryker health check reports a problem',
  description:
    'Requests `/health-check` of a Spryker application (storefront, Glue or Back Office) and reads its answer: 200 when every service it ' +
    'depends on (storage, search, session, database, Zed requests) is available, 503 with the failing ones otherwise, and 403 when the check ' +
    'is switched off (`HealthCheckConstants::HEALTH_CHECK_ENABLED`). Monitoring and the cut-over runbook need a working health check on ' +
    'launch day; a 503 points at the service to fix before traffic arrives. Give one target per application.',
  docs: 'docs/rules/spryker/health-check.md',
  targetHelp: `${APP_URL_HELP}; /health-check is added unless the URL already ends with it`,
  examples: [{ target: 'https://www.shop.example.com' }, { target: 'https://glue.shop.example.com', with: { services: ['storage', 'search'] } }],
};

/** The health-check URL of an application (with ?services= when narrowed). */
export function healthUrlOf(target: string, services: string[]): string {
  const base = new URL(target).pathname.replace(/\/+$/, '').endsWith('/health-check') ? new URL(target) : new URL(joinUrl(target, 'health-check'));
  // A plain comma, as the docs write it (the names are [a-z-] only, so nothing needs escaping).
  if (services.length) base.search = `services=${services.join(',')}`;
  return base.toString();
}

/** Names of the services the JSON answer reports as not available (Spryker lists them with a boolean status). */
export function failingServices(json: unknown): string[] {
  const services = (json as { services?: unknown } | undefined)?.services;
  if (!Array.isArray(services)) return [];
  return services
    .filter((s): s is { name?: unknown; status?: unknown } => typeof s === 'object' && s !== null)
    .filter((s) => s.status === false || s.status === 'unavailable')
    .map((s) => String(s.name ?? '?'));
}

const HINT = {
  failing: 'fix the services it names (the body says which), then check again; Spryker Cloud support can see the service status too',
  disabled: 'switch it on for this application (HealthCheckConstants::HEALTH_CHECK_ENABLED = true in the environment\'s config) so that monitoring can use it',
  missing: 'the spryker/health-check module is missing or its route is not registered for this application; install it, or check the URL',
  protected: 'the health check sits behind basic auth or login; exempt /health-check so that monitoring can reach it',
  badRequest: '?services= names a service this application does not check; use storage, search, session, database or zed-request as the application has them',
  unexpected: 'look at the body of the answer; a proxy or the application may be answering instead of the health check',
};

function statusFindings(e: FetchEvidence, options: HealthCheckOptions): Finding[] {
  const { url, status } = e.final;
  if (status === 200) return [];
  if (status === 503) {
    const failing = failingServices(e.final.json);
    return [fail('health-check-failing', `${url} answered 503${failing.length ? `: ${listOf(failing, 5)} not available` : ''}`, HINT.failing, url)];
  }
  if (status === 403) {
    const message = `${url} answered 403: the health check is switched off`;
    return [options.whenDisabled === 'fail' ? fail('health-check-disabled', message, HINT.disabled, url) : warn('health-check-disabled', message, HINT.disabled, url)];
  }
  if (status === 404) return [warn('health-check-missing', `${url} answered 404`, HINT.missing, url)];
  if (status === 401) return [warn('health-check-protected', `${url} answered 401`, HINT.protected, url)];
  if (status === 400) return [fail('health-check-bad-request', `${url} answered 400`, HINT.badRequest, url)];
  return [fail('health-check-unexpected', `${url} answered ${status}`, HINT.unexpected, url)];
}

export const healthCheckRule: Rule<UrlTarget, HealthCheckOptions, FetchEvidence> = {
  meta,
  ...appUrlParts,
  options: HealthCheckOptions,
  probeInput: (target, options): FetchInput => fetchInput(healthUrlOf(target.url, options.services)),
  judge(e, options) {
    const redirected = e.hops.length > 1 ? [info('health-check-redirected', `${e.request.url} redirected to ${e.final.url}`, e.final.url)] : [];
    const findings = [...statusFindings(e, options), ...redirected, ...demoShopFindings(e.final.headers['x-golive-demo'] !== undefined, e.final.url)];
    return verdictWarningAsFailure(meta, findings, `200 from ${e.final.url}`);
  },
};
