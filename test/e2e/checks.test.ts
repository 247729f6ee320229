// golive rules / probe / check / gate end to end: the built CLI (node bin/golive.js) against real
// loopback servers (TLS, HTTPS, HTTP, DNS, a server that never answers), nothing mocked.
// Run `npm run build` first: the CLI runs from dist/.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_DOCUMENTS } from '../../src/report/json-schema.js';
import { makeCertificates, type Certificates } from '../support/certs.js';
import { elements, goLiveAfter, parseXml, writeCheckProject } from '../support/check-project.js';
import { finished, runCli, startCli, type CliResult } from '../support/cli.js';
import { startZoneServer, type ZoneServer } from '../support/dns-server.js';
import { startFaultServer, startHttpServer, startSite, type FaultServer, type TestServer } from '../support/http-servers.js';
import { startStallServer, startTlsServer, type RunningServer } from '../support/tls-server.js';

// The clock every command sees: real time (the test certificates are made relative to it), pinned so
// that every command of the file agrees. Each project goes live 40 days later.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const ENV = { GOLIVE_NOW: NOW.toISOString().replace('.000Z', 'Z'), GOLIVE_ACTOR: 'ci-bot' };
const GO_LIVE = goLiveAfter(NOW, 40);
const DAY = 86_400_000;

const noStack = (r: CliResult) => expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
const json = (r: CliResult): unknown => {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
};
const checkDoc = (r: CliResult) => JSON_DOCUMENTS.check.parse(json(r));
const gateDoc = (r: CliResult) => JSON_DOCUMENTS.gate.parse(json(r));
type CheckDoc = ReturnType<typeof checkDoc>;
const result = (doc: CheckDoc, rule: string, target: string) => {
  const found = doc.results.find((x) => x.rule === rule && x.target === target);
  if (!found) throw new Error(`no result ${rule} ${target} in ${doc.results.map((x) => `${x.rule} ${x.target}`).join(', ')}`);
  return found;
};
/** The raw JSON carries each result's startedAt (not part of the documented schema). */
const startedAt = (r: CliResult, rule: string, target: string) => {
  const raw = json(r) as { results: { rule: string; target: string; startedAt: string }[] };
  return new Date(raw.results.find((x) => x.rule === rule && x.target === target)!.startedAt).getTime();
};

async function auditEntries(dir: string): Promise<{ action: string; actor: string; payload: Record<string, unknown> }[]> {
  const r = await runCli(['audit', 'log', '--json'], dir, ENV);
  expect(r.code, r.stderr).toBe(0);
  return json(r) as { action: string; actor: string; payload: Record<string, unknown> }[];
}

async function verified(dir: string): Promise<{ ok: boolean; entries: number }> {
  const r = await runCli(['audit', 'verify', '--json'], dir, ENV);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return JSON_DOCUMENTS['audit-verify'].parse(json(r));
}

/** Resolves once the child has printed a line matching `marker` on stderr. */
function stderrShows(child: ChildProcess, marker: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (d: Buffer) => {
      seen += d.toString();
      if (marker.test(seen)) resolve();
    });
    child.on('exit', () => reject(new Error(`exited before ${marker}: ${seen}`)));
  });
}

const SECURE_HEADERS = {
  'content-type': 'text/html',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

let certs: Certificates;
beforeAll(async () => {
  certs = await makeCertificates();
});

describe('golive rules', () => {
  it('lists every rule as the documented JSON, explains one, and suggests a fix for a typo', async () => {
    const [list, typo, one] = await Promise.all([
      runCli(['rules', '--json'], tmpdir(), ENV),
      runCli(['rules', 'tls/cert-expiri'], tmpdir(), ENV),
      runCli(['rules', 'tls/cert-expiry'], tmpdir(), ENV),
    ]);
    expect(list.code, list.stderr).toBe(0);
    const doc = JSON_DOCUMENTS.rules.parse(json(list));
    expect(doc.schema).toBe('golive.rules/1');
    expect(doc.rules.length).toBeGreaterThanOrEqual(27);
    const ids = doc.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.split('/')[0]))).toEqual(new Set(['cdp', 'data', 'dns', 'email', 'http', 'latency', 'page', 'personalize', 'spryker', 'tls']));
    const expiry = doc.rules.find((r) => r.id === 'tls/cert-expiry');
    expect(expiry).toMatchObject({ probe: 'tls/handshake', docs: 'docs/rules/tls/cert-expiry.md' });
    expect(expiry?.options).toEqual([
      expect.objectContaining({ name: 'minDaysAfterGoLive', type: 'number', default: 30, required: false }),
      expect.objectContaining({ name: 'warnDaysAfterGoLive', type: 'number', default: 45, required: false }),
    ]);

    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toMatch(/unknown rule "tls\/cert-expiri"/);
    expect(typo.stderr).toMatch(/did you mean "tls\/cert-expiry"\?/);
    noStack(typo);

    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^tls\/cert-expiry: Certificate valid long enough after go-live\n/);
    expect(one.stdout).toMatch(/\noptions:\n {2}minDaysAfterGoLive \(number, default 30\): .+\n {2}warnDaysAfterGoLive \(number, default 45\): /);
    expect(one.stdout).toMatch(/\nexamples:\n {2}golive probe tls\/cert-expiry shop\.example\.com --with minDaysAfterGoLive=30\n/);
  });
});

describe('golive probe, outside any project', () => {
  let dir: string;
  let good: RunningServer;
  let soon: RunningServer;
  let dns: ZoneServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-e2e-probe-'));
    writeFileSync(path.join(dir, 'root.pem'), certs.root);
    [good, soon, dns] = await Promise.all([
      startTlsServer(certs.cases.good),
      startTlsServer(certs.cases.expiringSoon),
      startZoneServer({
        records: [
          { name: '_dmarc.shop.test', type: 'TXT', data: 'v=DMARC1; p=reject; rua=mailto:dmarc@shop.test' },
          { name: '_dmarc.weak.test', type: 'TXT', data: 'v=DMARC1; p=none; rua=mailto:dmarc@weak.test' },
        ],
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([good?.close(), soon?.close(), dns?.close()]);
  });

  const tls = (server: RunningServer, ...extra: string[]) => ['probe', 'tls/cert-expiry', `good.test:${server.port}`, '--resolve', `good.test:${server.port}:127.0.0.1`, '--ca-file', 'root.pem', ...extra];

  it('tls/cert-expiry: passes for a good certificate, fails with a hint when it expires too soon after --go-live; bad usage exits 2', async () => {
    const summary = path.join(dir, 'summary.md');
    const inFiveDays = new Date(NOW.getTime() + 5 * DAY).toISOString();
    const [pass, tooSoon, badWith, unknown] = await Promise.all([
      runCli(tls(good, '--with', 'minDaysAfterGoLive=30', '--json'), dir, { ...ENV, GITHUB_STEP_SUMMARY: summary }),
      runCli(tls(soon, '--with', 'minDaysAfterGoLive=30', '--go-live', inFiveDays, '--json'), dir, ENV),
      runCli(tls(good, '--with', 'foo=1'), dir, ENV),
      runCli(['probe', 'tls/no-such-rule', `good.test:${good.port}`], dir, ENV),
    ]);

    expect(pass.code, pass.stderr).toBe(0);
    const ok = checkDoc(pass);
    expect(ok.environment).toBeUndefined();
    expect(ok.counts).toMatchObject({ pass: 1, fail: 0, error: 0 });
    expect(ok.results).toHaveLength(1);
    const [r] = ok.results;
    expect(r).toMatchObject({ rule: 'tls/cert-expiry', target: `good.test:${good.port}`, status: 'pass', docs: 'docs/rules/tls/cert-expiry.md' });
    expect(r?.task).toBeUndefined();
    // The evidence is the handshake the probe made: to 127.0.0.1 (--resolve) under the name good.test, trusted through --ca-file.
    expect(r?.evidence).toMatchObject({ host: 'good.test', port: good.port, servername: 'good.test', address: '127.0.0.1', authorized: true });
    expect((r?.evidence as { chain: { subject: string; dnsNames: string[] }[] }).chain[0]).toMatchObject({ subject: 'CN=good.test', dnsNames: expect.arrayContaining(['good.test']) });
    // $GITHUB_STEP_SUMMARY gets the Markdown summary, from golive probe too.
    expect(readFileSync(summary, 'utf8')).toMatch(/^## ✅ golive probe tls\/cert-expiry: 1 pass\n[\s\S]*\| ✅ pass \| {2}\| `tls\/cert-expiry` \| good\.test:\d+ \|/);

    expect(tooSoon.code, tooSoon.stderr).toBe(1);
    const failed = checkDoc(tooSoon);
    expect(failed.counts).toMatchObject({ pass: 0, fail: 1 });
    expect(failed.results[0]?.status).toBe('fail');
    expect(failed.results[0]?.summary).toMatch(/expires on \d{4}-\d{2}-\d{2}, [45] days after go-live \(needs 30\)/);
    const finding = failed.results[0]?.findings.find((f) => f.severity === 'fail');
    expect(finding).toMatchObject({ code: 'expires-soon-after-go-live', subject: 'CN=good.test' });
    expect(finding?.hint).toMatch(/renew before go-live/);

    expect(badWith.code).toBe(2);
    expect(badWith.stderr).toMatch(/invalid --with for tls\/cert-expiry: .*"foo"/);
    expect(badWith.stderr).toMatch(/hint: golive rules tls\/cert-expiry lists the options/);
    expect(badWith.stdout).toBe('');
    noStack(badWith);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown rule "tls\/no-such-rule"/);
    expect(unknown.stderr).toMatch(/golive rules lists every rule/);
    noStack(unknown);

    // A probe stores nothing and needs no project: the directory holds what the test put there.
    expect(readdirSync(dir).sort()).toEqual(['root.pem', 'summary.md']);
  });

  it('email/dmarc asks the --resolver it is given: p=reject passes, p=none warns, no record fails', async () => {
    const probe = (domain: string) => runCli(['probe', 'email/dmarc', domain, '--resolver', dns.spec, '--timeout', '3s', '--json'], dir, ENV);
    const [strict, weak, none] = await Promise.all([probe('shop.test'), probe('weak.test'), probe('none.test')]);

    expect(strict.code, strict.stderr).toBe(0);
    const s = checkDoc(strict).results[0];
    expect(s).toMatchObject({ rule: 'email/dmarc', target: 'shop.test', status: 'pass' });
    expect(s?.summary).toMatch(/p=reject \(_dmarc\.shop\.test\)/);

    expect(weak.code, weak.stderr).toBe(0);
    const w = checkDoc(weak).results[0];
    expect(w?.status).toBe('warn');
    expect(w?.findings).toContainEqual(expect.objectContaining({ severity: 'warn', code: 'dmarc-policy-none', hint: expect.stringMatching(/p=quarantine/) }));

    expect(none.code, none.stderr).toBe(1);
    const n = checkDoc(none).results[0];
    expect(n?.status).toBe('fail');
    expect(n?.findings).toContainEqual(expect.objectContaining({ code: 'dmarc-missing', hint: expect.stringMatching(/publish a TXT record at _dmarc\.none\.test/) }));

    expect(dns.queries).toEqual(expect.arrayContaining(['_dmarc.shop.test TXT', '_dmarc.weak.test TXT', '_dmarc.none.test TXT']));
  });
});

describe('golive check in a project, then the gate', () => {
  let https: TestServer;
  let http: TestServer;
  let dir: string;
  let origin: string;
  let storingRuns = 0;

  beforeAll(async () => {
    const good = certs.cases.good;
    https = await startHttpServer(
      (req, res) => {
        if (req.method === 'OPTIONS') return void res.writeHead(204).end();
        if (req.url === '/gone') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
        res.writeHead(200, SECURE_HEADERS).end('<html><body>shop</body></html>');
      },
      { tls: { key: good.key, cert: `${good.cert.trimEnd()}\n${good.chain}` } },
    );
    origin = `https://good.test:${https.port}`;
    http = await startSite({ '*': ({ url }) => ({ status: 301, headers: { location: `${origin}${url.pathname}` } }) });
    dir = writeCheckProject({
      id: 'check-shop',
      name: 'Check shop',
      goLive: GO_LIVE,
      files: { 'root.pem': certs.root },
      environments: {
        production: {
          url: `${origin}/`,
          vars: { httpEntry: `http://good.test:${http.port}/` },
          // Real names, loopback addresses: the rehearsal before a DNS switch.
          network: { resolve: ['good.test:*:127.0.0.1'], caFile: 'root.pem', timeout: '5s' },
        },
      },
      tasks: [
        {
          id: 'shop.tls',
          title: 'The certificate and the shop page are live',
          severity: 'blocker',
          due: 'T-60d',
          checks: [
            { rule: 'tls/cert-expiry', target: '${env.host}', with: { minDaysAfterGoLive: 30 } },
            { rule: 'http/status', target: '${env.url}gone' },
          ],
        },
        {
          id: 'shop.headers',
          title: 'Security headers are in place',
          severity: 'major',
          due: 'T-30d',
          checks: [{ rule: 'http/security-headers', target: '${env.url}', with: { httpUrl: '${env.httpEntry}', minGrade: 'B' } }],
        },
        {
          id: 'shop.analytics',
          title: 'Analytics collects from launch day',
          severity: 'minor',
          due: 'T-20d',
          checks: [
            { rule: 'http/status', target: '${env.analyticsUrl}' },
            { rule: 'http/status', target: '${env.url}' },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all([https?.close(), http?.close()]);
  });

  it('--no-store is a dry run: results are printed, nothing is stored, the gate calls the blocker unverified', async () => {
    const r = await runCli(['check', '--no-store', '--json'], dir, ENV);
    expect(r.code, r.stderr).toBe(1);
    expect(checkDoc(r).counts).toMatchObject({ pass: 3, fail: 1, error: 0, skipped: 1 });
    expect(existsSync(path.join(dir, '.golive'))).toBe(false);

    const gate = await runCli(['gate', '--json'], dir, ENV);
    const doc = gateDoc(gate);
    const checks = doc.gate.reasons.filter((x) => x.rule === 'checks');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ level: 'note', message: expect.stringMatching(/1 blocking task due by now has checks without a result in production/) });
    expect(checks[0]?.tasks.map((t) => t.id)).toEqual(['shop.tls']);
    expect(checks[0]?.tasks[0]?.checks).toEqual([
      { rule: 'tls/cert-expiry', target: `good.test:${https.port}`, status: 'unverified', summary: 'no fresh result' },
      { rule: 'http/status', target: `${origin}/gone`, status: 'unverified', summary: 'no fresh result' },
    ]);
  });

  it('--only and --task filter the checks; a run where everything passes exits 0', async () => {
    // One after the other: the first creates the embedded store, and the store takes one command at a time.
    const tlsOnly = await runCli(['check', '--only', 'tls/*', '--json'], dir, ENV);
    const headers = await runCli(['check', '--task', 'shop.headers', '--json'], dir, ENV);
    storingRuns += 2;
    expect(tlsOnly.code, tlsOnly.stderr).toBe(0);
    const t = checkDoc(tlsOnly);
    expect(t.results.map((x) => `${x.task} ${x.rule} ${x.target}`)).toEqual([`shop.tls tls/cert-expiry good.test:${https.port}`]);
    expect(t.results[0]?.status).toBe('pass');
    expect(t.results[0]?.summary).toMatch(/expires on \d{4}-\d{2}-\d{2}, \d+ days after go-live/);

    expect(headers.code, headers.stderr).toBe(0);
    const h = checkDoc(headers);
    expect(h.results.map((x) => `${x.task} ${x.rule} ${x.target}`)).toEqual([`shop.headers http/security-headers ${origin}/`]);
    expect(h.results[0]?.status).toBe('pass');
    expect(h.results[0]?.summary).toMatch(/grade A/);
    // The http:// side of the scan followed our redirect server to the https:// page.
    expect(h.results[0]?.findings).toContainEqual(expect.objectContaining({ subject: 'redirection', message: expect.stringMatching(/redirection-to-https/) }));

    const unknownTask = await runCli(['check', '--task', 'shop.header'], dir, ENV);
    expect(unknownTask.code).toBe(2);
    expect(unknownTask.stderr).toMatch(/unknown task "shop\.header"[\s\S]*did you mean "shop\.headers"\?/);
  });

  it('--format junit -o writes well-formed XML, one testcase per check; $GITHUB_STEP_SUMMARY gets Markdown appended', async () => {
    const summary = path.join(dir, 'step-summary.md');
    writeFileSync(summary, '# Deploy\n\nearlier step output\n');
    const r = await runCli(['check', '--format', 'junit', '-o', 'checks.xml'], dir, { ...ENV, GITHUB_STEP_SUMMARY: summary });
    storingRuns += 1;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/junit report written to checks\.xml/);

    const root = parseXml(readFileSync(path.join(dir, 'checks.xml'), 'utf8'));
    expect(root.name).toBe('testsuites');
    const [suite] = elements(root, 'testsuite');
    expect(suite?.attributes).toMatchObject({ name: 'Check shop: checks (production)', tests: '5', failures: '1', errors: '0', skipped: '1' });
    const cases = elements(root, 'testcase');
    expect(cases.map((c) => `${c.attributes.classname} ${c.attributes.name}`).sort()).toEqual(
      [
        `golive.shop.analytics http/status ${origin}/`,
        'golive.shop.analytics http/status ${env.analyticsUrl}',
        `golive.shop.headers http/security-headers ${origin}/`,
        `golive.shop.tls http/status ${origin}/gone`,
        `golive.shop.tls tls/cert-expiry good.test:${https.port}`,
      ].sort(),
    );
    const failures = elements(root, 'failure');
    expect(failures).toHaveLength(1);
    const failing = cases.find((c) => c.children.some((x) => x.name === 'failure'));
    expect(failing?.attributes.name).toBe(`http/status ${origin}/gone`);
    expect(failures[0]?.attributes.message).toMatch(/answered 404, expected 200/);
    expect(failures[0]?.text).toMatch(/hint: the page is missing or protected[\s\S]*evidence:\n\{/);
    expect(elements(root, 'error')).toHaveLength(0);
    const skipped = elements(root, 'skipped');
    expect(skipped.map((s) => s.attributes.message)).toEqual(['not run in production: vars.analyticsUrl not set']);

    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# Deploy\n\nearlier step output\n')).toBe(true);
    const added = md.slice('# Deploy\n\nearlier step output\n'.length);
    expect(added).toMatch(/^## ❌ Check shop: checks \(production\): 1 fail, 1 skipped, 3 pass\n/);
    expect(added.split('\n').filter((l) => /^\| (✅|❌|⚠️|🛑|⏭️)/.test(l))).toHaveLength(5);
    expect(added).toMatch(/\| ❌ fail \| `shop\.tls` \| `http\/status` \| https:\/\/good\.test:\d+\/gone \|/);
    expect(added).toMatch(/_Hint: the page is missing or protected/);
    // The skipped check says what to set, in the summary too.
    expect(added).toMatch(/<summary>skipped: .*\n\n- .*_Hint: set vars\.analyticsUrl/);
  });

  it('--json: the documented check document, with evidence, findings, hints and docs', async () => {
    const r = await runCli(['check', '--json'], dir, ENV);
    storingRuns += 1;
    expect(r.code, r.stderr).toBe(1);
    const doc = checkDoc(r);
    expect(doc).toMatchObject({ schema: 'golive.check/1', title: 'Check shop: checks', environment: 'production', cancelled: false });
    expect(doc.counts).toEqual({ pass: 3, warn: 0, fail: 1, error: 0, skipped: 1, manual: 0 });
    expect(new Date(doc.startedAt).getTime()).toBeGreaterThanOrEqual(NOW.getTime());

    const expiry = result(doc, 'tls/cert-expiry', `good.test:${https.port}`);
    expect(expiry).toMatchObject({ task: 'shop.tls', status: 'pass', attempts: 1 });
    expect(expiry.evidence).toMatchObject({ servername: 'good.test', address: '127.0.0.1', authorized: true });

    const gone = result(doc, 'http/status', `${origin}/gone`);
    expect(gone).toMatchObject({ task: 'shop.tls', status: 'fail', docs: 'docs/rules/http/status.md' });
    expect(gone.findings).toEqual([expect.objectContaining({ severity: 'fail', code: 'unexpected-status', hint: expect.stringMatching(/missing or protected/) })]);
    expect(gone.evidence).toMatchObject({ final: { status: 404, url: `${origin}/gone` } });
    expect(https.requests.some((q) => q.url === '/gone' && q.headers.host === `good.test:${https.port}`)).toBe(true);
  });

  it('the stored results reach the gate: a failing check of a blocker is NO-GO even once the task is ticked done', async () => {
    const done = await runCli(['task', 'shop.tls', 'done'], dir, ENV);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/shop\.tls: done \(recorded as audit entry \d+ by ci-bot\)/);

    const gate = await runCli(['gate', '--json'], dir, ENV);
    expect(gate.code).toBe(1);
    const doc = gateDoc(gate);
    expect(doc.gate.verdict).toBe('NO-GO');
    expect(doc.gate.reasons.some((x) => x.rule === 'blockers-due')).toBe(false);
    const noGo = doc.gate.reasons.filter((x) => x.rule === 'checks' && x.level === 'no-go');
    expect(noGo).toHaveLength(1);
    expect(noGo[0]?.message).toMatch(/1 blocking task fails its checks in production/);
    expect(noGo[0]?.tasks).toEqual([expect.objectContaining({ id: 'shop.tls', status: 'done' })]);
    // Only the failing check is named, not the passing one of the same task.
    expect(noGo[0]?.tasks[0]?.checks).toEqual([expect.objectContaining({ rule: 'http/status', target: `${origin}/gone`, status: 'fail', summary: expect.stringMatching(/answered 404/) })]);

    const text = await runCli(['gate'], dir, ENV);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^NO-GO/);
    expect(text.stdout).toMatch(/fail http\/status https:\/\/good\.test:\d+\/gone: .*answered 404/);
  });

  it('audit verify passes after the check runs: one entry per stored run, by the actor', async () => {
    const v = await verified(dir);
    expect(v.ok).toBe(true);
    // Every storing run plus the task update; the --no-store run left no trace.
    expect(v.entries).toBe(storingRuns + 1);
    const log = await auditEntries(dir);
    const runs = log.filter((e) => e.action === 'checks.run');
    expect(runs).toHaveLength(storingRuns);
    expect(runs.every((e) => e.actor === 'ci-bot' && e.payload.environment === 'production' && typeof e.payload.digest === 'string')).toBe(true);
  });

  it('a target whose ${env.*} variable is not set is skipped with the variable to set; the run exits by the other results', async () => {
    const r = await runCli(['check', '--task', 'shop.analytics', '--no-store', '--json'], dir, ENV);
    expect(r.code, r.stderr).toBe(0);
    const doc = checkDoc(r);
    expect(doc.counts).toMatchObject({ pass: 1, skipped: 1, fail: 0, error: 0 });
    const skipped = result(doc, 'http/status', '${env.analyticsUrl}');
    expect(skipped).toMatchObject({ task: 'shop.analytics', status: 'skipped', summary: 'not run in production: vars.analyticsUrl not set' });
    expect(skipped.findings).toEqual([expect.objectContaining({ severity: 'info', hint: 'set vars.analyticsUrl under environments.production in golive.yaml' })]);
    expect(result(doc, 'http/status', `${origin}/`).status).toBe('pass');

    const text = await runCli(['check', '--task', 'shop.analytics', '--no-store'], dir, ENV);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/SKIPPED shop\.analytics http\/status \$\{env\.analyticsUrl\}\n\s+not run in production: vars\.analyticsUrl not set\n/);
    // The hint is an informational finding: the text report shows it with --verbose.
    const verbose = await runCli(['check', '--task', 'shop.analytics', '--no-store', '--verbose'], dir, ENV);
    expect(verbose.stdout).toMatch(/not run in production: vars\.analyticsUrl not set\n[\s\S]*hint: set vars\.analyticsUrl under environments\.production in golive\.yaml/);
  });
});

describe('network faults, Ctrl-C and a pinned clock, through the CLI', () => {
  let site: TestServer;
  let hang: FaultServer;
  let stall: RunningServer;
  let flipStatus = 200;
  let dir: string;
  const flipUrl = () => `${site.origin}/flip`;

  beforeAll(async () => {
    [site, hang, stall] = await Promise.all([
      startSite({ '/': { status: 200, body: 'ok' }, '/slow': { status: 200, delayMs: 800 }, '/flip': () => ({ status: flipStatus }) }),
      startFaultServer('hang'),
      startStallServer(),
    ]);
    // One project (one embedded store to create), three environments, so each test judges its own results:
    // staging for the time-out, production for Ctrl-C, rehearsal for the pinned clock.
    const env = { url: `${site.origin}/`, vars: { apiUrl: hang.url } };
    const both = ['production', 'staging'];
    dir = writeCheckProject({
      id: 'hang-shop',
      goLive: GO_LIVE,
      environments: {
        // golive.yaml allows 20 s; a --timeout on the command line wins.
        production: { ...env, network: { timeout: '20s' } },
        staging: { ...env, network: { timeout: '20s' } },
        // One probe at a time, in plan order: the /flip check starts once /slow has answered (~800 ms).
        rehearsal: { ...env, network: { timeout: '5s', concurrency: 1 } },
      },
      tasks: [
        { id: 'shop.home', title: 'The home page answers', severity: 'blocker', due: 'T-60d', checks: [{ rule: 'http/status', target: '${env.url}', environments: both }] },
        { id: 'shop.api', title: 'The API answers', severity: 'blocker', due: 'T-60d', checks: [{ rule: 'http/status', target: '${env.apiUrl}', environments: both }] },
        { id: 'shop.slow', title: 'The search page answers', severity: 'minor', due: 'T-60d', checks: [{ rule: 'http/status', target: '${env.url}slow', environments: ['rehearsal'] }] },
        { id: 'shop.flip', title: 'The checkout answers', severity: 'blocker', due: 'T-60d', checks: [{ rule: 'http/status', target: '${env.url}flip', environments: ['rehearsal'] }] },
      ],
    });
    // Create the embedded store up front (a few seconds the first time), so the timings below are the runs' own.
    const note = await runCli(['task', 'base.retro', 'note', '-m', 'store ready'], dir, ENV);
    expect(note.code, note.stderr).toBe(0);
  });
  afterAll(async () => {
    await Promise.all([site?.close(), hang?.close(), stall?.close()]);
  });

  it('a server that accepts and never answers ends as error TIMEOUT within --timeout 1s, exit 1, and the gate counts it', async () => {
    const t0 = Date.now();
    const [r, handshake] = await Promise.all([
      runCli(['check', '--env', 'staging', '--timeout', '1s', '--json'], dir, ENV),
      runCli(['probe', 'tls/cert-expiry', `127.0.0.1:${stall.port}`, '--timeout', '1s', '--json'], dir, ENV),
    ]);
    const elapsed = Date.now() - t0;
    // The probes end after 1 s (durationMs below); the rest is starting two CLI processes and storing the
    // run. Far below the 20 s of golive.yaml either way.
    expect(elapsed).toBeLessThan(8_000);

    expect(r.code, r.stderr).toBe(1);
    const doc = checkDoc(r);
    expect(doc.environment).toBe('staging');
    expect(doc.counts).toMatchObject({ pass: 1, error: 1 });
    expect(result(doc, 'http/status', `${site.origin}/`).status).toBe('pass');
    const api = result(doc, 'http/status', hang.url);
    expect(api).toMatchObject({ task: 'shop.api', status: 'error', code: 'TIMEOUT' });
    expect(api.durationMs).toBeGreaterThanOrEqual(900);
    expect(api.durationMs).toBeLessThan(2_500);

    // A TLS handshake that stalls ends the same way, through golive probe.
    expect(handshake.code, handshake.stderr).toBe(1);
    const hs = checkDoc(handshake).results[0];
    expect(hs).toMatchObject({ status: 'error', code: 'TIMEOUT' });
    expect(hs?.durationMs).toBeLessThan(2_500);

    // error blocks like fail: not verified is not verified.
    const gate = gateDoc(await runCli(['gate', '--env', 'staging', '--json'], dir, ENV));
    const noGo = gate.gate.reasons.find((x) => x.rule === 'checks' && x.level === 'no-go');
    expect(noGo?.message).toMatch(/fails its checks in staging/);
    expect(noGo?.tasks.map((t) => t.id)).toEqual(['shop.api']);
    expect(noGo?.tasks[0]?.checks).toEqual([expect.objectContaining({ rule: 'http/status', target: hang.url, status: 'error' })]);
  });

  it('Ctrl-C stops the run: exit 130 within seconds, the finished result is kept and recorded', async () => {
    const before = JSON_DOCUMENTS.report.parse(json(await runCli(['report', '--json'], dir, ENV)));
    expect(before.gate.reasons.find((x) => x.rule === 'checks')?.tasks.map((t) => t.id).sort()).toEqual(['shop.api', 'shop.home']);

    const child = startCli(['check'], dir, { ...ENV, GOLIVE_PROGRESS: '1' });
    const done = finished(child);
    await stderrShows(child, new RegExp(`\\[1/2\\] pass +http/status ${site.origin}/ \\(\\d+ ms\\)`));
    const t0 = Date.now();
    child.kill('SIGINT');
    const r = await done;
    const elapsed = Date.now() - t0;
    expect(r.code, r.stderr).toBe(130);
    expect(elapsed).toBeLessThan(5_000);
    expect(r.stdout).toMatch(/\(production\): 1 pass\n/);
    expect(r.stdout).toMatch(new RegExp(`PASS +shop\\.home http/status ${site.origin}/`));
    expect(r.stdout).not.toMatch(/shop\.api/);
    // The notice is part of the report, on standard output (not stderr).
    expect(r.stdout).toMatch(/Cancelled: the results above finished before the interruption and were kept\./);
    noStack(r);

    // The run is recorded (one more audit entry, marked cancelled) and the gate sees the kept result:
    // only the interrupted check is still without a result.
    const after = JSON_DOCUMENTS.report.parse(json(await runCli(['report', '--json'], dir, ENV)));
    expect(after.audit.entries).toBe(before.audit.entries + 1);
    const checks = after.gate.reasons.filter((x) => x.rule === 'checks');
    expect(checks).toHaveLength(1);
    expect(checks[0]?.tasks.map((t) => t.id)).toEqual(['shop.api']);
    expect(checks[0]?.tasks[0]?.checks).toEqual([expect.objectContaining({ rule: 'http/status', target: hang.url, status: 'unverified' })]);
    const last = (await auditEntries(dir)).at(-1);
    expect(last).toMatchObject({ action: 'checks.run', actor: 'ci-bot', payload: expect.objectContaining({ environment: 'production', cancelled: true, results: 1, counts: expect.objectContaining({ pass: 1, error: 0 }) }) });
  });

  it('pinned clock: a check passes, then fails in a later run, and the later result is stamped before the earlier one', async () => {
    const first = await runCli(['check', '--env', 'rehearsal', '--json'], dir, ENV);
    expect(first.code, first.stderr).toBe(0);
    expect(result(checkDoc(first), 'http/status', flipUrl()).status).toBe('pass');
    flipStatus = 503;
    const second = await runCli(['check', '--env', 'rehearsal', '--task', 'shop.flip', '--json'], dir, ENV);
    expect(second.code, second.stderr).toBe(1);
    expect(result(checkDoc(second), 'http/status', flipUrl()).status).toBe('fail');
    // Each run's clock starts again at GOLIVE_NOW: the first run reached /flip after /slow (~800 ms in),
    // the second at once. This is the set-up of the bug the next test shows.
    expect(startedAt(second, 'http/status', flipUrl())).toBeLessThan(startedAt(first, 'http/status', flipUrl()));
  });

  // Per check the gate keeps the result of the latest recorded run, not the one with the latest
  // startedAt: under a pinned clock every run's clock restarts at GOLIVE_NOW, so the stale pass of the
  // first run (stamped ~800 ms after GOLIVE_NOW) must not win over the newer fail.
  it('pinned clock: the gate judges the newest run, so the blocker fails its checks', async () => {
    const gate = gateDoc(await runCli(['gate', '--env', 'rehearsal', '--json'], dir, ENV));
    const noGo = gate.gate.reasons.find((x) => x.rule === 'checks' && x.level === 'no-go');
    expect(noGo?.tasks.map((t) => t.id)).toEqual(['shop.flip']);
    expect(noGo?.tasks[0]?.checks).toEqual([expect.objectContaining({ rule: 'http/status', target: flipUrl(), status: 'fail' })]);
  });
});
