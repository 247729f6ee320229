import { describe, expect, it } from 'vitest';
import { sprykerSample } from '../../test/support/shared.js';
import { loadDeployFile } from './deploy/load.js';
import { deriveChecks, senderDomains } from './derive.js';

describe('checks derived from a deploy file', () => {
  it('turns every endpoint, redirect and Glue API of the historic production file into targets', async () => {
    const model = await loadDeployFile(sprykerSample('production'));
    const checks = deriveChecks(model, { apex: 'de.b2c.demo-spryker.com' });
    const targets = (rule: string) => checks.filter((c) => c.rule === rule).map((c) => c.target);
    const served = model.endpoints.filter((e) => e.application !== 'static');
    // One TLS handshake set per served host, on the task that owns certificates.
    expect(new Set(targets('tls/hostname'))).toEqual(new Set(served.map((e) => (e.port ? `${e.host}:${e.port}` : e.host))));
    expect(checks.filter((c) => c.rule.startsWith('tls/')).every((c) => c.task === 'spryker.tls-certificates')).toBe(true);
    // Every host must resolve (final endpoints), redirect-only hosts included.
    expect(new Set(targets('dns/records'))).toEqual(new Set(model.endpoints.map((e) => e.host)));
    // Static redirect apps: one permanent hop to their target's host; the apex also gets dns/apex.
    const canonical = checks.filter((c) => c.rule === 'http/canonical-host');
    expect(canonical.length).toBe(model.endpoints.filter((e) => e.application === 'static' && e.redirect?.url).length);
    expect(canonical.every((c) => c.task === 'spryker.apex-domain' && typeof c.with?.canonicalHost === 'string' && c.target.startsWith('http://'))).toBe(true);
    expect(targets('dns/apex')).toEqual(['de.b2c.demo-spryker.com']);
    // Storefronts: no basic auth in production; Glue: demo users and catalogue, with the store's backend API and storefront.
    expect(checks.filter((c) => c.rule === 'http/no-basic-auth').every((c) => c.environments?.includes('production'))).toBe(true);
    const demoUsers = checks.filter((c) => c.rule === 'spryker/demo-users');
    expect(demoUsers.length).toBe(model.endpoints.filter((e) => e.application === 'glue' || e.application === 'glue-storefront').length);
    expect(demoUsers.length).toBeGreaterThan(0);
    // No duplicates, and every check belongs to a spryker-cloud task.
    expect(new Set(checks.map((c) => `${c.task} ${c.rule} ${c.target}`)).size).toBe(checks.length);
    expect(checks.every((c) => c.task.startsWith('spryker.'))).toBe(true);
  });

  it('checks the mail sender domain with the platform mail provider in SPF and DKIM CNAMEs', async () => {
    const model = await loadDeployFile(sprykerSample('local'));
    const domains = senderDomains(model);
    expect(domains.length).toBeGreaterThan(0);
    const mail = deriveChecks(model, { dkimSelectors: ['abc123'] }).filter((c) => c.rule.startsWith('email/'));
    expect(mail).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule: 'email/spf', target: domains[0], with: { include: ['amazonses.com'] } }),
      expect.objectContaining({ rule: 'email/dmarc', target: domains[0] }),
      expect.objectContaining({ rule: 'email/dkim', with: { selectors: ['abc123'], cnameSuffix: 'dkim.amazonses.com' } }),
    ]));
    expect(deriveChecks(model).some((c) => c.rule === 'email/dkim')).toBe(false);
  });
});
