import { describe, expect, it } from 'vitest';
import type { FetchEvidence } from './evidence.js';
import { httpsRedirectRule } from './https-redirect.rule.js';
import { compare, fetched, hop, redirectHop, type RuleCase } from './test-helpers.js';

const valid: RuleCase<FetchEvidence>[] = [
  { name: '301 to https on the same host', evidence: fetched([redirectHop('http://example.com/', 'https://example.com/'), hop('https://example.com/', 200)]), status: 'pass', codes: [] },
  { name: '308 to the canonical host', evidence: fetched([redirectHop('http://example.com/', 'https://www.example.com/', 308), hop('https://www.example.com/', 200)]), options: { canonicalHost: 'www.example.com' }, status: 'pass', codes: [] },
  { name: 'same host, then the canonical host', evidence: fetched([redirectHop('http://example.com/', 'https://example.com/'), redirectHop('https://example.com/', 'https://www.example.com/'), hop('https://www.example.com/', 200)]), status: 'pass', codes: [] },
  { name: 'same host on another port (rehearsal)', evidence: fetched([redirectHop('http://shop.test:8080/', 'https://shop.test:8443/'), hop('https://shop.test:8443/', 200)]), status: 'pass', codes: [] },
];

const invalid: RuleCase<FetchEvidence>[] = [
  { name: 'no redirect', evidence: fetched([hop('http://example.com/', 200)]), status: 'fail', codes: ['no-https-redirect', 'not-https'] },
  { name: '302', evidence: fetched([redirectHop('http://example.com/', 'https://example.com/', 302), hop('https://example.com/', 200)]), status: 'warn', codes: ['temporary-redirect'] },
  { name: '307', evidence: fetched([redirectHop('http://example.com/', 'https://example.com/', 307), hop('https://example.com/', 200)]), status: 'warn', codes: ['temporary-redirect'] },
  { name: 'first hop to another http URL', evidence: fetched([redirectHop('http://example.com/', 'http://www.example.com/'), redirectHop('http://www.example.com/', 'https://www.example.com/'), hop('https://www.example.com/', 200)]), status: 'warn', codes: ['first-hop-not-https'] },
  { name: 'off host without canonicalHost', evidence: fetched([redirectHop('http://example.com/', 'https://www.example.com/'), hop('https://www.example.com/', 200)]), status: 'fail', codes: ['redirect-off-host'] },
  { name: 'off to a third host', evidence: fetched([redirectHop('http://example.com/', 'https://cdn.other.net/'), hop('https://cdn.other.net/', 200)]), options: { canonicalHost: 'www.example.com' }, status: 'fail', codes: ['redirect-off-host'] },
  { name: 'http to http only', evidence: fetched([redirectHop('http://example.com/', 'http://www.example.com/'), hop('http://www.example.com/', 200)]), status: 'fail', codes: ['first-hop-not-https', 'not-https'] },
  { name: 'downgrade later in the chain', evidence: fetched([redirectHop('http://example.com/', 'https://example.com/'), redirectHop('https://example.com/', 'http://example.com/home'), redirectHop('http://example.com/home', 'https://example.com/home'), hop('https://example.com/home', 200)]), status: 'fail', codes: ['https-downgrade'] },
];

describe('http/https-redirect', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(httpsRedirectRule, c);
    expect(got, summary).toEqual(want);
  });

  it('starts from http:// for a bare host or an https URL on the default port', () => {
    const probe = (text: string) => (httpsRedirectRule.probeInput(httpsRedirectRule.target.parse(httpsRedirectRule.targetFromString(text)), httpsRedirectRule.options.parse({})) as { url: string }).url;
    expect([probe('example.com'), probe('https://example.com/shop?a=1'), probe('http://127.0.0.1:8080/'), probe('https://127.0.0.1:8443/')]).toEqual([
      'http://example.com/',
      'http://example.com/shop?a=1',
      'http://127.0.0.1:8080/',
      'https://127.0.0.1:8443/',
    ]);
  });
});
