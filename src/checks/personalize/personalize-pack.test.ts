import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleTenant, startPersonalizeApi, type PersonalizeApi } from '../../../test/support/personalize-api.js';
import { startFaultServer } from '../../../test/support/http-servers.js';
import { cdpFacts } from '../../playbook/cdp.js';
import { runChecks, type CheckResult, type CheckSpec } from '../../runner/runner.js';
import { createRegistry } from '../registry.js';
import { targetLabel } from '../targets.js';
import type { NetOptions } from '../types.js';
import { rules } from './index.js';
import { probes } from './probes.js';
import { API_KEY, API_SECRET, CREDENTIAL_ENV, leaks } from './test-helpers.js';

// The eight personalize rules through the real runner against the Personalize stand-in, reached under
// the real host names. The runner is given no secrets to blank out: what stays out of the results,
// the pack kept out itself.

const NOW = new Date('2026-11-20T10:00:00Z');
const GO_LIVE = new Date('2026-12-01T08:00:00Z');
const registry = createRegistry([{ rules, probes }]);

let api: PersonalizeApi;
beforeAll(async () => {
  api = await startPersonalizeApi(sampleTenant(GO_LIVE, { apiKey: API_KEY, apiSecret: API_SECRET }));
});
afterAll(() => api.close());
afterEach(() => {
  vi.unstubAllEnvs();
  api.requests.length = 0;
});

function spec(key: string, ruleId: string, target: string, options: Record<string, unknown>): CheckSpec {
  const rule = registry.rules.get(ruleId)!;
  const parsed = rule.target.parse(rule.targetFromString(target));
  return { key, rule, target: parsed, label: targetLabel(parsed), options: rule.options.parse(options) };
}

const FLOWS = [{ flow: 'home_hero', pages: ['/'], audiences: ['gold-members'] }, { flow: 'pdp_layout_test', pages: ['/products/*'] }, 'next_offer'];
const VIP = { name: 'vip', model: 'Next best offer', guest: { loyaltyTier: 'gold' }, expect: [{ node: 'Pick offer', output: { offer: 'GOLD10' } }] };

function specsFor(base: string, tokenUrl: string, flows: unknown[] = FLOWS): CheckSpec[] {
  const sign = { tokenUrl };
  return [
    ...['flows-live', 'flow-schedule', 'traffic-splits', 'sample-size', 'overlapping-experiences', 'audiences'].map((r) => spec(r, `personalize/${r}`, base, { ...sign, flows })),
    spec('decision-model', 'personalize/decision-model', base, { ...sign, tests: [VIP] }),
    spec('connection-timeouts', 'personalize/connection-timeouts', base, sign),
  ];
}

async function run(specs: CheckSpec[], net: Partial<NetOptions> = api.net(), timeoutMs = 4000): Promise<CheckResult[]> {
  const { results } = await runChecks(specs, {
    registry, net: { resolvers: [], resolve: {}, ca: [], timeoutMs, ...net }, concurrency: 4, retries: 1, now: () => NOW, goLive: GO_LIVE, cwd: '.',
    cdp: cdpFacts({ segments: [{ name: 'gold-members', export: 'exports/gold.csv', size: { min: 1 } }] }),
  });
  return results;
}

const byKey = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.key, [r.status, ...r.findings.filter((f) => f.severity !== 'info').map((f) => f.code)]]));
const credentials = () => Object.entries(CREDENTIAL_ENV).forEach(([k, v]) => vi.stubEnv(k, v));

describe('the personalize pack through the runner', () => {
  it('is skipped without the credentials, naming the variables, and sends nothing', async () => {
    const results = await run(specsFor(api.baseUrl(), api.tokenUrl()));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('skipped'));
    expect(results[0]!.summary).toBe('Not checked: SITECORE_PERSONALIZE_API_KEY and SITECORE_PERSONALIZE_API_SECRET are not set, so no flow was looked up');
    expect(api.requests).toEqual([]);
  });

  it('passes a tenant in order with one token and one flow listing for six rules, and leaves no credential in the results', async () => {
    credentials();
    const results = await run(specsFor(api.baseUrl(), api.tokenUrl()));
    expect(byKey(results)).toEqual({
      'flows-live': ['pass'], 'flow-schedule': ['pass'], 'traffic-splits': ['pass'], 'sample-size': ['pass'], 'overlapping-experiences': ['pass'],
      audiences: ['pass'], 'decision-model': ['pass'], 'connection-timeouts': ['pass'],
    });
    const seen = api.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);
    expect([seen.filter((p) => p === 'POST /oauth/token').length, seen.filter((p) => p === 'GET /v3/flowDefinitions').length]).toEqual([1, 1]);
    expect(leaks(JSON.stringify(results), api.tokens)).toEqual([]);
  });

  it('finds what is wrong: a paused flow, overlapping experiences on every page, an unknown audience', async () => {
    credentials();
    const flows = ['home_hero', 'pdp_layout_test', 'old_promo', { flow: 'next_offer', audiences: ['platinum'] }];
    const results = await run(specsFor(api.baseUrl(), api.tokenUrl(), flows));
    expect(byKey(results)).toMatchObject({ 'flows-live': ['fail', 'flow-paused'], 'overlapping-experiences': ['warn', 'experiences-overlap'], audiences: ['fail', 'audience-not-found'] });
    expect(results.find((r) => r.key === 'overlapping-experiences')!.findings[0]!.message).toBe(
      '"Home hero" (home_hero) and "PDP layout test" (pdp_layout_test) both run on every page from 2026-11-30T08:00Z to 2026-12-31T08:00Z (no pages declared for "Home hero" (home_hero) and "PDP layout test" (pdp_layout_test): every page assumed)',
    );
  });

  it('asks for a token once per run when the secret is refused, and fails every check', async () => {
    credentials();
    vi.stubEnv('SITECORE_PERSONALIZE_API_SECRET', 'ps-revoked-golive-test-secret');
    const results = await run(specsFor(api.baseUrl(), api.tokenUrl()));
    expect(results.map((r) => [r.status, ...r.findings.map((f) => f.code)])).toEqual(Array(8).fill(['fail', 'api-credentials-rejected']));
    expect(api.requests).toHaveLength(1);
    expect(JSON.stringify(results)).not.toContain('ps-revoked-golive-test-secret');
  });

  it('ends every check as error TIMEOUT within the time limit when the API never answers', async () => {
    credentials();
    const hang = await startFaultServer('hang');
    try {
      const t0 = performance.now();
      const results = await run(specsFor(hang.url, `${hang.url}oauth/token`), {}, 800);
      expect({ results: results.map((r) => [r.status, r.code]), inTime: performance.now() - t0 < 800 + 1000 }).toEqual({ results: Array(8).fill(['error', 'TIMEOUT']), inTime: true });
    } finally {
      await hang.close();
    }
  });
});
