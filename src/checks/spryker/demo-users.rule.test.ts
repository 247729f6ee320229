import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import type { DemoLoginEvidence, LoginAttempt, LoginEndpoint } from './demo-evidence.js';
import { loginPlan } from './demo-inputs.js';
import { demoUsersRule, outcomeOf } from './demo-users.rule.js';

const GLUE = 'https://glue.shop.example.com';
const URLS: Record<LoginEndpoint, string> = { 'access-tokens': `${GLUE}/access-tokens`, 'agent-access-tokens': `${GLUE}/agent-access-tokens`, 'backend-token': 'https://glue-backend.shop.example.com/token/' };

const tried = (endpoint: LoginEndpoint, username: string, extra: Partial<LoginAttempt>): LoginAttempt => ({ endpoint, url: URLS[endpoint], username, tried: true, ...extra });
const refused = (endpoint: LoginEndpoint, username: string): LoginAttempt =>
  tried(endpoint, username, { status: 401, errorCode: endpoint === 'agent-access-tokens' ? '4001' : endpoint === 'access-tokens' ? '003' : 'invalid_grant', tokenIssued: false });
const loggedIn = (endpoint: LoginEndpoint, username: string): LoginAttempt => tried(endpoint, username, { status: 201, tokenIssued: true });
const notTried = (endpoint: LoginEndpoint, username: string, why: LoginAttempt['notTried']): LoginAttempt => ({ endpoint, url: URLS[endpoint], username, tried: false, notTried: why });
const ev = (attempts: LoginAttempt[], extra: Partial<DemoLoginEvidence> = {}): DemoLoginEvidence => ({ allowed: true, attempts, ...extra });

const CUSTOMER = 'spencor.hopkin@spryker.com';
const ADMIN = 'admin@spryker.com';

const valid: RuleCase<DemoLoginEvidence>[] = [
  { name: 'every login refused with 401 (code 003, 4001, invalid_grant)', evidence: ev([refused('access-tokens', CUSTOMER), refused('agent-access-tokens', ADMIN), refused('backend-token', ADMIN)]), status: 'pass', codes: [] },
  { name: 'the password grant refusing with 400 invalid_grant', evidence: ev([tried('backend-token', ADMIN, { status: 400, errorCode: 'invalid_grant' })]), status: 'pass', codes: [] },
  { name: 'no agent login on this Glue (404)', evidence: ev([refused('access-tokens', CUSTOMER), tried('agent-access-tokens', ADMIN, { status: 404 })]), status: 'pass', codes: [] },
  { name: 'accounts already tried elsewhere in the run', evidence: ev([refused('access-tokens', CUSTOMER), notTried('agent-access-tokens', ADMIN, 'already-tried')]), status: 'pass', codes: [] },
  { name: 'a reused refusal', evidence: ev([{ ...refused('access-tokens', CUSTOMER), reused: true }]), status: 'pass', codes: [] },
  { name: 'login probes not allowed', evidence: { allowed: false, attempts: [notTried('access-tokens', CUSTOMER, 'not-allowed')] }, status: 'skipped', codes: [] },
];

const invalid: RuleCase<DemoLoginEvidence>[] = [
  { name: 'a demo customer gets a token', evidence: ev([loggedIn('access-tokens', CUSTOMER), refused('agent-access-tokens', ADMIN)]), status: 'fail', codes: ['demo-customer-logs-in'] },
  { name: 'the admin logs in as an agent and on the backend API', evidence: ev([refused('access-tokens', CUSTOMER), loggedIn('agent-access-tokens', ADMIN), loggedIn('backend-token', ADMIN)]), status: 'fail', codes: ['demo-admin-logs-in', 'demo-admin-logs-in'] },
  { name: 'a 201 without a token is still a login', evidence: ev([tried('access-tokens', CUSTOMER, { status: 201, tokenIssued: false })]), status: 'fail', codes: ['demo-customer-logs-in'] },
  { name: 'a reused 201 from another check', evidence: ev([{ ...loggedIn('backend-token', ADMIN), reused: true }]), status: 'fail', codes: ['demo-admin-logs-in'] },
  {
    name: 'the first 429 stops the run',
    evidence: ev([refused('access-tokens', CUSTOMER), tried('access-tokens', 'maria.williams@spryker.com', { status: 429 }), notTried('agent-access-tokens', ADMIN, 'throttled')], { throttledAt: { url: URLS['access-tokens'], username: 'maria.williams@spryker.com' } }),
    status: 'warn', codes: ['login-throttled'],
  },
  { name: 'held back by a 429 in another check', evidence: ev([notTried('access-tokens', CUSTOMER, 'throttled')], { throttledAt: { url: URLS['access-tokens'], username: 'x@spryker.com' } }), status: 'warn', codes: ['login-throttled'] },
  { name: 'a login with a demo token beats a throttle', evidence: ev([loggedIn('access-tokens', CUSTOMER), tried('agent-access-tokens', ADMIN, { status: 429 })]), status: 'fail', codes: ['demo-customer-logs-in', 'login-throttled'] },
  { name: '403 for an unconfirmed account or a WAF', evidence: ev([tried('access-tokens', CUSTOMER, { status: 403, detail: 'Email not confirmed' })]), status: 'warn', codes: ['login-forbidden'] },
  { name: '415 from a proxy', evidence: ev([tried('access-tokens', CUSTOMER, { status: 415 })]), status: 'warn', codes: ['login-unexpected-answer'] },
  { name: '422 code 901', evidence: ev([tried('access-tokens', CUSTOMER, { status: 422, errorCode: '901' })]), status: 'warn', codes: ['login-unexpected-answer'] },
  {
    name: 'a login cut by the time limit and the rest not sent',
    evidence: ev([refused('access-tokens', CUSTOMER), tried('agent-access-tokens', ADMIN, { error: { code: 'TIMEOUT', message: 'no answer' } }), notTried('backend-token', ADMIN, 'time-limit')]),
    status: 'warn', codes: ['login-not-verified'],
  },
  { name: 'the host refused the connection for later logins', evidence: ev([tried('backend-token', ADMIN, { error: { code: 'CONNECTION_RESET', message: 'reset' } }), notTried('backend-token', 'admin_de@spryker.com', 'earlier-error')]), status: 'warn', codes: ['login-not-verified'] },
];

describe('spryker/demo-users', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(demoUsersRule, c);
    expect(got, summary).toEqual(want);
  });

  it('gives the skipped verdict a hint how to allow login probes', () => {
    const v = demoUsersRule.judge(valid.at(-1)!.evidence, demoUsersRule.options.parse({}), ruleCtx);
    expect(v.findings).toEqual([expect.objectContaining({ code: 'login-probes-not-allowed', hint: 'run with --allow-login-probes, or set loginProbes: true on the environment' })]);
  });

  it('classifies answers by status, token first', () => {
    expect([201, 401, 429, 404, 403, 500].map((status) => outcomeOf(tried('access-tokens', CUSTOMER, { status })))).toEqual(['logged-in', 'rejected', 'throttled', 'absent', 'forbidden', 'unexpected']);
    expect(outcomeOf(tried('access-tokens', CUSTOMER, { status: 200, tokenIssued: true }))).toBe('logged-in');
  });

  it('builds a probe input with the defaults: demo customers, both admins, the demo password', () => {
    const input = demoUsersRule.probeInput({ url: GLUE }, demoUsersRule.options.parse({ glueBackendUrl: 'https://glue-backend.shop.example.com' })) as Parameters<typeof loginPlan>[0];
    expect(loginPlan(input).map((p) => `${p.kind} ${p.url} ${p.username}`)).toEqual([
      `customer ${GLUE}/access-tokens spencor.hopkin@spryker.com`,
      `customer ${GLUE}/access-tokens maria.williams@spryker.com`,
      `customer ${GLUE}/access-tokens andrew@ottom.de`,
      `agent ${GLUE}/agent-access-tokens admin@spryker.com`,
      `agent ${GLUE}/agent-access-tokens admin_de@spryker.com`,
      'backoffice-user https://glue-backend.shop.example.com/token/ admin@spryker.com',
      'backoffice-user https://glue-backend.shop.example.com/token/ admin_de@spryker.com',
    ]);
    expect(input.password).toBe('change123');
    // Without the backend URL, nothing goes to the backend API; a path prefix on Glue is kept.
    const plain = demoUsersRule.probeInput({ url: 'https://api.shop.example.com/glue' }, demoUsersRule.options.parse({ admins: [] })) as Parameters<typeof loginPlan>[0];
    expect(loginPlan(plain).map((p) => p.url)).toEqual(Array(3).fill('https://api.shop.example.com/glue/access-tokens'));
  });
});
