// golive load as a user runs it: the built CLI (node bin/golive.js; run `npm run build` first)
// against a loopback server in this process. No timing is asserted beyond "stops within seconds".
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finished, runCli, startCli } from '../support/cli.js';
import { parseDocument } from '../support/json-document.js';
import { startHttpServer, type TestServer } from '../support/http-servers.js';

const TOKEN = 'edge-token-7c1e-secret';
let site: TestServer;
let dir: string;
/** The request bodies the site received, in arrival order. */
const bodies: string[] = [];
beforeAll(async () => {
  site = await startHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const ms = Number(url.searchParams.get('ms') ?? 0);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => bodies.push(body));
    req.on('end', () => setTimeout(() => res.writeHead(Number(url.searchParams.get('status') ?? 200), { 'content-type': 'application/json' }).end('{"decision":"offer-a"}'), ms));
  });
  dir = mkdtempSync(path.join(tmpdir(), 'golive-load-'));
  writeFileSync(path.join(dir, 'flow.json'), '{"channel":"WEB","friendlyId":"home_hero"}');
  writeFileSync(path.join(dir, 'flow.txt'), 'not json');
  writeFileSync(path.join(dir, 'fresh.json'), '{"channel":"WEB","browserId":"{{uuid}}","n":{{n}}}');
});
afterAll(() => site.close());

const load = (args: string[], env: Record<string, string> = {}) => runCli(['load', ...args], dir, env);

describe('golive load', () => {
  it('sends at the rate for the duration and prints the golive.load/1 document', async () => {
    const before = site.requests.length;
    const r = await load([`${site.origin}/decide?ms=5`, '--rate', '40', '--duration', '1s', '--warmup', '250ms', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = parseDocument('load', r.stdout);
    expect([doc.schema, doc.ok, doc.settings.rate, doc.settings.method, doc.stats.requests, doc.stats.answered, doc.stats.errorRate]).toEqual(['golive.load/1', true, 40, 'GET', 40, 40, 0]);
    expect(doc.stats.latency?.p50).toBeGreaterThan(4);
    expect(site.requests.length - before).toBe(50);
  });

  it('posts the body file as JSON with headers from the environment, and never prints the secret', async () => {
    const before = site.requests.length;
    const r = await load([`${site.origin}/decide`, '--rate', '20', '--duration', '500ms', '--warmup', '0s', '--body', 'flow.json', '--header', 'authorization: Bearer ${env.EDGE_TOKEN}', '--header', 'X-Site: shop-eu'], { EDGE_TOKEN: TOKEN });
    expect(r.code, r.stderr).toBe(0);
    const seen = site.requests.slice(before);
    expect(seen.map((s) => [s.method, s.headers.authorization, s.headers['content-type'], s.headers['x-site']])).toEqual(Array.from({ length: 10 }, () => ['POST', `Bearer ${TOKEN}`, 'application/json', 'shop-eu']));
    expect(r.stdout).toMatch(/golive load POST .*\/decide \(headers: authorization, content-type, user-agent, x-site; body 42 bytes\)/);
    expect(r.stdout).toMatch(/requests +10 sent, 10 answered/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('fills {{uuid}} and {{n}} in the body file afresh for every request, warm-up included', async () => {
    const before = bodies.length;
    const r = await load([`${site.origin}/decide`, '--rate', '20', '--duration', '500ms', '--warmup', '250ms', '--body', 'fresh.json']);
    expect(r.code, r.stderr).toBe(0);
    const sent = bodies.slice(before).map((b) => JSON.parse(b) as { channel: string; browserId: string; n: number });
    expect(sent.length).toBe(15);
    expect(new Set(sent.map((b) => b.browserId)).size).toBe(15);
    expect(sent.every((b) => b.channel === 'WEB' && /^[0-9a-f-]{36}$/.test(b.browserId))).toBe(true);
    expect(sent.map((b) => b.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 15 }, (_v, i) => i + 1));
  });

  it('exits 1 when a budget is broken, naming it', async () => {
    const r = await load([`${site.origin}/decide?ms=60`, '--rate', '20', '--duration', '500ms', '--warmup', '0s', '--p99-under', '30ms', '--max-error-rate', '1%']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/over budget: p99 \d+(\.\d+)? ms is not under 30 ms/);
    const errors = await load([`${site.origin}/decide?status=503`, '--rate', '20', '--duration', '500ms', '--warmup', '0s', '--max-error-rate', '1%', '--format', 'md']);
    expect(errors.code).toBe(1);
    expect(errors.stdout).toMatch(/\| errors \| 100% \(status-5xx: 10\) \|/);
    expect(errors.stdout).toMatch(/\*\*Over budget\*\*: error rate 100% is above 1%/);
  });

  it('finds the peak rate within a p99 budget and prints each step', async () => {
    const r = await load([`${site.origin}/decide?ms=2`, '--find-peak', '--p99-under', '2s', '--start-rate', '10', '--step', '+10', '--max-rate', '30', '--step-duration', '500ms', '--warmup', '0s', '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\| rate \| achieved \| p50 ms \| p99 ms \| errors \| late \| result \|/);
    expect(r.stdout.match(/\| pass \|/g)).toHaveLength(3);
    expect(r.stdout).toMatch(/\*\*peak 30 req\/s within budget; stopped because it reached --max-rate within budget\*\*/);
  });

  it('prints the golive.load-peak/1 document with --json: every step, the peak and why it stopped', async () => {
    const r = await load([`${site.origin}/decide?ms=2`, '--find-peak', '--p99-under', '2s', '--start-rate', '10', '--step', '+10', '--max-rate', '20', '--step-duration', '500ms', '--warmup', '0s', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = parseDocument('load-peak', r.stdout);
    expect([doc.ok, doc.peakRate, doc.stoppedBecause, doc.steps.map((s) => [s.rate, s.pass])]).toEqual([true, 20, 'max-rate', [[10, true], [20, true]]]);
  });

  const usage: [string, string[], RegExp][] = [
    ['a rate of zero', ['--rate', '0'], /--rate 0 is not a positive number.*\nhint: e\.g\. --rate 50/],
    ['a duration too short for one request', ['--rate', '0.5', '--duration', '1s'], /too short for a single request\nhint: at 0\.5 req\/s one request is due every 2s/],
    ['no connection', ['--connections', '0'], /--connections 0 is not a whole number from 1 to 10000/],
    ['a duration without sense', ['--duration', 'soon'], /--duration soon is not a duration\nhint: use a number with a unit/],
    ['peak search without a budget', ['--find-peak'], /--find-peak needs --p99-under/],
    ['a fixed rate with peak search', ['--find-peak', '--p99-under', '300ms', '--rate', '50'], /--rate do not apply to --find-peak/],
    ['a peak flag without peak search', ['--step', '2x'], /--step only apply to --find-peak\nhint: add --find-peak/],
    ['a bad step', ['--find-peak', '--p99-under', '1s', '--step', '0.5x'], /--step 0\.5x is neither a factor nor an increment/],
    ['an unset variable', ['--header', 'x-api-key: ${env.GOLIVE_UNSET_KEY}'], /--header x-api-key uses \$\{env\.GOLIVE_UNSET_KEY\}, and GOLIVE_UNSET_KEY is not set/],
    ['a header without a colon', ['--header', 'x-api-key'], /--header "x-api-key" is not "name: value"/],
    ['a missing body file', ['--body', 'nope.json'], /cannot read the body file nope\.json: ENOENT/],
    ['a body that is not JSON', ['--body', 'flow.txt'], /flow\.txt is not JSON, and no content type was given\nhint: .*--header 'content-type: text\/plain'/],
    ['a bad status list', ['--expect-status', '2xxx'], /--expect-status 2xxx: "2xxx" is not a status/],
    ['a share above 100%', ['--max-error-rate', '150%'], /--max-error-rate 150% is not a share from 0% to 100%/],
    ['a budget without a unit', ['--p99-under', '300'], /--p99-under 300 has no unit\nhint: write the unit: --p99-under 300ms or --p99-under 300s/],
    ['a timeout without a unit', ['--timeout', '2000'], /--timeout 2000 has no unit/],
  ];
  it('refuses a header whose environment value holds a line break, without printing the value', async () => {
    const r = await load([`${site.origin}/decide`, '--header', 'x-api-key: ${env.GOLIVE_TEST_KEY}'], { GOLIVE_TEST_KEY: 'S3CR3T\r\nX-Injected: 1' });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/--header x-api-key holds a control character/);
    expect(r.stderr).not.toContain('S3CR3T');
  });

  it('refuses a URL with credentials, which it would not send, without printing them', async () => {
    const r = await load([site.origin.replace('//', '//user:S3CR3TPASS@') + '/decide']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/carries a user name or password.*\nhint: send credentials as a header/);
    expect(r.stderr).not.toContain('S3CR3TPASS');
  });

  it('fails a latency budget when the server fails fast: a latency budget brings an error budget of 1%', async () => {
    const r = await load([`${site.origin}/decide?status=503`, '--rate', '20', '--duration', '500ms', '--warmup', '0s', '--p99-under', '300ms', '--json']);
    const doc = parseDocument('load', r.stdout);
    expect([r.code, doc.ok, doc.budgets.maxErrorRate, doc.stats.errorRate]).toEqual([1, false, 0.01, 1]);
    expect(doc.broken.join(' ')).toMatch(/error rate 100%/);
  });

  it.each(usage)('refuses %s with a hint (exit 2)', async (_name, args, message) => {
    const before = site.requests.length;
    const r = await load([`${site.origin}/decide`, ...args]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
    expect(site.requests.length).toBe(before);
  });

  it('refuses a URL that is not http(s)', async () => {
    const r = await load(['ftp://example.com/']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/ftp:\/\/example\.com\/ is not an http:\/\/ or https:\/\/ URL/)]);
  });

  it('Ctrl-C stops the run: exit 130 within seconds, with the report of what finished', async () => {
    const child = startCli(['load', `${site.origin}/decide?ms=20`, '--rate', '20', '--duration', '60s', '--warmup', '0s', '--json'], dir, { GOLIVE_PROGRESS: '1' });
    const done = finished(child);
    await stderrShows(child, /sending 20 req\/s for 60s; Ctrl-C stops and reports what finished/);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const t0 = Date.now();
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.stderr).toBe(130);
    expect(Date.now() - t0).toBeLessThan(5000);
    const doc = parseDocument('load', r.stdout);
    expect([doc.interrupted, doc.ok]).toEqual([true, false]);
    expect(doc.stats.requests).toBeGreaterThan(5);
    expect(doc.stats.requests).toBeLessThan(200);
    expect(doc.stats.answered + doc.abandoned).toBe(doc.stats.requests);
  });

  it('--help teaches open loop, the intended start, the safety rule and the exit codes', async () => {
    const r = await runCli(['load', '--help'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ golive load/);
    const flat = r.stdout.replace(/\s+/g, ' ');
    for (const text of ['Open loop: requests leave on a fixed schedule', 'a closed-loop tool waits for each answer', 'Latency runs from the moment each request was due', 'Point it only at systems you own', '(default: "2s")', 'exit codes: 0 done and every given budget kept, 1 a budget broken']) expect(flat).toContain(text);
  });
});

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
