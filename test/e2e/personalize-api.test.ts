// The personalize pack as a user runs it: the built CLI (node bin/golive.js; run `npm run build` first)
// with the credentials in its environment, against the Personalize stand-in under the real host names
// (the regional API host and auth.sitecorecloud.io). Then the credentials, and the access token the
// stand-in issued, are searched for in everything the run left: the JSON report, stderr, the results in
// the store, and the store's files on disk.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { goLiveAfter, writeCheckProject } from '../support/check-project.js';
import { runCli } from '../support/cli.js';
import { AUTH_HOST, sampleTenant, startPersonalizeApi, type PersonalizeApi } from '../support/personalize-api.js';
import { openStore } from '../../src/store/open.js';
import { API_KEY, API_SECRET, CREDENTIAL_ENV, leaks } from '../../src/checks/personalize/test-helpers.js';

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const ENV = { GOLIVE_NOW: NOW.toISOString().replace('.000Z', 'Z'), GOLIVE_ACTOR: 'ci-bot' };
const GO_LIVE = goLiveAfter(NOW, 40);
const RESOLVE = ['api-engage-eu.sitecorecloud.io:*:127.0.0.1', `${AUTH_HOST}:*:127.0.0.1`];
const VIP = { name: 'vip', model: 'Next best offer', guest: { loyaltyTier: 'gold' }, expect: [{ node: 'Pick offer', output: { offer: 'GOLD10' } }] };
const RULES = ['flows-live', 'flow-schedule', 'traffic-splits', 'sample-size', 'overlapping-experiences', 'audiences', 'decision-model', 'connection-timeouts'];

let api: PersonalizeApi;
let dir: string;
beforeAll(async () => {
  api = await startPersonalizeApi(sampleTenant(new Date(`${GO_LIVE}:00Z`), { apiKey: API_KEY, apiSecret: API_SECRET }));
  const sign = { tokenUrl: '${env.personalizeToken}' };
  const flows = [{ flow: 'home_hero', pages: ['/'], audiences: ['gold-members'] }, { flow: 'pdp_layout_test', pages: ['/products/*'] }, 'next_offer', 'old_promo'];
  const withFor: Record<string, Record<string, unknown>> = { 'decision-model': { ...sign, tests: [VIP] }, 'connection-timeouts': sign };
  dir = writeCheckProject({
    id: 'personalize-shop', goLive: GO_LIVE,
    environments: {
      production: {
        vars: { personalizeApi: api.baseUrl('eu'), personalizeToken: api.tokenUrl() },
        network: { resolve: RESOLVE, caFile: 'personalize-ca.pem', timeout: '10s' },
      },
    },
    tasks: [{
      id: 'web.personalize-config', title: 'Personalize is configured for launch', severity: 'blocker', due: 'T-60d',
      checks: RULES.map((r) => ({ rule: `personalize/${r}`, target: '${env.personalizeApi}', with: withFor[r] ?? { ...sign, flows } })),
    }],
    files: { 'personalize-ca.pem': api.net().ca.join('\n') },
  });
  // The declared segments the audience rule compares with (golive.yaml cdp.segments).
  const file = path.join(dir, 'golive.yaml');
  const project = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, stringify({ ...project, cdp: { segments: [{ name: 'gold-members', export: 'exports/gold.csv', size: { min: 1 } }] } }));
});
afterAll(() => api.close());

/** Every file under `root`, as text (binary pages included: a credential stored in clear would show). */
function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const p = path.join(root, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [readFileSync(p).toString('latin1')];
  });
}

type Doc = { results: { rule: string; status: string; summary: string; findings: { code: string }[] }[] };

describe('golive check with the personalize checks', () => {
  it('skips them without the credentials, naming the variables, and sends nothing', async () => {
    const r = await runCli(['check', '--only', 'personalize/*', '--no-store', '--json'], dir, ENV);
    const doc = JSON.parse(r.stdout) as Doc;
    expect([r.code, doc.results.map((x) => x.status)]).toEqual([0, Array(8).fill('skipped')]);
    expect(doc.results[6]!.summary).toBe('Not checked: SITECORE_PERSONALIZE_API_KEY and SITECORE_PERSONALIZE_API_SECRET are not set, so no decision model was tested');
    expect(api.requests).toEqual([]);
  });

  it('runs them with the credentials, fails the paused flow, and leaves no credential or token in the report, stderr, stored results or store files', async () => {
    const r = await runCli(['check', '--only', 'personalize/*', '--json'], dir, { ...ENV, ...CREDENTIAL_ENV, GOLIVE_DEBUG: '1' });
    const doc = JSON.parse(r.stdout) as Doc;
    expect([r.code, doc.results.map((x) => [x.rule.replace('personalize/', ''), x.status])]).toEqual([1, RULES.map((x) => [x, x === 'flows-live' ? 'fail' : 'pass'])]);
    expect(doc.results[0]!.findings.map((f) => f.code)).toEqual(['flow-paused']);
    expect(api.tokens).toHaveLength(1);
    expect(leaks(r.stdout + r.stderr, api.tokens)).toEqual([]);
    const store = await openStore({ dir: path.join(dir, '.golive') });
    try {
      const stored = await store.checkResults('personalize-shop', 'production', new Date(0));
      expect(stored.map((s) => s.rule).sort()).toEqual(RULES.map((x) => `personalize/${x}`).sort());
      expect(leaks(JSON.stringify(stored), api.tokens)).toEqual([]);
    } finally {
      await store.close();
    }
    expect(filesUnder(path.join(dir, '.golive')).flatMap((text) => leaks(text, api.tokens))).toEqual([]);
  });

  it('golive probe runs one rule with its options on the command line and prints the evidence without the credentials', async () => {
    const args = ['probe', 'personalize/decision-model', api.baseUrl('eu'), '--with', `tests=${JSON.stringify([VIP])}`, '--with', `tokenUrl=${api.tokenUrl()}`,
      ...RESOLVE.flatMap((x) => ['--resolve', x]), '--ca-file', 'personalize-ca.pem', '--json'];
    const r = await runCli(args, dir, { ...ENV, ...CREDENTIAL_ENV });
    const doc = JSON.parse(r.stdout) as { results: { status: string; evidence: { tests: { nodes: unknown[] }[] } }[] };
    expect([r.code, doc.results[0]!.status, doc.results[0]!.evidence.tests[0]!.nodes.length]).toEqual([0, 'pass', 2]);
    expect(leaks(r.stdout + r.stderr, api.tokens)).toEqual([]);
  });
});
