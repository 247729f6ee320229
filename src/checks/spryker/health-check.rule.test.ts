import { describe, expect, it } from 'vitest';
import type { FetchEvidence } from '../http/evidence.js';
import { compare, fetched, hop, redirectHop, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import { failingServices, healthCheckRule, healthUrlOf } from './health-check.rule.js';

const H = 'https://glue.shop.example.com/health-check';
const answer = (status: number, json?: unknown): FetchEvidence => fetched([hop(H, status)], json === undefined ? {} : { contentType: 'application/json', json, body: JSON.stringify(json) });
const SERVICES = [{ name: 'storage', status: true, message: '' }, { name: 'search', status: false, message: 'down' }];

const valid: RuleCase<FetchEvidence>[] = [
  { name: '200 healthy', evidence: answer(200, { status: 'healthy', services: [SERVICES[0]] }), status: 'pass', codes: [] },
  { name: '200 after a redirect from http', evidence: fetched([redirectHop('http://glue.shop.example.com/health-check', H), hop(H, 200)]), status: 'pass', codes: [] },
];

const invalid: RuleCase<FetchEvidence>[] = [
  { name: '503 with a failing service', evidence: answer(503, { status: 'unhealthy', services: SERVICES }), status: 'fail', codes: ['health-check-failing'] },
  { name: '503 without a body', evidence: answer(503), status: 'fail', codes: ['health-check-failing'] },
  { name: '403: switched off (warn)', evidence: answer(403), status: 'warn', codes: ['health-check-disabled'] },
  { name: '403: switched off, must be on', evidence: answer(403), options: { whenDisabled: 'fail' }, status: 'fail', codes: ['health-check-disabled'] },
  { name: '404: no health check', evidence: answer(404), status: 'warn', codes: ['health-check-missing'] },
  { name: '401: behind basic auth', evidence: answer(401), status: 'warn', codes: ['health-check-protected'] },
  { name: '400: unknown service name', evidence: answer(400), options: { services: ['nosuch'] }, status: 'fail', codes: ['health-check-bad-request'] },
  { name: '502 from a proxy', evidence: answer(502), status: 'fail', codes: ['health-check-unexpected'] },
];

describe('spryker/health-check', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(healthCheckRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the failing services', () => {
    expect(failingServices({ services: SERVICES })).toEqual(['search']);
    expect(failingServices('not json')).toEqual([]);
    const v = healthCheckRule.judge(answer(503, { services: SERVICES }), healthCheckRule.options.parse({}), ruleCtx);
    expect(v.summary).toBe(`Spryker health check reports a problem: ${H} answered 503: search not available`);
  });

  it('adds /health-check and ?services= to the application URL', () => {
    expect(healthUrlOf('https://www.shop.example.com', [])).toBe('https://www.shop.example.com/health-check');
    expect(healthUrlOf('https://www.shop.example.com/health-check', ['storage', 'search'])).toBe('https://www.shop.example.com/health-check?services=storage,search');
    expect(healthCheckRule.probeInput({ url: 'https://glue.shop.example.com/' }, healthCheckRule.options.parse({}))).toMatchObject({ url: H, method: 'GET', follow: true });
  });
});
