import { describe, expect, it } from 'vitest';
import type { FetchEvidence } from './evidence.js';
import { healthRule } from './health.rule.js';
import { compare, fetched, hop, type RuleCase } from './test-helpers.js';

const H = 'https://api.example.com/health';
const json = (body: unknown, status = 200) => fetched([hop(H, status)], { contentType: 'application/json', json: body, body: JSON.stringify(body) });
const BODY = { status: 'ok', checks: { db: { status: 'up' }, cache: 'up' }, nodes: [{ id: 1 }, { id: 2 }], version: '1.4.0' };

const valid: RuleCase<FetchEvidence>[] = [
  { name: '200 without expectations', evidence: json(BODY), status: 'pass', codes: [] },
  { name: 'dotted paths and array indexes', evidence: json(BODY), options: { json: { status: 'ok', 'checks.db.status': 'up', 'nodes.1.id': 2 } }, status: 'pass', codes: [] },
  { name: 'an object value', evidence: json(BODY), options: { json: { checks: { cache: 'up', db: { status: 'up' } } } }, status: 'pass', codes: [] },
  { name: 'contains text', evidence: json(BODY), options: { contains: '"version":"1.4.0"' }, status: 'pass', codes: [] },
  { name: '204 allowed', evidence: fetched([hop(H, 204)]), options: { status: [200, 204] }, status: 'pass', codes: [] },
];

const invalid: RuleCase<FetchEvidence>[] = [
  { name: '503', evidence: json({ status: 'down' }, 503), status: 'fail', codes: ['unhealthy-status'] },
  { name: 'status value wrong', evidence: json({ ...BODY, status: 'degraded' }), options: { json: { status: 'ok' } }, status: 'fail', codes: ['json-mismatch'] },
  { name: 'nested value wrong and path missing', evidence: json(BODY), options: { json: { 'checks.db.status': 'down', 'checks.search': 'up' } }, status: 'fail', codes: ['json-mismatch', 'json-mismatch'] },
  { name: 'type matters', evidence: json(BODY), options: { json: { 'nodes.0.id': '1' } }, status: 'fail', codes: ['json-mismatch'] },
  { name: 'not JSON', evidence: fetched([hop(H, 200)], { contentType: 'text/html', body: '<html>proxy error</html>' }), options: { json: { status: 'ok' } }, status: 'fail', codes: ['not-json'] },
  { name: 'text missing', evidence: json(BODY), options: { contains: 'version 2' }, status: 'fail', codes: ['text-missing'] },
];

describe('http/health', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(healthRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the path, the value found and the value expected', () => {
    const v = healthRule.judge(json(BODY), healthRule.options.parse({ json: { 'checks.db.status': 'down' } }), { now: new Date(0), goLive: new Date(0) });
    expect(v.findings[0]?.message).toBe('checks.db.status is "up", expected "down"');
  });
});
