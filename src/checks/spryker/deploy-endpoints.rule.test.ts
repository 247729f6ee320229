import { describe, expect, it } from 'vitest';
import { edit, evidenceOf, GOOD_DEPLOY as G, judgeWith } from '../../spryker/deploy/test-helpers.js';
import { deployEndpointsRule } from './deploy-endpoints.rule.js';

const cases = [
  { name: 'the real hosts of the project', text: G, status: 'pass', codes: [] },
  { name: 'a local host', text: edit(G, 'www.de.shop.com:', 'yves.de.spryker.local:'), status: 'fail', codes: ['host-local'] },
  { name: 'a host outside the declared domains', text: edit(G, 'glue.de.shop.com:', 'glue.de.shop.net:'), status: 'fail', codes: ['host-outside-domains'] },
  { name: 'a store without Glue', text: edit(G, /            Glue:\n(.*\n){6}/, ''), status: 'fail', codes: ['store-missing-endpoint'] },
  { name: 'no primal endpoint', text: edit(G, '                        primal: true\n', ''), status: 'warn', codes: ['no-primal-endpoint'] },
  { name: 'a redirect with type: and no scheme', text: edit(edit(G, 'code: 301', 'type: 301'), 'url: https://www.de.shop.com', 'url: www.de.shop.com'), status: 'warn', codes: ['redirect-code-missing', 'redirect-ignored-key', 'redirect-url-no-scheme'] },
  { name: 'a service host outside the domains, service hosts not judged', text: edit(G, 'scheduler.shop.com:', 'jenkins.other.com:'), options: { checkServiceHosts: false }, status: 'pass', codes: [] },
  { name: 'a service host outside the domains, judged', text: edit(G, 'scheduler.shop.com:', 'jenkins.other.com:'), status: 'fail', codes: ['host-outside-domains'] },
];

describe('spryker/deploy-endpoints', () => {
  it.each(cases)('$name', (c) => {
    const j = judgeWith(deployEndpointsRule, evidenceOf(c.text), c.options ?? {});
    expect({ status: j.status, codes: j.codes, hintless: j.hintless }).toEqual({ status: c.status, codes: [...c.codes].sort(), hintless: [] });
  });

  it('counts the endpoints when it passes, and says how many findings it left out', () => {
    expect(judgeWith(deployEndpointsRule, evidenceOf(G)).summary).toBe('Deploy file endpoints are the real, complete set: 5 endpoints in 1 region');
    const e = evidenceOf(edit(G, 'www.de.shop.com:', 'yves.de.spryker.local:'));
    const j = judgeWith(deployEndpointsRule, { ...e, omitted: { endpoints: 12 } });
    expect(j.verdict.findings.at(-1)).toMatchObject({ severity: 'info', code: 'more-findings', message: expect.stringMatching(/^12 more endpoints findings/) });
  });
});
