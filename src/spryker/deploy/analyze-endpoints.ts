import { analyzeHosts } from './analyze-hosts.js';
import { findingsFor, listed, uniqueFindings } from './finding.js';
import type { DeployEndpoint, DeployFinding, DeployModel, SourceRef } from './model.js';

/**
 * Endpoint structure (pure): every store (or, in Dynamic Multistore, every region) has a storefront,
 * Glue, Back Office and backend gateway; a primal Zed endpoint; static redirects the SDK's nginx
 * template can use; and the host-name checks of analyze-hosts.
 */

const { fail, warn, info } = findingsFor('endpoints');

/** A store, or a region without stores (Dynamic Multistore): what endpoints are declared for. */
interface Unit {
  kind: 'store' | 'region';
  name: string;
  at: SourceRef;
}

const ZED_KINDS = new Set(['backoffice', 'backend-gateway', 'zed', 'merchant-portal']);
const plainZed = (e: DeployEndpoint) => e.application === 'zed' && e.entryPoint === undefined;

/** What a unit needs, and which endpoints provide it (older files serve Back Office and gateway from one `zed`). */
const NEEDS: { what: string; provides: (e: DeployEndpoint) => boolean; hint: string }[] = [
  { what: 'storefront (yves)', provides: (e) => e.application === 'yves' && e.entryPoint !== 'Configurator', hint: 'add a yves endpoint, e.g. www.<store>.<domain>' },
  { what: 'Glue API (glue or glue-storefront)', provides: (e) => e.application === 'glue' || e.application === 'glue-storefront', hint: 'add a glue or glue-storefront endpoint, e.g. glue.<store>.<domain>' },
  { what: 'Back Office (backoffice)', provides: (e) => e.application === 'backoffice' || plainZed(e), hint: 'add a backoffice endpoint, e.g. backoffice.<store>.<domain>' },
  { what: 'backend gateway (backend-gateway)', provides: (e) => e.application === 'backend-gateway' || plainZed(e), hint: 'add a backend-gateway endpoint, e.g. backend-gateway.<store>.<domain>; Yves and Glue call Zed through it' },
];

function unitsOf(model: DeployModel): Unit[] {
  return model.regions.flatMap((r): Unit[] => (r.stores.length > 0 ? r.stores.map((s) => ({ kind: 'store', name: s, at: r.at })) : [{ kind: 'region', name: r.name, at: r.at }]));
}

const servesUnit = (e: DeployEndpoint, u: Unit) => (u.kind === 'store' ? e.store === u.name : e.region === u.name);

function coverage(model: DeployModel, units: Unit[]): DeployFinding[] {
  if (model.regions.length === 0) return [fail('regions-missing', 'the file declares no regions', 'add regions: with at least one region (and its stores, unless Dynamic Multistore is on); the Docker SDK requires it', { file: model.file, line: 1, column: 1, path: 'regions' })];
  const out: DeployFinding[] = [];
  for (const u of units) {
    const mine = model.endpoints.filter((e) => servesUnit(e, u));
    for (const need of NEEDS) if (!mine.some(need.provides)) out.push(fail('store-missing-endpoint', `${u.kind} ${u.name} has no ${need.what} endpoint`, need.hint, u.at));
  }
  return out;
}

function unknownUnits(model: DeployModel): DeployFinding[] {
  const stores = new Set(model.regions.flatMap((r) => r.stores));
  const regions = new Set(model.regions.map((r) => r.name));
  return model.endpoints.flatMap((e) => {
    if (e.store !== undefined && !stores.has(e.store)) return [fail('endpoint-unknown-store', `${e.key} names store ${e.store}, which no region declares`, `declare the store under regions.<region>.stores, or fix the name (known: ${listed([...stores]) || 'none'})`, e.at)];
    if (e.region !== undefined && !regions.has(e.region)) return [fail('endpoint-unknown-store', `${e.key} names region ${e.region}, which is not declared`, `declare the region under regions:, or fix the name (known: ${listed([...regions]) || 'none'})`, e.at)];
    return [];
  });
}

function primal(model: DeployModel, units: Unit[]): DeployFinding[] {
  const out: DeployFinding[] = [];
  for (const u of units) {
    const zed = model.endpoints.filter((e) => servesUnit(e, u) && ZED_KINDS.has(e.application));
    const first = zed.find((e) => e.application === 'backend-gateway') ?? zed[0];
    if (first && !zed.some((e) => e.primal)) out.push(warn('no-primal-endpoint', `${u.kind} ${u.name} has no primal Zed endpoint, so the first one found is used for Yves and Glue RPC calls`, `mark the endpoint Yves and Glue should call with primal: true (usually ${first.key})`, first.at));
  }
  for (const e of model.endpoints) {
    if (e.primal && !ZED_KINDS.has(e.application)) out.push(info('primal-ignored', `primal: true on ${e.key} (${e.application}) has no effect: only Zed endpoints (backoffice, backend-gateway, zed, merchant-portal) are primal`, 'remove primal from non-Zed endpoints to avoid confusion', e.at));
  }
  return out;
}

function redirect(e: DeployEndpoint): DeployFinding[] {
  const r = e.redirect;
  if (e.application !== 'static' || !r) return [];
  const out: DeployFinding[] = [];
  if (r.ignoredKeys.length > 0) out.push(warn('redirect-ignored-key', `redirect of ${e.key} has ${r.ignoredKeys.join(', ')}, which the Docker SDK ignores (it reads code, url, request-uri, preserve-host)`, r.ignoredKeys.includes('type') ? 'write code: 301 (or 302) instead of type:' : 'remove the unknown keys or rename them to code, url or request-uri', r.at));
  if (r.code === undefined) out.push(warn('redirect-code-missing', `redirect of ${e.key} has no code, so it is a temporary 302`, 'write code: 301 for a permanent redirect of the apex and aliases (or code: 302 on purpose)', r.at));
  else if (r.code !== 301 && r.code !== 302) out.push(fail('redirect-code-invalid', `redirect of ${e.key} has code ${r.code}; the Docker SDK allows 301 and 302`, 'use code: 301 (permanent) or 302 (temporary)', r.at));
  if (r.url === undefined) out.push(fail('redirect-url-missing', `redirect of ${e.key} has no url`, 'write the target, e.g. url: https://www.<store>.<domain>', r.at));
  else if (!/^(https?:\/\/|\$scheme:\/\/)/i.test(r.url)) out.push(warn('redirect-url-no-scheme', `redirect url of ${e.key} (${r.url}) has no scheme: current Docker SDK versions send it as written, a relative redirect`, `write the full URL, e.g. url: https://${r.url.replace(/^\/+/, '')} (older SDK versions prefixed the scheme themselves; check the generated nginx config)`, r.at));
  return out;
}

function unknownApplications(model: DeployModel): DeployFinding[] {
  return model.problems.filter((p) => p.code === 'unknown-application').map((p) => warn('unknown-application', p.message, p.hint, p.at));
}

export function analyzeEndpoints(model: DeployModel, domains: string[]): DeployFinding[] {
  const units = unitsOf(model);
  return uniqueFindings([
    ...analyzeHosts(model, domains),
    ...coverage(model, units),
    ...unknownUnits(model),
    ...primal(model, units),
    ...model.endpoints.flatMap(redirect),
    ...unknownApplications(model),
  ]);
}
