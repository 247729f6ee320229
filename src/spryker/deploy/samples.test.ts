import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath, SPRYKER_SAMPLES } from '../../../test/support/shared.js';
import { analyzeDeploy } from './analyze.js';
import { loadDeployFile } from './load.js';
import type { DeployFinding } from './model.js';

/**
 * The acceptance table: the three real deploy files of the B2C demo shop (read from ../shared, never
 * copied) parse, and each gets exactly these findings. A change in the analysis shows up here.
 */

const dir = sharedPath('samples', 'spryker');
const load = (name: keyof typeof SPRYKER_SAMPLES, repo?: string) => loadDeployFile(SPRYKER_SAMPLES[name], { cwd: dir, ...(repo ? { repo } : {}) });
const byTopic = (findings: DeployFinding[]) => {
  const out: Record<string, string[]> = {};
  for (const f of findings) out[f.topic] = [...new Set([...(out[f.topic] ?? []), `${f.severity}:${f.code}`])].sort();
  return out;
};
const at = (findings: DeployFinding[], code: string) => findings.filter((f) => f.code === code).map((f) => `${f.line}:${f.column}`);

const EXPECTED: Record<keyof typeof SPRYKER_SAMPLES, Record<string, string[]>> = {
  // master deploy.yml: local demo (Dynamic Multistore); docker.production environment, but SSL off and *.spryker.local everywhere.
  local: {
    production: ['fail:ssl-disabled'],
    endpoints: ['fail:host-local', 'warn:no-primal-endpoint'],
    security: ['fail:literal-secret', 'warn:real-ip-missing'],
    mail: ['fail:mail-sender-demo-domain'],
    recipes: ['info:hooks-not-set', 'info:recipes-not-checked'],
  },
  // deploy.aws-env-template.yml: the cloud template still holds CHANGE_ME and example.demo-spryker.com hosts.
  template: {
    production: ['fail:placeholder-value'],
    endpoints: ['fail:host-example-domain', 'info:primal-ignored'],
    security: ['fail:basic-auth-storefront', 'fail:default-credentials', 'fail:literal-secret', 'warn:real-ip-missing'],
    mail: ['fail:mail-sender-missing'],
    recipes: ['info:hooks-not-set', 'info:recipes-not-checked'],
  },
  // the historic production file passes every production marker; what remains is hosts, redirects, auth and mail.
  production: {
    endpoints: ['fail:host-demo-domain', 'warn:no-primal-endpoint', 'warn:redirect-code-missing', 'warn:redirect-ignored-key', 'warn:redirect-url-no-scheme'],
    security: ['fail:default-credentials', 'info:basic-auth-back-office', 'warn:real-ip-missing'],
    mail: ['fail:mail-sender-missing'],
    recipes: ['info:hooks-not-set', 'info:recipes-not-checked'],
  },
};

describe('the sample deploy files of ../shared/samples/spryker', () => {
  it.each(Object.keys(SPRYKER_SAMPLES) as (keyof typeof SPRYKER_SAMPLES)[])('%s parses and gets exactly its expected findings', async (name) => {
    const findings = analyzeDeploy(await load(name));
    expect(byTopic(findings)).toEqual(EXPECTED[name]);
    for (const f of findings) {
      expect(f.file, f.code).toBe(SPRYKER_SAMPLES[name]);
      expect(f.line, f.code).toBeGreaterThan(0);
      expect(f.hint.length, f.code).toBeGreaterThan(10);
    }
  });

  it('local deploy.yml: the places are the lines to change', async () => {
    const model = await load('local');
    const findings = analyzeDeploy(model);
    expect(model.dynamicStore).toBe(true);
    expect(model.regions.map((r) => [r.name, r.stores.length, r.mailSender?.email])).toEqual([['EU', 0, 'no-reply@spryker.local'], ['US', 0, 'no-reply@spryker.local']]);
    expect(at(findings, 'ssl-disabled')).toEqual(['233:9']);
    expect(at(findings, 'mail-sender-demo-domain')).toEqual(['52:17', '69:17']);
    expect(at(findings, 'literal-secret')).toEqual(['24:9', '30:9']);
    // US has no primal endpoint (EU's backend gateway is primal): the warning sits on US's gateway.
    expect(at(findings, 'no-primal-endpoint')).toEqual(['169:21']);
    expect(findings.filter((f) => f.code === 'host-local')).toHaveLength(20);
    expect(findings.find((f) => f.code === 'host-local')).toMatchObject({ line: 90, path: 'groups.EU.applications.yves_eu.endpoints["date-time-configurator-example.spryker.local"]' });
  });

  it('aws-env-template: merge keys bring basic auth and real-ip to the storefront endpoints', async () => {
    const model = await load('template');
    const findings = analyzeDeploy(model);
    const www = model.endpoints.find((e) => e.host === 'www.de.example.demo-spryker.com')!;
    expect(www.realIpFrom).toHaveLength(22);
    expect(www.auth).toMatchObject({ engine: 'basic', exclude: ['${ALLOWED_IP}', '185.60.20.0/24'] });
    // Basic auth points at the `<<: *frontend-auth` of each endpoint; the credentials at the anchor.
    expect(at(findings, 'basic-auth-storefront')).toEqual(['106:25', '109:25']);
    expect(at(findings, 'default-credentials')).toEqual(['40:15']);
    expect(findings.find((f) => f.code === 'placeholder-value')).toMatchObject({ line: 81, path: 'regions.EU.services.database.database' });
    expect(findings.filter((f) => f.code === 'host-example-domain')).toHaveLength(12);
  });

  it('historic production file: production markers pass; redirects, auth and hosts are reported where written', async () => {
    const model = await load('production');
    const findings = analyzeDeploy(model);
    expect(model.markers.environment.value).toBe('docker');
    expect([model.markers.ssl.value, model.markers.debug.value, model.markers.xdebug.value, model.markers.mount.value]).toEqual([true, false, false, 'baked']);
    expect(findings.filter((f) => f.topic === 'production')).toEqual([]);
    expect(at(findings, 'redirect-ignored-key')).toEqual(['94:25']);
    expect(at(findings, 'redirect-url-no-scheme')).toEqual(['94:25', '99:25', '104:25']);
    expect(at(findings, 'default-credentials')).toEqual(['13:15']);
    expect(findings.find((f) => f.code === 'default-credentials')?.message).toMatch(/user cloud has the password "cloud"/);
    expect(at(findings, 'no-primal-endpoint')).toEqual(['133:21', '135:21', '137:21']);
  });

  it('declared domains: demo-spryker.com hosts pass when declared, and keep their more specific finding when not', async () => {
    const declared = analyzeDeploy(await load('production'), { domains: ['b2c.demo-spryker.com'] });
    expect(byTopic(declared).endpoints).toEqual(['warn:no-primal-endpoint', 'warn:redirect-code-missing', 'warn:redirect-ignored-key', 'warn:redirect-url-no-scheme']);
    const other = analyzeDeploy(await load('production'), { domains: ['myshop.com'] });
    expect(byTopic(other).endpoints).toContain('fail:host-demo-domain');
    expect(byTopic(other).endpoints).not.toContain('fail:host-outside-domains');
  });

  it('keeps the sample paths in the findings relative to where the file was named', async () => {
    const model = await loadDeployFile(path.join('samples', 'spryker', SPRYKER_SAMPLES.local), { cwd: sharedPath() });
    expect(analyzeDeploy(model)[0]!.file).toBe(path.join('samples', 'spryker', SPRYKER_SAMPLES.local));
  });
});
