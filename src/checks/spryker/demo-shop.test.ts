import { describe, expect, it } from 'vitest';
import { shopHosts, useSprykerShops } from '../../../test/support/spryker-shop.js';
import { type ShopProblems, type SprykerShop } from '../../demo/spryker/shop.js';
import { runChecks, type CheckResult, type CheckSpec } from '../../runner/runner.js';
import { fetchProbe } from '../http/fetch.probe.js';
import { ruleCtx } from '../http/test-helpers.js';
import { createRegistry } from '../registry.js';
import { targetLabel } from '../targets.js';
import { demoRules } from './demo-pack.js';
import { demoProbes } from './demo-probes.js';

// Every demo rule through the real runner against the Spryker-like test shop: one shop with the
// demo-data problems planted, one clean. The shop is reached by name through --resolve overrides.

const registry = createRegistry([{ rules: demoRules, probes: [...demoProbes, fetchProbe] }]);

const shops = useSprykerShops(shopHosts('e2e.test'));

function spec(key: string, ruleId: string, target: string, options: Record<string, unknown> = {}): CheckSpec {
  const rule = registry.rules.get(ruleId)!;
  const parsed = rule.target.parse(rule.targetFromString(target));
  return { key, rule, target: parsed, label: targetLabel(parsed), options: rule.options.parse(options) };
}

async function checkShop(problems: Partial<ShopProblems>): Promise<{ s: SprykerShop; results: CheckResult[] }> {
  const s = await shops.shop(problems);
  const specs = [
    spec('users', 'spryker/demo-users', s.urls.glue, { glueBackendUrl: s.urls.glueBackend }),
    spec('catalogue', 'spryker/demo-catalogue', s.urls.glue, { yvesUrl: s.urls.yves }),
    spec('backoffice', 'spryker/backoffice-exposure', s.urls.backoffice),
    ...(['yves', 'glue', 'backoffice'] as const).map((app) => spec(`health:${app}`, 'spryker/health-check', s.urls[app])),
  ];
  const net = { resolvers: [], resolve: s.resolve, ca: shops.ca(), timeoutMs: 5000 };
  const { results } = await runChecks(specs, { registry, net, concurrency: 4, retries: 1, now: () => new Date(), goLive: ruleCtx.goLive, cwd: '.', allowLogin: true });
  return { s, results };
}

const statuses = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.key, r.status]));

describe('the spryker demo rules against the Spryker-like test shop', () => {
  it('find every planted demo-data problem, and say the answers came from golive\'s test shop', async () => {
    const { results } = await checkShop({ demoAdminLogsIn: true, demoCustomersLogIn: true, demoCatalogue: true, backofficePublic: true, healthCheck: 'disabled' });
    expect(statuses(results)).toEqual({ users: 'fail', catalogue: 'fail', backoffice: 'warn', 'health:yves': 'warn', 'health:glue': 'warn', 'health:backoffice': 'warn' });
    for (const r of results) expect(r.findings.map((f) => f.code), r.key).toContain('golive-demo-shop');
    expect(JSON.stringify(results)).not.toContain('change123');
  });

  it('pass a clean shop, and fail a failing health check', async () => {
    const clean = await checkShop({});
    expect(statuses(clean.results)).toEqual({ users: 'pass', catalogue: 'pass', backoffice: 'pass', 'health:yves': 'pass', 'health:glue': 'pass', 'health:backoffice': 'pass' });
    const failing = await checkShop({ healthCheck: 'failing' });
    expect(failing.results.filter((r) => r.key.startsWith('health:')).map((r) => r.findings[0]?.message)).toEqual([
      `${failing.s.urls.yves}/health-check answered 503: search not available`,
      `${failing.s.urls.glue}/health-check answered 503: search not available`,
      `${failing.s.urls.backoffice}/health-check answered 503: search not available`,
    ]);
  });
});
