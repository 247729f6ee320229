// The page checks as a user runs them: the built CLI (node bin/golive.js; run `npm run build`
// first) drives Debian's Chromium against the local shop that runs the real Cloud SDK, reached
// under its production and staging names with --resolve and trusted through --ca-file. `golive
// check --only 'page/*'` runs a project's page checks per environment; Ctrl-C leaves no browser
// process behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goLiveAfter, writeCheckProject } from '../support/check-project.js';
import { finished, runCli, startCli } from '../support/cli.js';
import { chromiumSpy, type ChromiumSpy } from '../support/page-chromium.js';
import { PROD, QA, startPageSite, type PageSite } from '../support/page-site.js';

let site: PageSite;
let spy: ChromiumSpy;
let dir: string;
const NOW = new Date();

const netFlags = () => [...Object.keys(site.net.resolve).map((k) => `--resolve=${k}:127.0.0.1`), '--ca-file', 'ca.pem'];
const HERO = { consent: '#accept', slots: [{ name: 'hero', selector: '#hero' }] };

beforeAll(async () => {
  site = await startPageSite();
  spy = chromiumSpy();
  const network = { resolve: Object.keys(site.net.resolve).map((k) => `${k}:127.0.0.1`), caFile: 'ca.pem', timeout: '20s' };
  dir = writeCheckProject({
    id: 'page-shop', goLive: goLiveAfter(NOW, 40),
    environments: {
      production: { url: site.url('/', PROD), network },
      staging: { url: site.url('/', QA), network },
    },
    tasks: [{
      id: 'web.sitecore-tag', title: 'The Sitecore script runs on production pages only', severity: 'blocker', due: 'T-60d',
      checks: [
        { rule: 'page/tag-present', target: '${env.url}', with: HERO, environments: ['production'] },
        { rule: 'page/html-lang', target: '${env.url}', with: HERO },
        { rule: 'page/slots', target: '${env.url}', with: HERO },
        { rule: 'page/tag-absent', target: '${env.url}', with: HERO, environments: ['staging'] },
      ],
    }],
    files: { 'ca.pem': site.net.ca.join('\n') },
  });
});
afterAll(async () => {
  await site?.close();
  spy?.remove();
});

const statuses = (stdout: string) => (JSON.parse(stdout) as { results: { rule: string; status: string }[] }).results.map((r) => [r.rule, r.status]);

describe('golive page checks', () => {
  it('probe page/tag-present passes on the production page and reports the SDK in --json', async () => {
    const r = await runCli(['probe', 'page/tag-present', site.url('/'), ...netFlags(), '--with', 'consent=#accept', '--json'], dir);
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    expect(r.stdout).toContain('"status": "pass"');
    expect(r.stdout).toContain('Cloud SDK 0.6.1');
  });

  it('check --only page/* passes in production and catches the script on the staging host', async () => {
    const prod = await runCli(['check', '--env', 'production', '--only', 'page/*', '--json'], dir);
    expect([prod.code, statuses(prod.stdout)]).toEqual([0, [['page/tag-present', 'pass'], ['page/html-lang', 'pass'], ['page/slots', 'pass']]]);
    const staging = await runCli(['check', '--env', 'staging', '--only', 'page/*', '--json'], dir);
    expect([staging.code, statuses(staging.stdout)]).toEqual([1, [['page/html-lang', 'pass'], ['page/slots', 'pass'], ['page/tag-absent', 'fail']]]);
  });

  it('leaves no browser process behind after Ctrl-C', async () => {
    const child = startCli(['probe', 'page/html-lang', site.url('/hang'), ...netFlags(), '--timeout', '60s'], dir, { GOLIVE_CHROMIUM: spy.path });
    // Wait for the browser to be up, then interrupt.
    for (let i = 0; i < 200 && spy.alive().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(spy.launches().length).toBe(1);
    child.kill('SIGINT');
    const r = await finished(child);
    expect(r.code).not.toBe(0);
    expect(spy.alive()).toEqual([]);
  });
});
