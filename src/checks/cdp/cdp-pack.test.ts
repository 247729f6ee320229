import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCdpApi, type CdpApi } from '../../../test/support/cdp-api.js';
import { startFaultServer } from '../../../test/support/http-servers.js';
import { runChecks, type CheckResult, type CheckSpec } from '../../runner/runner.js';
import { createRegistry } from '../registry.js';
import { targetLabel } from '../targets.js';
import type { NetOptions } from '../types.js';
import { rules } from './index.js';
import { probes } from './probes.js';
import { API_TOKEN, CLIENT_KEY, CREDENTIAL_ENV, leaks } from './test-helpers.js';

// The three cdp rules through the real runner against the CDP stand-in, reached under the real
// regional host name. The runner is given no secrets to blank out: whatever stays out of the
// results here, the pack kept out itself.

const NOW = new Date('2026-11-20T10:00:00Z');
const DAY = 86_400_000;
const registry = createRegistry([{ rules, probes }]);

let api: CdpApi;
beforeAll(async () => {
  api = await startCdpApi({
    clientKey: CLIENT_KEY, apiToken: API_TOKEN, region: 'eu', now: () => NOW,
    guests: [
      { ref: 'g-anna', guestType: 'customer', identifiers: [{ provider: 'email', id: 'anna.test@shop.example' }] },
      { ref: 'g-ben-1', guestType: 'customer', identifiers: [{ provider: 'email', id: 'ben.test@shop.example' }] },
      { ref: 'g-ben-2', guestType: 'visitor', identifiers: [{ provider: 'email', id: 'ben.test@shop.example' }] },
    ],
    batches: [{ ref: 'b-failed', status: 'error', createdAt: new Date(NOW.getTime() - 2 * DAY).toISOString(), log: 'https://cdp-logs.example/b-failed.log' }],
  });
});
afterAll(() => api.close());
afterEach(() => {
  vi.unstubAllEnvs();
  api.requests.length = 0;
});

function spec(key: string, ruleId: string, target: string, options: Record<string, unknown> = {}): CheckSpec {
  const rule = registry.rules.get(ruleId)!;
  const parsed = rule.target.parse(rule.targetFromString(target));
  return { key, rule, target: parsed, label: targetLabel(parsed), options: rule.options.parse(options) };
}

const specsFor = (base: string, identities = ['email:anna.test@shop.example']) => [
  spec('browser', 'cdp/browser-create', base),
  spec('identity', 'cdp/test-identity', base, { identities }),
  spec('batches', 'cdp/batch-uploads', base),
];

async function run(specs: CheckSpec[], net: Partial<NetOptions> = api.net(), timeoutMs = 4000): Promise<CheckResult[]> {
  const { results } = await runChecks(specs, { registry, net: { resolvers: [], resolve: {}, ca: [], timeoutMs, ...net }, concurrency: 3, retries: 1, now: () => NOW, goLive: new Date('2026-12-01T08:00:00Z'), cwd: '.' });
  return results;
}

const byKey = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.key, [r.status, ...r.findings.filter((f) => f.severity !== 'info').map((f) => f.code)]]));

describe('the cdp pack through the runner', () => {
  it('is skipped without the credentials, naming the variables, and sends nothing', async () => {
    const results = await run(specsFor(api.baseUrl()));
    expect(byKey(results)).toEqual({ browser: ['skipped'], identity: ['skipped'], batches: ['skipped'] });
    expect(results.map((r) => r.summary)).toEqual([
      'Not checked: SITECORE_CDP_CLIENT_KEY is not set, so no browser was created',
      'Not checked: SITECORE_CDP_CLIENT_KEY and SITECORE_CDP_API_TOKEN are not set, so no guest was searched for',
      'Not checked: SITECORE_CDP_CLIENT_KEY and SITECORE_CDP_API_TOKEN are not set, so no batch upload was listed',
    ]);
    expect(api.requests).toEqual([]);
  });

  it('passes a tenant in order and fails a split person and a failed upload, with no credential anywhere in the results', async () => {
    Object.entries(CREDENTIAL_ENV).forEach(([k, v]) => vi.stubEnv(k, v));
    const results = await run(specsFor(api.baseUrl(), ['email:anna.test@shop.example,email:ben.test@shop.example']));
    expect(byKey(results)).toEqual({ browser: ['pass'], identity: ['fail', 'duplicate-guests'], batches: ['fail', 'batch-upload-error'] });
    expect(results.find((r) => r.key === 'batches')!.findings[0]!.message).toContain('https://cdp-logs.example/b-failed.log');
    expect(leaks(JSON.stringify(results))).toEqual([]);
  });

  it('sends refused credentials once per run, however many checks use them', async () => {
    Object.entries({ ...CREDENTIAL_ENV, SITECORE_CDP_API_TOKEN: 'tok-revoked-golive-test' }).forEach(([k, v]) => vi.stubEnv(k, v));
    const results = await run(specsFor(api.baseUrl()).slice(1));
    expect(byKey(results)).toEqual({ identity: ['fail', 'api-credentials-rejected'], batches: ['fail', 'api-credentials-rejected'] });
    expect(api.requests.filter((r) => r.headers.authorization)).toHaveLength(1);
    expect(JSON.stringify(results)).not.toContain('tok-revoked-golive-test');
  });

  it('fails the client key at another region\'s host: wrong endpoint or key', async () => {
    vi.stubEnv('SITECORE_CDP_CLIENT_KEY', CLIENT_KEY);
    const results = await run([spec('browser', 'cdp/browser-create', api.baseUrl('jpe'))]);
    expect(byKey(results)).toEqual({ browser: ['fail', 'client-key-rejected'] });
    expect(results[0]!.findings[0]!.hint).toMatch(/wrong endpoint or a wrong key/);
  });

  it('ends every check as error TIMEOUT within the time limit when the API never answers', async () => {
    Object.entries(CREDENTIAL_ENV).forEach(([k, v]) => vi.stubEnv(k, v));
    const hang = await startFaultServer('hang');
    try {
      const t0 = performance.now();
      const results = await run(specsFor(hang.url), {}, 800);
      expect({ results: results.map((r) => [r.status, r.code]), inTime: performance.now() - t0 < 800 + 1000 }).toEqual({ results: Array(3).fill(['error', 'TIMEOUT']), inTime: true });
      expect(leaks(JSON.stringify(results))).toEqual([]);
    } finally {
      await hang.close();
    }
  });
});
