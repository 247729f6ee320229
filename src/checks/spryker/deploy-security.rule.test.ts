import { describe, expect, it } from 'vitest';
import { edit, evidenceOf, GOOD_DEPLOY as G, judgeWith } from '../../spryker/deploy/test-helpers.js';
import { deploySecurityRule } from './deploy-security.rule.js';

const ENDPOINT = '                    www.de.shop.com:\n                        store: DE\n';
const withAuth = (user: string, password: string) => edit(G, ENDPOINT, `${ENDPOINT}                        auth:\n                            engine: basic\n                            users:\n                                - username: ${user}\n                                  password: ${password}\n`);

const cases = [
  { name: 'no locks, no secrets', text: G, status: 'pass', codes: [] },
  { name: 'basic auth on the storefront', text: withAuth('shop', 'Zq8-long-random-9fX'), status: 'fail', codes: ['basic-auth-storefront'] },
  { name: 'basic auth on the storefront, allowed for a rehearsal', text: withAuth('shop', 'Zq8-long-random-9fX'), options: { allowBasicAuth: true }, status: 'pass', codes: [] },
  { name: 'default credentials stay a failure even when basic auth is allowed', text: withAuth('cloud', 'cloud'), options: { allowBasicAuth: true }, status: 'fail', codes: ['default-credentials'] },
  { name: "CORS '*'", text: edit(G, 'cors-allow-origin: https://www.de.shop.com', "cors-allow-origin: '*'"), status: 'warn', codes: ['cors-any-origin'] },
  { name: "CORS '*' allowed", text: edit(G, 'cors-allow-origin: https://www.de.shop.com', "cors-allow-origin: '*'"), options: { allowCorsAnyOrigin: true }, status: 'pass', codes: [] },
  { name: 'a literal secret', text: edit(G, "'${PAYMENT_API_KEY}'", 'sk_live_abc'), status: 'fail', codes: ['literal-secret'] },
];

describe('spryker/deploy-security', () => {
  it.each(cases)('$name', (c) => {
    const j = judgeWith(deploySecurityRule, evidenceOf(c.text), c.options ?? {});
    expect({ status: j.status, codes: j.codes, hintless: j.hintless }).toEqual({ status: c.status, codes: [...c.codes].sort(), hintless: [] });
  });

  it('keeps an allowed finding visible as information, saying why', () => {
    const j = judgeWith(deploySecurityRule, evidenceOf(withAuth('shop', 'Zq8-long-random-9fX')), { allowBasicAuth: true });
    expect(j.verdict.findings).toEqual([expect.objectContaining({ severity: 'info', code: 'basic-auth-storefront', message: expect.stringMatching(/allowed by allowBasicAuth/) })]);
  });
});
