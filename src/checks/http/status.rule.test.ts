import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../types.js';
import type { FetchEvidence } from './evidence.js';
import { healthRule } from './health.rule.js';
import { noBasicAuthRule } from './no-basic-auth.rule.js';
import { statusRule } from './status.rule.js';
import { compare, fetched, hop, redirectHop, type RuleCase } from './test-helpers.js';

const U = 'https://www.example.com/';

const valid: RuleCase<FetchEvidence>[] = [
  { name: '200 by default', evidence: fetched([hop(U, 200)]), status: 'pass', codes: [] },
  { name: '200 after a redirect', evidence: fetched([redirectHop('https://example.com/', U), hop(U, 200)]), status: 'pass', codes: [] },
  { name: 'one of a list', evidence: fetched([hop(U, 204)]), options: { status: [200, 204] }, status: 'pass', codes: [] },
  { name: 'the redirect itself when not following', evidence: fetched([redirectHop(U, 'https://x/', 301)]), options: { status: 301, follow: false }, status: 'pass', codes: [] },
];

const invalid: RuleCase<FetchEvidence>[] = [
  { name: '404', evidence: fetched([hop(U, 404)]), status: 'fail', codes: ['unexpected-status'] },
  { name: '503 maintenance page', evidence: fetched([hop(U, 503)]), status: 'fail', codes: ['unexpected-status'] },
  { name: 'not in the list', evidence: fetched([hop(U, 200)]), options: { status: [204] }, status: 'fail', codes: ['unexpected-status'] },
  { name: 'redirect when 200 is expected', evidence: fetched([redirectHop(U, 'https://x/', 302)]), options: { follow: false }, status: 'fail', codes: ['unexpected-status'] },
];

describe('http/status', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(statusRule, c);
    expect(got, summary).toEqual(want);
  });

  it('shares one probe run with http/health and http/no-basic-auth on the same URL', () => {
    const target = statusRule.targetFromString('www.example.com');
    const inputs = ([statusRule, healthRule, noBasicAuthRule] as AnyRule[]).map((r) => JSON.stringify(r.probeInput(r.target.parse(target), r.options.parse({}))));
    expect(new Set(inputs).size).toBe(1);
    expect(JSON.parse(inputs[0]!)).toMatchObject({ url: U, follow: true });
    expect(statusRule.probeInput({ url: U }, statusRule.options.parse({ follow: false }))).toMatchObject({ follow: false });
  });
});
