// The fault sweep: every misbehaving server at once, through the real runner and the built-in rules.
// Each check ends as `error` with its code within the time limit plus one second, and the sweep
// as a whole completes; nothing is mocked (real loopback servers on port 0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinRegistry, type Registry } from '../src/checks/registry.js';
import { targetLabel } from '../src/checks/targets.js';
import type { NetOptions } from '../src/checks/types.js';
import { runChecks, type CheckSpec } from '../src/runner/runner.js';
import { startZoneServer, type ZoneServer } from './support/dns-server.js';
import { FAULTS, startFaultServers, type FaultKind } from './support/http-servers.js';
import { startStallServer, type RunningServer } from './support/tls-server.js';

const TIMEOUT_MS = 1500;
let registry: Registry;
let http: Awaited<ReturnType<typeof startFaultServers>>;
let stall: RunningServer;
let dns: ZoneServer;

const soa = { name: 'sweep.test', type: 'SOA' as const, primary: 'ns1.sweep.test', admin: 'hostmaster.sweep.test', serial: 1, refresh: 3600, retry: 600, expiration: 86400, minimum: 60 };

beforeAll(async () => {
  registry = await loadBuiltinRegistry();
  http = await startFaultServers();
  stall = await startStallServer();
  dns = await startZoneServer({
    records: [soa, { name: 'sweep.test', type: 'CNAME', domain: 'elsewhere.example' }, { name: 'www.sweep.test', type: 'A', address: '127.0.0.1' }],
    behaviour: { 'silent.sweep.test': 'drop', 'broken.sweep.test': 'servfail' },
  });
});

afterAll(async () => {
  await Promise.all([http?.close(), stall?.close(), dns?.close()]);
});

function spec(key: string, ruleId: string, target: string, options: Record<string, unknown> = {}): CheckSpec {
  const rule = registry.rules.get(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const parsed = rule.target.parse(rule.targetFromString(target));
  return { key, rule, target: parsed, label: targetLabel(parsed), options: rule.options.parse(options) };
}

describe('fault sweep', () => {
  it('ends every fault as error with its code within the time limit plus one second, and completes', async () => {
    const net: NetOptions = { resolvers: [dns.spec], resolve: {}, ca: [], timeoutMs: TIMEOUT_MS };
    const expected: Record<string, string> = {};
    const specs: CheckSpec[] = [];
    for (const [kind, server] of Object.entries(http.byKind) as [FaultKind, { url: string }][]) {
      specs.push(spec(`http:${kind}`, 'http/status', server.url));
      expected[`http:${kind}`] = FAULTS[kind].expect;
    }
    specs.push(spec('tls:stall', 'tls/chain-trusted', `127.0.0.1:${stall.port}`));
    expected['tls:stall'] = 'TIMEOUT';
    specs.push(spec('dns:timeout', 'dns/records', 'silent.sweep.test'));
    expected['dns:timeout'] = 'DNS_TIMEOUT|TIMEOUT';
    specs.push(spec('dns:servfail', 'dns/records', 'broken.sweep.test'));
    expected['dns:servfail'] = 'DNS_SERVFAIL';
    specs.push(spec('dns:nxdomain', 'dns/records', 'missing.sweep.test'));
    expected['dns:nxdomain'] = 'DNS_NOT_FOUND';

    const started = performance.now();
    const { results } = await runChecks(specs, { registry, net, concurrency: 16, retries: 1, now: () => new Date(), goLive: new Date(Date.now() + 30 * 86_400_000), cwd: process.cwd() });
    const wall = performance.now() - started;

    expect(results.map((r) => r.key).sort()).toEqual(specs.map((s) => s.key).sort());
    for (const r of results) {
      expect(r.status, `${r.key}: ${r.summary}`).toBe('error');
      expect(r.code, `${r.key}: ${r.summary}`).toMatch(new RegExp(`^(${expected[r.key]})$`));
      expect(r.durationMs, r.key).toBeLessThan(TIMEOUT_MS + 1000);
      expect(r.findings[0]?.hint, r.key).toMatch(/\w{4}/);
    }
    // Everything ran side by side: the sweep takes about one time limit, not the sum of them.
    expect(wall).toBeLessThan(TIMEOUT_MS * 2 + 1000);
  });

  it('judges an apex CNAME (which dns2 serves and real servers refuse) as a failure, not an error', async () => {
    const net: NetOptions = { resolvers: [dns.spec], resolve: {}, ca: [], timeoutMs: TIMEOUT_MS };
    const { results } = await runChecks([spec('apex', 'dns/apex', 'sweep.test')], { registry, net, concurrency: 1, retries: 0, now: () => new Date(), goLive: new Date(), cwd: process.cwd() });
    expect(results[0]).toMatchObject({ status: 'fail' });
    expect(results[0]!.findings.map((f) => f.code)).toContain('apex-cname');
  });
});
