import type { DeployEndpoint, DeployModel } from './deploy/model.js';

/**
 * Checks derived from a Spryker deploy file: the deploy file is the source of truth for targets.
 * Every endpoint feeds the DNS, TLS and HTTP rules, static redirect apps feed the apex rules, the
 * mail sender domain feeds the email rules. Pure: the caller loaded the model.
 */
export interface DerivedCheck {
  /** The built-in task the check proves. */
  task: string;
  rule: string;
  target: string;
  with?: Record<string, unknown>;
  environments?: string[];
}

const hostPort = (e: DeployEndpoint) => (e.port ? `${e.host}:${e.port}` : e.host);
const httpsUrl = (e: DeployEndpoint, path = '/') => `https://${hostPort(e)}${path}`;
const httpUrl = (e: DeployEndpoint) => `http://${e.host}${e.port ? `:${e.port}` : ''}/`;
const SERVED = new Set(['yves', 'glue', 'glue-storefront', 'glue-backend', 'backoffice', 'backend-gateway', 'zed', 'merchant-portal']);
/** Applications that answer /health-check (Yves, Glue, Back Office; the Zed gateways are internal). */
const HEALTH = new Set(['yves', 'glue', 'glue-storefront', 'backoffice']);

function endpointChecks(e: DeployEndpoint): DerivedCheck[] {
  const out: DerivedCheck[] = [
    { task: 'spryker.dns-setup-requested', rule: 'dns/records', target: e.host },
    { task: 'spryker.tls-certificates', rule: 'tls/chain-trusted', target: hostPort(e) },
    { task: 'spryker.tls-certificates', rule: 'tls/hostname', target: hostPort(e) },
    { task: 'spryker.tls-certificates', rule: 'tls/cert-expiry', target: hostPort(e), with: { minDaysAfterGoLive: 30 } },
  ];
  if (HEALTH.has(e.application)) out.push({ task: 'spryker.health-check', rule: 'spryker/health-check', target: httpsUrl(e) });
  if (e.application === 'backoffice') out.push({ task: 'spryker.demo-users-removed', rule: 'spryker/backoffice-exposure', target: httpsUrl(e) });
  if (e.application === 'yves') out.push({ task: 'spryker.frontend-auth-removed', rule: 'http/no-basic-auth', target: httpsUrl(e), environments: ['production'] });
  return out;
}

function redirectChecks(e: DeployEndpoint, apex: string | undefined): DerivedCheck[] {
  const out: DerivedCheck[] = [{ task: 'spryker.dns-setup-requested', rule: 'dns/records', target: e.host }];
  const url = e.redirect?.url;
  if (url) {
    const withScheme = /^https?:\/\//i.test(url) ? url : `https://${url}`;
    try {
      out.push({ task: 'spryker.apex-domain', rule: 'http/canonical-host', target: httpUrl(e), with: { canonicalHost: new URL(withScheme).host } });
    } catch {
      // The deploy-file analysis reports a redirect URL it cannot read.
    }
  }
  if (apex && e.host === apex) out.push({ task: 'spryker.apex-domain', rule: 'dns/apex', target: e.host });
  return out;
}

/** The mail sender domains of every region, deduplicated. */
export function senderDomains(model: DeployModel): string[] {
  const domains = model.regions.map((r) => r.mailSender?.email?.split('@')[1]?.toLowerCase()).filter((d): d is string => Boolean(d));
  return [...new Set(domains)];
}

function mailChecks(domain: string, dkimSelectors: string[]): DerivedCheck[] {
  const out: DerivedCheck[] = [
    // The platform sends through Amazon SES: SPF must include it.
    { task: 'spryker.email-domain-validated', rule: 'email/spf', target: domain, with: { include: ['amazonses.com'] } },
    { task: 'spryker.email-domain-validated', rule: 'email/dmarc', target: domain },
  ];
  if (dkimSelectors.length > 0) out.push({ task: 'spryker.email-domain-validated', rule: 'email/dkim', target: domain, with: { selectors: dkimSelectors, cnameSuffix: 'dkim.amazonses.com' } });
  return out;
}

/** Where the demo accounts and the demo catalogue would answer: each Glue endpoint, with the backend API and storefront of its store. */
function demoChecks(model: DeployModel): DerivedCheck[] {
  const sameUnit = (a: DeployEndpoint, b: DeployEndpoint) => (a.store ?? a.region ?? a.groupRegion) === (b.store ?? b.region ?? b.groupRegion);
  return model.endpoints
    .filter((e) => e.application === 'glue' || e.application === 'glue-storefront')
    .flatMap((glue) => {
      const backend = model.endpoints.find((e) => e.application === 'glue-backend' && sameUnit(e, glue));
      const yves = model.endpoints.find((e) => e.application === 'yves' && !e.entryPoint && sameUnit(e, glue));
      return [
        { task: 'spryker.demo-users-removed', rule: 'spryker/demo-users', target: httpsUrl(glue), ...(backend ? { with: { glueBackendUrl: httpsUrl(backend) } } : {}) },
        { task: 'spryker.demo-data-removed', rule: 'spryker/demo-catalogue', target: httpsUrl(glue), ...(yves ? { with: { yvesUrl: httpsUrl(yves) } } : {}) },
      ];
    });
}

export interface DeriveOptions {
  /** The bare domain (vars.apex), when declared. */
  apex?: string;
  /** SES DKIM tokens (vars.dkimSelectors, comma-separated), when declared. */
  dkimSelectors?: string[];
}

/** Every derived check, without duplicates (two endpoints on one host share their checks). */
export function deriveChecks(model: DeployModel, options: DeriveOptions = {}): DerivedCheck[] {
  const all = [
    ...model.endpoints.filter((e) => SERVED.has(e.application)).flatMap(endpointChecks),
    ...model.endpoints.filter((e) => e.application === 'static').flatMap((e) => redirectChecks(e, options.apex)),
    ...senderDomains(model).flatMap((d) => mailChecks(d, options.dkimSelectors ?? [])),
    ...demoChecks(model),
  ];
  const seen = new Set<string>();
  return all.filter((c) => {
    const key = `${c.task} ${c.rule} ${c.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
