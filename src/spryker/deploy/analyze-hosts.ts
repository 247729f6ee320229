import { findingsFor, listed } from './finding.js';
import { hostIssue, type HostIssue } from './hosts.js';
import type { DeployFinding, DeployModel, SourceRef } from './model.js';

/**
 * Endpoint host names (pure): no placeholders, local, example or demo names; inside the project's
 * declared final domains; unique; and the bare domain (apex) answered by a `static` redirect.
 */

const { fail, warn, info } = findingsFor('endpoints');

interface Host {
  host: string;
  key: string;
  what: string;
  at: SourceRef;
}

const ISSUES: Record<HostIssue, (h: Host, domains: string[]) => DeployFinding> = {
  placeholder: (h) => fail('host-placeholder', `${h.what} ${h.key} is a placeholder`, 'write the real host name before the file is deployed', h.at),
  local: (h) => fail('host-local', `${h.what} ${h.key} is a local development host name`, 'use the public host name the shop will have (e.g. www.de.<your-domain>); .local and localhost exist only on a developer machine', h.at),
  example: (h) => fail('host-example-domain', `${h.what} ${h.key} is an example domain`, 'replace the example host with the project\'s real host name', h.at),
  demo: (h) => fail('host-demo-domain', `${h.what} ${h.key} is on Spryker's demo domain demo-spryker.com`, 'use the project\'s own domain (or declare demo-spryker.com with --domains if this really is a Spryker demo)', h.at),
  'spryker-toys': (h) => warn('host-spryker-toys', `${h.what} ${h.key} is on the default non-public Spryker Cloud domain`, 'add the final public host name to the deploy file and ask Spryker support for its DNS and TLS records', h.at),
  'outside-domains': (h, domains) => fail('host-outside-domains', `${h.what} ${h.key} is not under the declared domains (${listed(domains)})`, 'use a host under one of the project\'s final domains, or add the domain to --domains / the rule\'s domains option', h.at),
};

function hostsOf(model: DeployModel): Host[] {
  const apps = model.endpoints.map((e) => ({ host: e.host, key: e.key, what: `endpoint of ${e.app} (${e.application})`, at: e.at }));
  // TCP service ports (database, search, ...) are local port mappings, not host names.
  const services = model.services.filter((s) => s.protocol !== 'tcp').map((s) => ({ host: s.host, key: s.host, what: `${s.service} endpoint`, at: s.at }));
  return [...apps, ...services];
}

function duplicates(model: DeployModel): DeployFinding[] {
  const seen = new Map<string, SourceRef>();
  const out: DeployFinding[] = [];
  const keys = [...model.endpoints.map((e) => ({ key: `${e.host}:${e.port ?? ''}`, at: e.at })), ...model.services.map((s) => ({ key: `${s.host}:${s.port ?? ''}`, at: s.at }))];
  for (const { key, at } of keys) {
    const first = seen.get(key);
    if (first) out.push(fail('duplicate-endpoint', `${key.replace(/:$/, '')} is declared twice (first at ${first.file}:${first.line})`, 'endpoint keys must be unique across the project; remove or rename one', at));
    else seen.set(key, at);
  }
  return out;
}

const isApex = (host: string, domains: string[]) => (domains.length > 0 ? domains.includes(host) : host.split('.').length === 2 && !/^\d/.test(host));

function apex(model: DeployModel, domains: string[]): DeployFinding[] {
  const out: DeployFinding[] = [];
  for (const e of model.endpoints) {
    if (isApex(e.host, domains) && e.application !== 'static') {
      out.push(warn('apex-not-redirected', `the bare domain ${e.host} is served by ${e.app} (${e.application}), not by a static redirect app`, 'serve the apex with an application: static endpoint whose redirect (code 301, url https://www.<domain>) sends visitors to the canonical host; the apex needs an A record to the IP Spryker gives', e.at));
    }
  }
  for (const d of domains) {
    if (d.split('.').length === 2 && !model.endpoints.some((e) => e.host === d)) {
      out.push(info('apex-not-served', `the bare domain ${d} has no endpoint: visitors who type it reach nothing`, 'add a static redirect endpoint for the apex, or make sure something else answers it', { file: model.file, line: 1, column: 1, path: 'groups' }));
    }
  }
  return out;
}

export function analyzeHosts(model: DeployModel, domains: string[]): DeployFinding[] {
  const out: DeployFinding[] = [];
  for (const h of hostsOf(model)) {
    const issue = hostIssue(h.host, domains);
    if (issue) out.push(ISSUES[issue](h, domains));
  }
  return [...out, ...duplicates(model), ...apex(model, domains)];
}
