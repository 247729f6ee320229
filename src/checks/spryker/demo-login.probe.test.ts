import { describe, expect, it } from 'vitest';
import { shopHosts, useSprykerShops } from '../../../test/support/spryker-shop.js';
import { startFaultServer, type FaultServer } from '../../../test/support/http-servers.js';
import { type ShopProblems, type SprykerShop } from '../../demo/spryker/shop.js';
import { runChecks, type CheckSpec } from '../../runner/runner.js';
import { failure, probeCtx, ruleCtx } from '../http/test-helpers.js';
import { createRegistry } from '../registry.js';
import { targetLabel } from '../targets.js';
import { ProbeError, type NetOptions, type ProbeContext } from '../types.js';
import type { DemoLoginInput } from './demo-inputs.js';
import { demoLoginProbe } from './demo-login.probe.js';
import { demoUsersRule } from './demo-users.rule.js';

const shops = useSprykerShops(shopHosts('login.test'));

async function shop(problems: Partial<ShopProblems> = {}): Promise<SprykerShop> {
  const s = await shops.shop(problems);
  return s;
}

const ctxFor = (s: SprykerShop, allowLogin: boolean, timeoutMs = 5000): ProbeContext => ({ ...probeCtx({ resolve: s.resolve, ca: shops.ca(), timeoutMs }), allowLogin });

/** The rule's probe input with its default options, against the shop's Glue and backend API. */
const inputFor = (s: SprykerShop, extra: Record<string, unknown> = {}, glueUrl = s.urls.glue) =>
  demoUsersRule.probeInput({ url: glueUrl }, demoUsersRule.options.parse({ glueBackendUrl: s.urls.glueBackend, ...extra })) as DemoLoginInput;

/** Logins the shop saw, per "kind username". */
function loginCounts(s: SprykerShop): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of s.requests.filter((x) => x.login)) counts[`${r.login} ${r.username}`] = (counts[`${r.login} ${r.username}`] ?? 0) + 1;
  return counts;
}

const EVERY_LOGIN = {
  'customer spencor.hopkin@spryker.com': 1, 'customer maria.williams@spryker.com': 1, 'customer andrew@ottom.de': 1,
  'agent admin@spryker.com': 1, 'agent admin_de@spryker.com': 1,
  'backoffice-user admin@spryker.com': 1, 'backoffice-user admin_de@spryker.com': 1,
};

describe('spryker/demo-login against the Spryker-like test shop', () => {
  it('sends no login at all when login probes are not allowed, and says so', async () => {
    const s = await shop({ demoCustomersLogIn: true, demoAdminLogsIn: true });
    const e = await demoLoginProbe.run(inputFor(s), ctxFor(s, false));
    expect(s.requests).toEqual([]);
    expect(e.allowed).toBe(false);
    expect(e.attempts.map((a) => [a.tried, a.notTried])).toEqual(Array(7).fill([false, 'not-allowed']));
    const v = demoUsersRule.judge(e, demoUsersRule.options.parse({}), ruleCtx);
    expect([v.status, v.findings[0]?.code, v.findings[0]?.hint]).toEqual(['skipped', 'login-probes-not-allowed', expect.stringContaining('--allow-login-probes')]);
  });

  it('tries each account once per kind and reports the demo logins that work, without passwords or tokens', async () => {
    const s = await shop({ demoCustomersLogIn: true, demoAdminLogsIn: true });
    const e = await demoLoginProbe.run(inputFor(s), ctxFor(s, true));
    expect(loginCounts(s)).toEqual(EVERY_LOGIN);
    expect(e.attempts.filter((a) => a.tokenIssued).map((a) => `${a.endpoint} ${a.username}`)).toEqual([
      'access-tokens spencor.hopkin@spryker.com', 'access-tokens maria.williams@spryker.com', 'access-tokens andrew@ottom.de',
      'agent-access-tokens admin@spryker.com', 'backend-token admin@spryker.com', 'backend-token admin_de@spryker.com',
    ]);
    expect(e.attempts.find((a) => a.username === 'admin_de@spryker.com' && a.endpoint === 'agent-access-tokens')).toMatchObject({ status: 401, errorCode: '4001' });
    expect(JSON.stringify(e)).not.toMatch(/change123|golive-demo-\w+-token/);
    const v = demoUsersRule.judge(e, demoUsersRule.options.parse({}), ruleCtx);
    expect(v.status).toBe('fail');
    expect([...new Set(v.findings.filter((f) => f.severity === 'fail').map((f) => f.code))].sort()).toEqual(['demo-admin-logs-in', 'demo-customer-logs-in']);
    expect(v.findings.map((f) => f.code)).toContain('golive-demo-shop');
  });

  it('passes when the shop refuses the demo password with 401 (code 003)', async () => {
    const s = await shop();
    const e = await demoLoginProbe.run(inputFor(s), ctxFor(s, true));
    expect(e.attempts.filter((a) => a.endpoint === 'access-tokens').map((a) => [a.status, a.errorCode])).toEqual(Array(3).fill([401, '003']));
    const v = demoUsersRule.judge(e, demoUsersRule.options.parse({}), ruleCtx);
    expect([v.status, v.summary]).toEqual(['pass', 'No demo user logs in with the demo password: 7 demo login(s) refused the demo password']);
  });

  it('sends one login for accounts listed twice in other spellings', async () => {
    const s = await shop();
    await demoLoginProbe.run(inputFor(s, { customers: [' karl@spryker.com', 'KARL@spryker.com', 'karl@spryker.com', '  '], admins: [] }), ctxFor(s, true));
    expect(loginCounts(s)).toEqual({ 'customer karl@spryker.com': 1 });
  });

  it('stops at the first 429: one login sent, the others reported as not tried', async () => {
    const s = await shop({ throttleAfter: 0 });
    const e = await demoLoginProbe.run(inputFor(s), ctxFor(s, true));
    expect(s.requests.filter((r) => r.login)).toHaveLength(1);
    expect(e.throttledAt).toEqual({ url: `${s.urls.glue}/access-tokens`, username: 'spencor.hopkin@spryker.com' });
    expect(e.attempts.slice(1).map((a) => a.notTried)).toEqual(Array(6).fill('throttled'));
    const v = demoUsersRule.judge(e, demoUsersRule.options.parse({}), ruleCtx);
    expect([v.status, v.findings.filter((f) => f.severity === 'warn').map((f) => f.code)]).toEqual(['warn', ['login-throttled']]);
  });

  it('never tries an account twice with the same run context, even in other probe runs: it reuses the answer or skips', async () => {
    const s = await shop({ demoAdminLogsIn: true });
    const ctx = ctxFor(s, true);
    const first = await demoLoginProbe.run(inputFor(s), ctx);
    const again = await demoLoginProbe.run(inputFor(s, { password: 'other' }), ctx);
    const elsewhere = await demoLoginProbe.run(inputFor(s, {}, `${s.urls.glue}/v1`), ctx);
    expect(loginCounts(s)).toEqual(EVERY_LOGIN);
    expect(again.attempts.map((a) => [a.reused, a.status])).toEqual(first.attempts.map((a) => [true, a.status]));
    expect(elsewhere.attempts.map((a) => a.reused ?? a.notTried)).toEqual([...Array(5).fill('already-tried'), true, true]);
  });

  it('ends against a server that never answers as a non-transient TIMEOUT within the time limit + 1 s', async () => {
    const hang: FaultServer = await startFaultServer('hang');
    try {
      const input = { glueUrl: hang.url, glueBackendUrl: null, customers: ['spencor.hopkin@spryker.com', 'maria.williams@spryker.com'], admins: [], password: 'change123' };
      const r = await failure(() => demoLoginProbe.run(input, { ...probeCtx({ timeoutMs: 800 }), allowLogin: true }));
      expect({ code: r.code, inTime: r.ms < 800 + 1000, transient: (r.error as ProbeError).transient }).toEqual({ code: 'TIMEOUT', inTime: true, transient: false });
    } finally {
      await hang.close();
    }
  });
});

describe('spryker/demo-users through the runner', () => {
  const registry = createRegistry([{ rules: [demoUsersRule], probes: [demoLoginProbe] }]);
  const spec = (key: string, s: SprykerShop, options: Record<string, unknown>): CheckSpec => {
    const target = demoUsersRule.target.parse(demoUsersRule.targetFromString(s.urls.glue));
    return { key, rule: demoUsersRule, target, label: targetLabel(target), options: demoUsersRule.options.parse({ glueBackendUrl: s.urls.glueBackend, ...options }) };
  };
  const run = (specs: CheckSpec[], net: NetOptions, allowLogin: boolean) =>
    runChecks(specs, { registry, net, concurrency: 4, retries: 2, now: () => new Date(), goLive: ruleCtx.goLive, cwd: '.', allowLogin });

  it('sends one login per account per run, whether checks share the probe or overlap with other options', async () => {
    const s = await shop({ demoAdminLogsIn: true });
    const net = (): NetOptions => ({ resolvers: [], resolve: s.resolve, ca: shops.ca(), timeoutMs: 5000 });
    const specs = [spec('a', s, {}), spec('b', s, {}), spec('c', s, { customers: ['spencor.hopkin@spryker.com', 'sonia@spryker.com'] })];
    const { results } = await run(specs, net(), true);
    expect(loginCounts(s)).toEqual({ ...EVERY_LOGIN, 'customer sonia@spryker.com': 1 });
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail', 'fail']);
    // A new run (a new set of network options) may try each account once more, and only once.
    await run(specs, net(), true);
    expect(Object.values(loginCounts(s))).toEqual(Array(8).fill(2));
  });

  it('is never retried by the runner once a login may have gone out, even after a transient error', async () => {
    const reset = await startFaultServer('reset');
    try {
      const target = demoUsersRule.target.parse(demoUsersRule.targetFromString(reset.url));
      const options = demoUsersRule.options.parse({ admins: [] });
      const { results } = await run([{ key: 'r', rule: demoUsersRule, target, label: targetLabel(target), options }], { resolvers: [], resolve: {}, ca: [], timeoutMs: 3000 }, true);
      expect(results.map((r) => [r.status, r.code, r.attempts])).toEqual([['error', 'CONNECTION_RESET', 1]]);
    } finally {
      await reset.close();
    }
  });

  it('sends nothing when the run does not allow login probes', async () => {
    const s = await shop({ demoAdminLogsIn: true });
    const { results } = await run([spec('a', s, {}), spec('c', s, { customers: ['sonia@spryker.com'] })], { resolvers: [], resolve: s.resolve, ca: shops.ca(), timeoutMs: 5000 }, false);
    expect(s.requests).toEqual([]);
    expect(results.map((r) => r.status)).toEqual(['skipped', 'skipped']);
  });
});
