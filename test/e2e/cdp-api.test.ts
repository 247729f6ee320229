// The cdp pack as a user runs it: the built CLI (node bin/golive.js; run `npm run build` first) with
// the credentials in its environment, against the CDP stand-in under the real host name. Then the
// credentials are searched for in everything the run left: the JSON report, stderr, the results in
// the store, and the store's files on disk.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startCdpApi, type CdpApi } from '../support/cdp-api.js';
import { runCli } from '../support/cli.js';
import { openStore } from '../../src/store/open.js';
import { API_TOKEN, CLIENT_KEY, CREDENTIAL_ENV, leaks } from '../../src/checks/cdp/test-helpers.js';

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const ENV = { GOLIVE_NOW: NOW.toISOString().replace('.000Z', 'Z'), GOLIVE_ACTOR: 'ci-bot' };

let api: CdpApi;
let dir: string;
beforeAll(async () => {
  api = await startCdpApi({
    clientKey: CLIENT_KEY, apiToken: API_TOKEN, region: 'eu',
    guests: [{ ref: 'g-anna', guestType: 'customer', identifiers: [{ provider: 'email', id: 'anna.test@shop.example' }] }],
    batches: [{ ref: 'b-failed', status: 'error', createdAt: new Date(NOW.getTime() - 86_400_000).toISOString(), log: 'https://cdp-logs.example/b-failed.log' }],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'golive-cdp-'));
  writeFileSync(path.join(dir, 'cdp-ca.pem'), api.net().ca.join('\n'));
  writeFileSync(path.join(dir, 'golive.yaml'), stringify({
    id: 'cdp-shop', name: 'CDP shop', goLive: '2031-03-03T09:00', timeZone: 'UTC', playbooks: ['sitecore-cdp-personalize'],
    environments: {
      production: {
        vars: { cdpApi: api.baseUrl('eu'), cdpTestIdentities: 'email:anna.test@shop.example' },
        network: { resolve: ['api-engage-eu.sitecorecloud.io:*:127.0.0.1'], caFile: 'cdp-ca.pem', timeout: '10s' },
      },
    },
  }));
});
afterAll(() => api.close());

/** Every file under `root`, as text (binary pages included: a credential stored in clear would show). */
function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const p = path.join(root, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [readFileSync(p).toString('latin1')];
  });
}

describe('golive check with the cdp checks of the Sitecore playbook', () => {
  it('skips them without the credentials, naming the variables', async () => {
    const r = await runCli(['check', '--only', 'cdp/*', '--no-store', '--json'], dir, ENV);
    const doc = JSON.parse(r.stdout) as { results: { rule: string; status: string; summary: string }[] };
    expect(doc.results.map((x) => [x.rule, x.status])).toEqual([['cdp/browser-create', 'skipped'], ['cdp/test-identity', 'skipped'], ['cdp/batch-uploads', 'skipped']]);
    expect(doc.results[1]!.summary).toBe('Not checked: SITECORE_CDP_CLIENT_KEY and SITECORE_CDP_API_TOKEN are not set, so no guest was searched for');
    expect(api.requests).toEqual([]);
  });

  it('runs them with the credentials and leaves them nowhere: report, stderr, stored results, store files', async () => {
    const r = await runCli(['check', '--only', 'cdp/*', '--json'], dir, { ...ENV, ...CREDENTIAL_ENV, GOLIVE_DEBUG: '1' });
    const doc = JSON.parse(r.stdout) as { results: { rule: string; status: string }[] };
    expect([r.code, doc.results.map((x) => [x.rule, x.status])]).toEqual([1, [['cdp/browser-create', 'pass'], ['cdp/test-identity', 'pass'], ['cdp/batch-uploads', 'fail']]]);
    expect(api.requests.map((q) => q.url.split('?')[0])).toEqual(expect.arrayContaining(['/v1.2/browser/create.json', '/v2/guests', '/v2/batches/inspect']));
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    const store = await openStore({ dir: path.join(dir, '.golive') });
    try {
      const stored = await store.checkResults('cdp-shop', 'production', new Date(0));
      expect(stored.map((s) => s.rule).sort()).toEqual(['cdp/batch-uploads', 'cdp/browser-create', 'cdp/test-identity']);
      expect(JSON.stringify(stored)).toContain('b-failed.log');
      expect(leaks(JSON.stringify(stored))).toEqual([]);
    } finally {
      await store.close();
    }
    expect(filesUnder(path.join(dir, '.golive')).flatMap(leaks)).toEqual([]);
  });

  it('golive probe prints the evidence without the credentials (it has no project secrets to blank out)', async () => {
    const args = ['probe', 'cdp/test-identity', api.baseUrl('eu'), '--with', 'identities=email:anna.test@shop.example', '--resolve', 'api-engage-eu.sitecorecloud.io:*:127.0.0.1', '--ca-file', 'cdp-ca.pem', '--json'];
    const r = await runCli(args, dir, { ...ENV, ...CREDENTIAL_ENV });
    expect([r.code, (JSON.parse(r.stdout) as { results: { status: string }[] }).results[0]!.status]).toEqual([0, 'pass']);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });
});
