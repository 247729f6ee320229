import { describe, expect, it } from 'vitest';
import type { FetchEvidence } from './evidence.js';
import { noBasicAuthRule } from './no-basic-auth.rule.js';
import { compare, fetched, hop, redirectHop, type RuleCase } from './test-helpers.js';

const U = 'https://www.example.com/';
const auth = (value: string) => hop(U, 401, { headers: { 'www-authenticate': value } });

const cases: RuleCase<FetchEvidence>[] = [
  { name: 'open site', evidence: fetched([hop(U, 200)]), status: 'pass', codes: [] },
  { name: '403 is not a login prompt', evidence: fetched([hop(U, 403)]), status: 'pass', codes: [] },
  { name: 'Basic', evidence: fetched([auth('Basic realm="Staging"')]), status: 'fail', codes: ['basic-auth'] },
  { name: 'basic in lower case, after a redirect', evidence: fetched([redirectHop('http://www.example.com/', U), auth('basic realm=x')]), status: 'fail', codes: ['basic-auth'] },
  { name: 'Basic among several challenges', evidence: fetched([auth('Bearer realm="api", Basic realm="lock"')]), status: 'fail', codes: ['basic-auth'] },
  { name: 'Digest lock', evidence: fetched([auth('Digest realm="x", nonce="y"')]), status: 'warn', codes: ['auth-required'] },
  { name: '401 without a challenge', evidence: fetched([hop(U, 401)]), status: 'warn', codes: ['auth-required'] },
];

describe('http/no-basic-auth', () => {
  it.each(cases)('$name', (c) => {
    const { got, want, summary } = compare(noBasicAuthRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the realm', () => {
    const v = noBasicAuthRule.judge(fetched([auth('Basic realm="Staging"')]), {}, { now: new Date(0), goLive: new Date(0) });
    expect(v.findings[0]?.message).toContain('realm "Staging"');
  });
});
