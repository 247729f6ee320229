import { describe, expect, it } from 'vitest';
import { edit, evidenceOf, GOOD_DEPLOY as G, judgeWith } from '../../spryker/deploy/test-helpers.js';
import { deployMailRule } from './deploy-mail.rule.js';

const cases = [
  { name: 'a sender on the project domain', text: G, status: 'pass', codes: [] },
  { name: 'no sender', text: edit(G, /            mail:\n(.*\n){3}/, ''), status: 'fail', codes: ['mail-sender-missing'] },
  { name: 'the demo sender', text: edit(G, 'no-reply@shop.com', 'no-reply@spryker.local'), status: 'fail', codes: ['mail-sender-demo-domain'] },
  { name: 'a sender outside the declared domains', text: edit(G, 'no-reply@shop.com', 'no-reply@mailer.net'), status: 'warn', codes: ['mail-sender-outside-domains'] },
];

describe('spryker/deploy-mail', () => {
  it.each(cases)('$name', (c) => {
    const j = judgeWith(deployMailRule, evidenceOf(c.text));
    expect({ status: j.status, codes: j.codes, hintless: j.hintless }).toEqual({ status: c.status, codes: [...c.codes].sort(), hintless: [] });
  });

  it('names the sender when it passes, for the DNS checks that follow', () => {
    const j = judgeWith(deployMailRule, evidenceOf(G));
    expect(j.summary).toBe('Deploy file sets a real mail sender: no-reply@shop.com');
    expect(j.verdict.findings).toEqual([expect.objectContaining({ severity: 'info', code: 'mail-sender' })]);
  });
});
