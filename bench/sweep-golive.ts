// The golive side of the sweep: one check per site and DNS, TLS or HTTP rule, run in-process
// with runChecks on the built code (dist/, what bin/golive.js runs), exactly as `golive check` does.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyRule, NetOptions } from '../src/checks/types.js';
import type { CheckResult, CheckSpec } from '../src/runner/runner.js';
import { CAA_ISSUER, type Site } from './sweep-dns.js';

type RunnerModule = typeof import('../src/runner/runner.js');
type RegistryModule = typeof import('../src/checks/registry.js');
type TargetsModule = typeof import('../src/checks/targets.js');
type CanonicalModule = typeof import('../src/lib/canonical.js');

export const DOMAINS = ['dns', 'tls', 'http'];

/** A module of the built golive in `dist` (default ./dist; --dist compares another build). */
async function fromDist<T>(dist: string, file: string): Promise<T> {
  const url = pathToFileURL(path.resolve(dist, file));
  if (!existsSync(url)) throw new Error(`${url.pathname} is missing: run npm run build first (npm run bench:sweep does)`);
  return (await import(url.href)) as T;
}

export interface Ports {
  https: number;
  http: number;
  dns: number;
}

type Row = [rule: string, target: string, options: Record<string, unknown>];

/** Every DNS, TLS and HTTP rule on one site, with options that describe the site as it is. */
function siteRows(s: Site, p: Ports): Row[] {
  const site = `https://${s.www}:${p.https}`;
  const httpUrl = `http://${s.www}:${p.http}/`;
  const hostPort = `${s.www}:${p.https}`;
  return [
    ['dns/records', s.apex, { A: [s.address] }],
    ['dns/apex', s.apex, {}],
    ['dns/delegation', s.apex, { port: p.dns }],
    ['dns/consistency', s.apex, { port: p.dns, records: [{ name: '@', type: 'A' }, { name: 'www', type: 'A' }] }],
    ['dns/propagation', s.www, { expected: [s.address] }],
    ['dns/ttl-before-cutover', s.www, { port: p.dns }],
    ['dns/caa', s.www, { ca: CAA_ISSUER }],
    ['dns/acme-challenge', s.apex, {}],
    ['tls/chain-trusted', hostPort, {}],
    ['tls/hostname', hostPort, { names: [s.apex] }],
    ['tls/cert-expiry', hostPort, {}],
    ['tls/key-strength', hostPort, {}],
    ['tls/signature-algorithm', hostPort, {}],
    ['tls/protocols', hostPort, {}],
    ['http/status', `${site}/`, {}],
    ['http/https-redirect', httpUrl, {}],
    ['http/canonical-host', `https://${s.apex}:${p.https}/`, { canonicalHost: hostPort }],
    ['http/redirect-map', `maps/h${s.n}.csv`, { base: site }],
    ['http/security-headers', `${site}/`, { httpUrl }],
    ['http/robots', `${site}/`, {}],
    ['http/health', `${site}/health`, { json: { status: 'ok', 'checks.database': 'up' } }],
    ['http/no-basic-auth', `${site}/`, {}],
    ['http/response-time', `${site}/`, {}],
  ];
}

export interface Golive {
  specs: CheckSpec[];
  /** Rules of these domains that the sweep does not run (none today; new rules show up here). */
  missing: string[];
  /** Distinct probe runs (probe id + input), as the runner counts them. */
  probeRuns: number;
  run(specs: CheckSpec[]): Promise<CheckResult[]>;
}

export async function prepareGolive(list: Site[], ports: Ports, options: { net: NetOptions; concurrency: number; cwd: string; dist: string }): Promise<Golive> {
  const [{ runChecks }, { loadBuiltinRegistry }, { targetLabel }, { canonicalJson }] = await Promise.all([
    fromDist<RunnerModule>(options.dist, 'runner/runner.js'),
    fromDist<RegistryModule>(options.dist, 'checks/registry.js'),
    fromDist<TargetsModule>(options.dist, 'checks/targets.js'),
    fromDist<CanonicalModule>(options.dist, 'lib/canonical.js'),
  ]);
  const registry = await loadBuiltinRegistry();
  const ruleOf = (id: string): AnyRule => {
    const rule = registry.rules.get(id);
    if (!rule) throw new Error(`no rule ${id}`);
    return rule;
  };
  const specs = list.flatMap((s) =>
    siteRows(s, ports).map(([id, text, opts]): CheckSpec => {
      const rule = ruleOf(id);
      const target: unknown = rule.target.parse(rule.targetFromString(text));
      return { key: `${id}#h${s.n}`, rule, target, label: targetLabel(target), options: rule.options.parse(opts) };
    }),
  );
  const used = new Set<string>(specs.map((s) => s.rule.meta.id));
  const missing = [...registry.rules.keys()].filter((id) => DOMAINS.includes(id.split('/')[0]!) && !used.has(id));
  const probeRuns = new Set(specs.map((s) => `${s.rule.meta.probe} ${canonicalJson(s.rule.probeInput(s.target, s.options))}`)).size;
  const goLive = new Date(Date.now() + 30 * 86_400_000);
  const run = async (subset: CheckSpec[]) => {
    const { results } = await runChecks(subset, { registry, net: options.net, concurrency: options.concurrency, retries: 1, now: () => new Date(), goLive, cwd: options.cwd });
    return results;
  };
  return { specs, missing, probeRuns, run };
}

/** "pass 1100, warn 50" and the non-pass results grouped by rule, status and finding codes. */
export function verdicts(results: CheckResult[]): { counts: Record<string, number>; notable: string[] } {
  const counts: Record<string, number> = {};
  const groups = new Map<string, { n: number; example: string }>();
  for (const r of results) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (r.status === 'pass') continue;
    const codes = r.findings.filter((f) => f.severity !== 'info').map((f) => f.code).join(',');
    const key = `${r.status} ${r.rule} [${codes}]`;
    const g = groups.get(key) ?? { n: 0, example: `${r.target}: ${r.summary}` };
    g.n++;
    groups.set(key, g);
  }
  return { counts, notable: [...groups].map(([key, g]) => `${key} x${g.n}, e.g. ${g.example}`) };
}
